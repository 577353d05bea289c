// The msilo benchmark: Kamailio and the bundle serc compiles from the same configs/msilo.cfg, on
// SQLite and on MariaDB, through four SIPp scenarios; the highest passing rate of each, CPU and
// memory, written to bench/RESULTS.md. Run through bench/run (which installs what is missing).
//   npx tsx bench/msilo/main.ts [--quick] [--budget MIN] [--backends sqlite,mariadb]
//     [--servers kamailio,serc] [--scenarios register,offline,relay,dump] [--results FILE]
//     [--no-frontend] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../../test/support/sipp.js';
import {
  mariadbBackend,
  sqliteBackend,
  type Backend,
  type BackendName,
  type SideDatabase,
} from './databases.js';
import { frontendTimings, type FrontendTimings } from './frontend-times.js';
import { memoryFigures, type MemoryFigures } from './proc-stats.js';
import { searchRate, type SearchPlan } from './rate-search.js';
import { resultsMarkdown, resultsTable, type RowResult } from './report.js';
import { SCENARIOS, runTrial, type ScenarioName } from './scenarios.js';
import {
  CHECK_TIME_SECONDS,
  killAllServers,
  startServer,
  type RunningServer,
  type ServerKind,
} from './servers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, 'configs/msilo.cfg');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    budget: { type: 'string' },
    backends: { type: 'string' },
    servers: { type: 'string', default: 'kamailio,serc' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    results: { type: 'string', default: join(ROOT, 'bench/RESULTS.md') },
    'no-frontend': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

function listOption<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const items = value.split(',').filter(Boolean);
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) {
      console.error(`--${name}: ${item} is not one of ${allowed.join(', ')}`);
      process.exit(2);
    }
  }
  return items as T[];
}

const quick = values.quick;
// The smoke run skips MariaDB: starting it alone takes a good part of the 3 minutes.
const backends = listOption<BackendName>(
  values.backends ?? (quick ? 'sqlite' : 'sqlite,mariadb'),
  ['sqlite', 'mariadb'],
  'backends',
);
const servers = listOption<ServerKind>(values.servers, ['kamailio', 'serc'], 'servers');
const scenarios = listOption<ScenarioName>(values.scenarios, SCENARIOS, 'scenarios');
// The whole run stays within the budget: --quick is a smoke run of about 3 minutes.
const budgetMinutes = Number(values.budget ?? (quick ? 2 : 16));
const seconds = quick ? 2 : 3;
const dumpMessages = quick ? 2 : 5;

const started = new Date();
const loadBefore = os.loadavg();
const runDeadline = Date.now() + budgetMinutes * 60_000;
const dir = mkdtempSync(join(os.tmpdir(), 'serc-bench-'));
const notes: string[] = [];
const rows: RowResult[] = [];

function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** Compiles configs/msilo.cfg; returns the bundle path or why it could not. */
function compileSerc(): { bundle?: string; error?: string } {
  const out = join(dir, 'serc-out');
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'bin/serc.mjs'), 'compile', CONFIG, '-o', out, '--emit', 'bundle'],
      {
        stdio: 'pipe',
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    return {
      error: `serc compile configs/msilo.cfg failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`,
    };
  }
  // The bundle imports better-sqlite3 and mysql2 from serc's node_modules, as `serc run` arranges.
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  return { bundle: join(out, 'msilo.mjs') };
}

function planFor(scenario: ScenarioName, deadline: number): SearchPlan {
  // Dump trials deliver several MESSAGEs per REGISTER: start lower.
  const start = scenario === 'dump' ? (quick ? 10 : 25) : quick ? 50 : 200;
  return {
    startRate: start,
    maxRate: quick ? start * 4 : start * 32,
    minRate: 2,
    bisections: quick ? 0 : 3,
    tolerance: 0.1,
    deadline,
  };
}

async function benchRow(
  scenario: ScenarioName,
  backend: BackendName,
  server: ServerKind,
  db: SideDatabase,
  bundle: string | undefined,
  deadline: number,
): Promise<RowResult> {
  const logFile = join(dir, `${server}-${backend}-${scenario}.log`);
  const start = async (): Promise<RunningServer> =>
    startServer({
      kind: server,
      config: CONFIG,
      ...(bundle ? { bundle } : {}),
      port: await freePort('udp'),
      backend,
      dbUrl: db.url,
      logFile,
      ...(scenario === 'dump' ? { checkTime: CHECK_TIME_SECONDS } : {}),
    });
  let running = await start();
  let memory: MemoryFigures | undefined;
  const sampleMemory = (): void => {
    const now = memoryFigures(running.pid);
    if (!memory || now.peakRssMb > memory.peakRssMb) memory = now;
  };
  try {
    let trial = 0;
    let restart = false;
    const search = await searchRate(
      planFor(scenario, deadline),
      async (rate) => {
        // An overloaded server may not recover at once (queues, timers, heap): every trial after a
        // failure starts on a fresh server, so each rate is measured from the same clean state.
        if (restart) {
          sampleMemory();
          await running.stop();
          running = await start();
        }
        const outcome = await runTrial(
          scenario,
          { server: running, db, seconds, dumpMessages },
          rate,
          trial++,
        );
        restart = !outcome.passed;
        return outcome;
      },
      (o) =>
        log(
          `  ${server} ${backend} ${scenario} @${o.rate}/s (sent ${o.achievedRate.toFixed(0)}/s): ` +
            `${o.passed ? 'pass' : 'FAIL'} (${o.detail}), cpu ${o.cpuPercent.toFixed(0)}%`,
        ),
    );
    sampleMemory();
    return { scenario, backend, server, search, ...(memory ? { memory } : {}) };
  } finally {
    await running.stop();
    noteLockErrors(logFile, `${scenario} on ${backend}, ${server}`);
  }
}

/** SQLite lock failures explain a low rate better than a failed-call count: say so in the notes. */
function noteLockErrors(logFile: string, row: string): void {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return;
  }
  const locked = text.split('\n').filter((line) => /database is locked|SQLITE_BUSY/i.test(line)).length;
  if (locked === 0) return;
  // Kamailio 5.6's db_sqlite has no busy-timeout parameter: a write that meets another child's lock
  // fails at once instead of waiting (serc's SQLite connection waits up to its busy timeout).
  const why = row.endsWith('kamailio')
    ? ": with children=2 a write that meets the other process's lock fails at once (Kamailio 5.6's db_sqlite " +
      'has no busy-timeout setting), so m_store returns -1 and the script answers 503'
    : '';
  notes.push(`${row}: ${locked} "database is locked" lines in the server's log over the row's trials${why}.`);
}

async function openBackend(name: BackendName): Promise<Backend> {
  return name === 'sqlite' ? sqliteBackend(ROOT, dir) : mariadbBackend(ROOT);
}

/** Which serc was measured: the commit, and any runtime or compiler files changed since. */
function sercRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'runtime', 'compiler', 'configs'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    return dirty.length === 0
      ? `serc at commit ${head}.`
      : `serc at commit ${head} plus uncommitted changes to ${dirty.join(', ')}.`;
  } catch {
    return 'serc revision unknown (not a git checkout).';
  }
}

async function main(): Promise<void> {
  notes.push(sercRevision());
  log(
    `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; budget ${budgetMinutes} min; temp dir ${dir}`,
  );
  let timings: FrontendTimings | undefined;
  if (!values['no-frontend']) {
    log('front end: kamailio -c against serc check / compile');
    timings = frontendTimings(ROOT, quick ? 1 : 3, log);
  }
  const compiled = servers.includes('serc') ? compileSerc() : {};
  if (compiled.error) log(compiled.error);
  const versions: string[] = [];
  const totalRows = backends.length * scenarios.length * servers.length;
  for (const backendName of backends) {
    let backend: Backend;
    try {
      backend = await openBackend(backendName);
    } catch (error) {
      const message = `${backendName} could not start: ${error instanceof Error ? error.message : String(error)}`;
      log(message);
      for (const scenario of scenarios)
        for (const server of servers) rows.push({ scenario, backend: backendName, server, error: message });
      continue;
    }
    versions.push(backend.version);
    try {
      const sides = new Map<ServerKind, SideDatabase>();
      for (const server of servers) sides.set(server, await backend.side(server));
      for (const scenario of scenarios) {
        for (const server of servers) {
          // Share what is left of the budget evenly among the rows still to run.
          const remaining = totalRows - rows.length;
          const deadline = Date.now() + Math.max(0, runDeadline - Date.now()) / remaining;
          if (server === 'serc' && compiled.error) {
            rows.push({ scenario, backend: backendName, server, error: compiled.error });
            continue;
          }
          log(`${scenario} on ${backendName}, ${server}`);
          try {
            rows.push(
              await benchRow(scenario, backendName, server, sides.get(server)!, compiled.bundle, deadline),
            );
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            log(`  ${message}`);
            rows.push({ scenario, backend: backendName, server, error: message });
          }
        }
      }
    } finally {
      await backend.dispose();
    }
  }
  const table = resultsTable(rows);
  console.log(`\n${table}\n`);
  const markdown = resultsMarkdown(
    rows,
    {
      started,
      finished: new Date(),
      loadBefore,
      loadAfter: os.loadavg(),
      command: `bench/run${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
      seconds,
      dumpMessages,
      backendVersions: versions,
      notes,
    },
    timings,
  );
  writeFileSync(values.results, markdown);
  log(`wrote ${values.results}`);
}

// bench/run's timeout (or ^C) must not leave servers behind; MariaDB kills itself on exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the servers`);
    killAllServers();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

try {
  await main();
} finally {
  // --keep leaves the server logs and databases for a look at a failing row.
  if (values.keep) log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
