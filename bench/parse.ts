// Parse benchmark: lines per second of the front end (preprocess + lex + parse + AST) on the
// largest corpus file, and — when `kamailio` is on PATH — the wall-time ratio
// `serc check` / `kamailio -c` over the corpus files (and configs/) Kamailio accepts.
// Run: npx tsx bench/parse.ts
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkScript } from '../compiler/check.js';
import { parseFile } from '../compiler/frontend.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');

function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.cfg'))
    .map((f) => join(CORPUS, f));
}

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').length;
}

function benchLargest(files: string[]): void {
  const largest = files.map((f) => ({ f, lines: lineCount(f) })).sort((a, b) => b.lines - a.lines)[0];
  if (!largest) return;
  for (let i = 0; i < 5; i++) parseFile(largest.f); // warm up the JIT and Chevrotain's caches
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < 3000 || runs < 10) {
    const r = parseFile(largest.f);
    if (r.ast) checkScript(r.ast);
    runs++;
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round((largest.lines * runs) / seconds);
  console.log(`largest corpus file: ${largest.f} (${largest.lines} lines)`);
  console.log(
    `front end + checks: ${runs} runs in ${seconds.toFixed(2)} s = ${perSecond.toLocaleString('en')} lines/s (${((seconds / runs) * 1000).toFixed(1)} ms per run)`,
  );
}

function wallTime(cmd: string, args: string[]): { ms: number; code: number | null } {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'ignore' });
  return { ms: performance.now() - start, code: r.status };
}

function benchAgainstKamailio(files: string[]): void {
  const which = spawnSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' });
  const kamailio = which.stdout.trim();
  if (which.status !== 0 || kamailio === '') {
    console.log(
      'kamailio is not on PATH (Debian package `kamailio`): skipping the serc check / kamailio -c ratio',
    );
    return;
  }
  let sercMs = 0;
  let kamMs = 0;
  let accepted = 0;
  const acceptedFiles: string[] = [];
  for (const f of files) {
    const kam = wallTime(kamailio, ['-c', '-f', f]);
    if (kam.code !== 0) continue;
    accepted++;
    acceptedFiles.push(f);
    kamMs += kam.ms;
    sercMs += wallTime(process.execPath, [join(ROOT, 'bin/serc.mjs'), 'check', f]).ms;
  }
  if (accepted === 0) {
    console.log('kamailio -c accepts none of the files: no ratio');
    return;
  }
  console.log(
    `${accepted} file(s) accepted by kamailio -c: serc check ${sercMs.toFixed(0)} ms, kamailio -c ${kamMs.toFixed(0)} ms, ratio ${(sercMs / kamMs).toFixed(2)}`,
  );
  // The process time of `serc check` is mostly Node start-up and tsx compiling the CLI on the fly.
  const start = performance.now();
  for (const f of acceptedFiles) {
    const r = parseFile(f);
    if (r.ast) checkScript(r.ast);
  }
  const inProcess = performance.now() - start;
  console.log(
    `the same checks in-process: ${inProcess.toFixed(1)} ms, ratio to kamailio -c ${(inProcess / kamMs).toFixed(2)}`,
  );
}

function projectConfigs(): string[] {
  const dir = join(ROOT, 'configs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cfg'))
    .map((f) => join(dir, f));
}

const files = corpusFiles();
if (files.length === 0) console.log(`corpus folder ${CORPUS} is absent: lines/s measured on configs/ only`);
benchLargest(files.length > 0 ? files : projectConfigs());
// Most corpus files name modules or paths a stock Kamailio lacks; the project's configs join them.
benchAgainstKamailio([...files, ...projectConfigs()]);
