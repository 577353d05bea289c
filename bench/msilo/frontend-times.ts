// Wall time of `serc check` and `serc compile` against `kamailio -c` on configs/msilo.cfg and the
// seed scripts Kamailio accepts: whole command lines, Node's start-up included, median of a few runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface FrontendTiming {
  readonly file: string;
  readonly kamailioMs: number;
  readonly checkMs: number;
  /** Undefined when serc compile does not accept the file (exit code in compileExit). */
  readonly compileMs?: number;
  readonly compileExit: number;
}

function timed(command: string, args: string[], cwd: string): { ms: number; code: number } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: 'ignore' });
  return { ms: performance.now() - start, code: r.status ?? -1 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medianOf(runs: number, command: string, args: string[], cwd: string): { ms: number; code: number } {
  const results = Array.from({ length: runs }, () => timed(command, args, cwd));
  return { ms: median(results.map((r) => r.ms)), code: results[0]?.code ?? -1 };
}

export interface FrontendTimings {
  /** `serc --version`: Node, tsx and the CLI's imports, the floor under every serc command. */
  readonly sercStartupMs: number;
  readonly files: FrontendTiming[];
}

/** msilo.cfg first, then the other configs/*.cfg that `kamailio -c` accepts. */
export function frontendTimings(root: string, runs: number, log: (line: string) => void): FrontendTimings {
  const configs = join(root, 'configs');
  const files = [
    'msilo.cfg',
    ...readdirSync(configs)
      .filter((f) => f.endsWith('.cfg') && f !== 'msilo.cfg')
      .sort(),
  ];
  const serc = join(root, 'bin/serc.mjs');
  const out = mkdtempSync(join(tmpdir(), 'serc-bench-compile-'));
  const timings: FrontendTiming[] = [];
  const startup = medianOf(runs, process.execPath, [serc, '--version'], root);
  log(`  serc --version (start-up alone): ${startup.ms.toFixed(0)} ms`);
  try {
    for (const name of files) {
      const file = join(configs, name);
      const kamailio = medianOf(runs, 'kamailio', ['-c', '-f', file], root);
      if (kamailio.code !== 0) {
        log(`  ${name}: kamailio -c rejects it (exit ${kamailio.code}), not timed`);
        continue;
      }
      const check = medianOf(runs, process.execPath, [serc, 'check', file], root);
      const compile = medianOf(runs, process.execPath, [serc, 'compile', file, '-o', out], root);
      const timing: FrontendTiming = {
        file: basename(file),
        kamailioMs: kamailio.ms,
        checkMs: check.ms,
        compileExit: compile.code,
        ...(compile.code === 0 ? { compileMs: compile.ms } : {}),
      };
      log(
        `  ${name}: kamailio -c ${kamailio.ms.toFixed(0)} ms, serc check ${check.ms.toFixed(0)} ms (exit ${check.code}), ` +
          `serc compile ${compile.code === 0 ? `${compile.ms.toFixed(0)} ms` : `exit ${compile.code}`}`,
      );
      timings.push(timing);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { sercStartupMs: startup.ms, files: timings };
}
