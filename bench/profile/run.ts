// Profiling driver: starts the msilo server (the hand-written script of test/e2e, or a compiled
// bundle) under `node --cpu-prof`, loads it with SIPp at fixed rates for scenario 1 (REGISTER of
// distinct users) and 2 (MESSAGE to offline users → 202 + stored row, SQLite), reports calls/s, failures
// and CPU % per rate, then summarises the profile. Bounded: every SIPp run has -m and -timeout.
//
//   npx tsx bench/profile/run.ts [--scenario register|offline]... [--rates 500,1000] [--seconds 5]
//                                [--bundle out/msilo.mjs] [--no-prof] [--top 25] [--out tmp/profile]
//                                [--find]   (from the first rate: double until a failure, then bisect)
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  openSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { freePort, runSipp, type SippResult } from '../../test/support/sipp.js';
import { bundleServe } from './bundle.js';
import { cpuMeter } from './cpu.js';
import { formatSummary, summarizeProfile } from './summarize.js';

type Scenario = 'register' | 'offline';
const ROOT = resolve(import.meta.dirname, '../..');
const XML: Record<Scenario, string> = {
  register: join(import.meta.dirname, 'scenarios/register.xml'),
  offline: join(import.meta.dirname, 'scenarios/message-offline.xml'),
};

interface RateResult {
  readonly rate: number;
  readonly calls: number;
  readonly ok: number;
  readonly failed: number;
  readonly unexpected: number;
  readonly retrans: number;
  readonly rows: number | undefined;
  readonly cpuPercent: number;
  /** Server CPU time per call: less sensitive than calls/s to other load on a shared machine. */
  readonly cpuUsPerCall: number;
  readonly seconds: number;
  readonly passed: boolean;
}

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<void>;
}

async function startServer(
  dbUrl: string,
  bundle: string,
  profDir: string | undefined,
  logFile: string,
): Promise<Server> {
  const port = await freePort('udp');
  const prof = profDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profDir];
  const args = [...prof, bundle, '-l', `udp:127.0.0.1:${port}`, '-m', `msilo.db_url=${dbUrl}`];
  // The server logs to a file, as a deployed one would: a pipe read by this (busy) driver would
  // make its writes wait for the reader and put the driver into the server's profile.
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const text = readFileSync(logFile, 'utf8');
    if (text.includes('listening on')) break;
    if (exitCode !== undefined)
      throw new Error(`server exited (${exitCode}) before listening:\n${text.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 30 s:\n${text.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, exited };
}

function stat(r: SippResult, name: string): number {
  return Number(r.stats[name] ?? 0);
}

function countRows(dbFile: string): number {
  // msilo opens its database on first use.
  if (!existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true });
  try {
    const row: unknown = db.prepare('SELECT count(*) AS n FROM silo').get();
    return typeof row === 'object' && row !== null && 'n' in row ? Number(row.n) : -1;
  } finally {
    db.close();
  }
}

async function runRate(
  scenario: Scenario,
  server: Server,
  rate: number,
  seconds: number,
  prefix: string,
  dbFile: string,
): Promise<RateResult> {
  const calls = Math.max(1, Math.round(rate * seconds));
  const localPort = await freePort('udp');
  const users = Array.from({ length: calls }, (_, i) => `${prefix}u${i}`);
  const rows =
    scenario === 'register' ? users.map((u) => [u, `127.0.0.1:${localPort}`]) : users.map((u) => [u]);
  const rowsBefore = scenario === 'offline' ? countRows(dbFile) : 0;
  const meter = cpuMeter(server.child.pid ?? 0);
  const t0 = Date.now();
  const r = await runSipp({
    scenario: XML[scenario],
    remote: { host: '127.0.0.1', port: server.port },
    localPort,
    calls,
    rate,
    timeoutSeconds: seconds * 3 + 20,
    inf: { rows },
    // -rp 1000: the rate is per second; SIPp's default period is also 1 s, said for clarity.
    extraArgs: ['-rp', '1000'],
  });
  const cpuPercent = meter.stop();
  const wall = (Date.now() - t0) / 1000;
  const unexpected = stat(r, 'FailedUnexpectedMessage(C)') + stat(r, 'OutOfCallMsgs(C)');
  const rowsStored = scenario === 'offline' ? countRows(dbFile) - rowsBefore : undefined;
  const passed =
    r.successfulCalls === calls && r.failedCalls === 0 && unexpected === 0 && (rowsStored ?? calls) === calls;
  if (!passed && r.errors !== '')
    process.stderr.write(`SIPp errors (${scenario} ${rate}/s):\n${r.errors.slice(0, 1500)}\n`);
  return {
    rate,
    calls,
    ok: r.successfulCalls,
    failed: r.failedCalls,
    unexpected,
    retrans: stat(r, 'Retransmissions(C)'),
    rows: rowsStored,
    cpuPercent,
    cpuUsPerCall: (cpuPercent * wall * 1e4) / calls,
    seconds: wall,
    passed,
  };
}

function formatRow(s: Scenario, r: RateResult): string {
  const rows = r.rows === undefined ? '' : ` rows=${r.rows}`;
  return (
    `${s.padEnd(9)} rate=${String(r.rate).padStart(5)}/s calls=${r.calls} ok=${r.ok} failed=${r.failed}` +
    ` unexpected=${r.unexpected} retrans=${r.retrans}${rows} cpu=${r.cpuPercent.toFixed(0)}%` +
    ` cpu/call=${r.cpuUsPerCall.toFixed(0)}µs` +
    ` wall=${r.seconds.toFixed(1)}s ${r.passed ? 'PASS' : 'FAIL'}`
  );
}

/** Doubles the rate from `start` until a trial fails, then bisects three times: the highest passing rate. */
async function findMaxRate(
  start: number,
  run: (rate: number) => Promise<boolean>,
): Promise<number | undefined> {
  const CEILING = 32_000;
  let pass: number | undefined;
  let fail: number | undefined;
  for (let rate = start; rate <= CEILING; rate *= 2) {
    if (await run(rate)) pass = rate;
    else {
      fail = rate;
      break;
    }
  }
  if (fail === undefined) return pass;
  let low = pass ?? 0;
  for (let step = 0; step < 3; step++) {
    const mid = Math.round((low + fail) / 2);
    if (mid <= low || mid >= fail) break;
    if (await run(mid)) low = mid;
    else fail = mid;
  }
  return low > 0 ? low : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', multiple: true },
      rates: { type: 'string', default: '500,1000' },
      seconds: { type: 'string', default: '5' },
      bundle: { type: 'string' },
      'no-prof': { type: 'boolean', default: false },
      find: { type: 'boolean', default: false },
      top: { type: 'string', default: '25' },
      out: { type: 'string', default: join(ROOT, 'tmp/profile') },
    },
  });
  const scenarios = (values.scenario ?? ['register', 'offline']).map((s) => {
    if (s !== 'register' && s !== 'offline') throw new Error(`unknown scenario ${s}`);
    return s;
  });
  const rates = values.rates.split(',').map(Number);
  const seconds = Number(values.seconds);
  if (rates.some((r) => !(r > 0)) || !(seconds > 0) || seconds > 60)
    throw new Error('bad --rates or --seconds');
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const report: string[] = [];
  // Without --bundle: serve.ts bundled like a compiled script (no tsx loader in the profile).
  const bundle = values.bundle === undefined ? await bundleServe(out) : resolve(values.bundle);
  for (const scenario of scenarios) {
    const work = mkdtempSync(join(out, `${scenario}-`));
    const dbFile = join(work, 'silo.db');
    const profDir = values['no-prof'] ? undefined : join(work, 'prof');
    const server = await startServer(`sqlite://${dbFile}`, bundle, profDir, join(work, 'server.log'));
    try {
      // Warm-up (JIT, prepared statements), not reported.
      await runRate(scenario, server, 200, 1, 'w', dbFile);
      let trial = 0;
      const run = async (rate: number): Promise<boolean> => {
        const r = await runRate(scenario, server, rate, seconds, `r${trial++}x`, dbFile);
        const line = formatRow(scenario, r);
        process.stdout.write(line + '\n');
        report.push(line);
        // Let a server that fell behind drain before the next trial.
        if (!r.passed) await new Promise((done) => setTimeout(done, 3000));
        return r.passed;
      };
      if (values.find) {
        const best = await findMaxRate(rates[0] ?? 500, run);
        const line = `${scenario} highest passing rate: ${best === undefined ? 'none' : `${best}/s`}`;
        process.stdout.write(line + '\n');
        report.push(line);
      } else for (const rate of rates) await run(rate);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (profDir !== undefined) {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (file === undefined) throw new Error(`no .cpuprofile in ${profDir}`);
      const profile: unknown = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
      const text = `${scenario} profile (${join(profDir, file)}):\n${formatSummary(summarizeProfile(profile, ROOT, Number(values.top)))}`;
      process.stdout.write(text + '\n');
      report.push(text);
    } else rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(join(out, 'last.txt'), report.join('\n') + '\n');
}

await main();
