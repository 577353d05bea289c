// Lint benchmark: wall time of `serc lint` over the whole corpus (../shared/corpus), both as the
// real command (one process, as CI runs it) and in-process (warm, median of several runs), and —
// when `kamailio` is on PATH — the ratio against `kamailio -c` over the same files.
// Run: npx tsx bench/lint.ts
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runLint } from '../compiler/commands/lint.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const silent = { out: () => undefined, err: () => undefined };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timeCli(): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'serc.mjs'), 'lint', '--format', 'json', CORPUS], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (r.status === null || r.status > 1) throw new Error(`serc lint failed (${r.status}): ${r.stderr}`);
  return ms;
}

function timeInProcess(runs: number): number {
  runLint({ paths: [CORPUS], format: 'json', cwd: ROOT }, silent); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    runLint({ paths: [CORPUS], format: 'json', cwd: ROOT }, silent);
    times.push(performance.now() - start);
  }
  return median(times);
}

function kamailioAvailable(): boolean {
  return spawnSync('kamailio', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** Total time, and how many files kamailio accepted (most stop early on a module it lacks). */
function timeKamailio(files: string[]): { ms: number; accepted: number } {
  let accepted = 0;
  const start = performance.now();
  for (const f of files) {
    if (spawnSync('kamailio', ['-c', '-f', f], { encoding: 'utf8', timeout: 30_000 }).status === 0)
      accepted++;
  }
  return { ms: performance.now() - start, accepted };
}

if (!existsSync(CORPUS)) {
  console.log(`../shared/corpus not found at ${CORPUS}: nothing to benchmark`);
  process.exit(0);
}
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => join(CORPUS, f));
const cli = timeCli();
const warm = timeInProcess(5);
console.log(`corpus: ${files.length} files`);
console.log(`serc lint (command, one process, cold start included): ${cli.toFixed(0)} ms`);
console.log(`serc lint (in-process, warm, median of 5):              ${warm.toFixed(0)} ms`);
if (kamailioAvailable()) {
  const { ms: kam, accepted } = timeKamailio(files);
  console.log(
    `kamailio -c (one process per file):                     ${kam.toFixed(0)} ms (accepted ${accepted} of ${files.length}; the others stop at their first error)`,
  );
  console.log(
    `ratio serc lint / kamailio -c: ${(cli / kam).toFixed(2)} (command), ${(warm / kam).toFixed(2)} (warm)`,
  );
} else {
  console.log('kamailio is not installed (not on PATH): no ratio against kamailio -c');
}
