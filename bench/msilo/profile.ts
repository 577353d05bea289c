// Where the serc bundle spends its time under a scenario: runs it with `node --cpu-prof`, drives
// it with SIPp at a fixed rate, and prints the functions with the most self time.
//   npx tsx bench/msilo/profile.ts [--scenario register] [--rate 200] [--seconds 15] [--top 25]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../../test/support/sipp.js';
import { sqliteBackend } from './databases.js';
import { SCENARIOS, runTrial, type ScenarioName } from './scenarios.js';
import { CHECK_TIME_SECONDS, startServer } from './servers.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Source maps of the bundles met in the profile, so bundle positions read as serc's own files. */
function mapperFor(root: string): (url: string, line: number, column: number) => string {
  const maps = new Map<string, SourceMap | undefined>();
  return (url, line, column) => {
    if (!url.startsWith('file://')) return url;
    const path = url.slice(7);
    if (!maps.has(path)) {
      const mapFile = `${path}.map`;
      maps.set(
        path,
        existsSync(mapFile)
          ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload)
          : undefined,
      );
    }
    const entry = maps.get(path)?.findEntry(line, column);
    if (entry && 'originalSource' in entry) {
      // Bundle sources are relative to where serc compiled it: keep the path from serc's own folders.
      const source = entry.originalSource.replace(/^file:\/\//, '');
      const own = /(?:^|\/)((?:runtime|compiler|node_modules)\/.*)$/.exec(source)?.[1];
      return `${own ?? relative(root, resolve(path, '..', source))}:${entry.originalLine + 1}`;
    }
    return `${relative(root, path)}:${line + 1}`;
  };
}

/** Self time per function (name, file and line), in ms, largest first. */
export function selfTimes(profile: CpuProfile, root: string): { where: string; ms: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const locate = mapperFor(root);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = `${frame.functionName || '(anonymous)'} ${locate(frame.url, frame.lineNumber, frame.columnNumber)}`;
    totals.set(where, (totals.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'register' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '15' },
      top: { type: 'string', default: '25' },
    },
  });
  const scenario = values.scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new Error(`--scenario: one of ${SCENARIOS.join(', ')}`);
  const dir = mkdtempSync(join(os.tmpdir(), 'serc-profile-'));
  try {
    const out = join(dir, 'out');
    execFileSync(process.execPath, [
      join(ROOT, 'bin/serc.mjs'),
      'compile',
      join(ROOT, 'configs/msilo.cfg'),
      '-o',
      out,
      '--emit',
      'bundle',
    ]);
    symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
    const db = await sqliteBackend(ROOT, dir).side('serc');
    const port = await freePort('udp');
    const profDir = join(dir, 'prof');
    const server = await startServer({
      kind: 'serc',
      config: join(ROOT, 'configs/msilo.cfg'),
      bundle: join(out, 'msilo.mjs'),
      nodeOptions: ['--cpu-prof', '--cpu-prof-dir', profDir],
      port,
      backend: 'sqlite',
      dbUrl: db.url,
      logFile: join(dir, 'serc.log'),
      ...(scenario === 'dump' ? { checkTime: CHECK_TIME_SECONDS } : {}),
    });
    try {
      const ctx = {
        server,
        db,
        seconds: Number(values.seconds),
        dumpMessages: 5,
      };
      const outcome = await runTrial(scenario, ctx, Number(values.rate), 0);
      console.log(
        `${scenario} @${outcome.rate}/s: ${outcome.passed ? 'pass' : 'FAIL'} (${outcome.detail}), cpu ${outcome.cpuPercent.toFixed(0)}%`,
      );
    } finally {
      await server.stop();
    }
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the bundle wrote no profile (did it exit cleanly on SIGTERM?)');
    const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
    // Percentages of busy time: idle is what the rate left unused, not a cost.
    const times = selfTimes(profile, ROOT).filter((t) => !t.where.startsWith('(idle)'));
    const total = times.reduce((sum, t) => sum + t.ms, 0);
    console.log(`busy ${total.toFixed(0)} ms sampled; top self time, % of busy:`);
    for (const t of times.slice(0, Number(values.top))) {
      console.log(
        `${((t.ms / total) * 100).toFixed(1).padStart(5)} %  ${t.ms.toFixed(0).padStart(6)} ms  ${t.where}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
