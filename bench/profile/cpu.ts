// CPU time of one process (all its threads) from /proc/<pid>/stat, to report CPU % over a run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of `pid` in seconds. */
export function cpuSecondsOf(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may contain spaces: utime and stime are fields 14 and 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Starts measuring; stop() returns CPU % of one core since the start. */
export function cpuMeter(pid: number): { stop(): number } {
  const cpu0 = cpuSecondsOf(pid);
  const t0 = process.hrtime.bigint();
  return {
    stop(): number {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      return wall > 0 ? (100 * (cpuSecondsOf(pid) - cpu0)) / wall : 0;
    },
  };
}
