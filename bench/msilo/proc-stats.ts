// CPU time and memory of a server's whole process tree, read from /proc: Kamailio forks workers
// and timers, serc is one Node process with threads; summing over the tree treats both alike.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface ProcEntry {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime in clock ticks. */
  readonly ticks: number;
}

function readStat(pid: number): ProcEntry | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** The root pid and every live descendant. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readStat(Number(name));
    if (!entry) continue;
    const list = children.get(entry.ppid) ?? [];
    list.push(entry.pid);
    children.set(entry.ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU seconds used so far by the tree (processes that already exited are not counted). */
export function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) ticks += readStat(pid)?.ticks ?? 0;
  return ticks / CLOCK_TICKS;
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function pssKb(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export interface MemoryFigures {
  /** Sum of VmHWM (peak resident set) over the tree; shared pages count once per process. */
  readonly peakRssMb: number;
  /** Sum of the current proportional set size: shared pages split between the processes. */
  readonly pssMb: number;
  readonly processes: number;
}

export function memoryFigures(root: number): MemoryFigures {
  const tree = processTree(root);
  let hwm = 0;
  let pss = 0;
  for (const pid of tree) {
    hwm += statusKb(pid, 'VmHWM');
    pss += pssKb(pid);
  }
  return { peakRssMb: hwm / 1024, pssMb: pss / 1024, processes: tree.length };
}

/** Measures the CPU use of a tree between start() and stop(), as % of one core. */
export function cpuMeter(root: number): { stop(): number } {
  const cpuStart = cpuSeconds(root);
  const wallStart = process.hrtime.bigint();
  return {
    stop() {
      const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
      return wall > 0 ? ((cpuSeconds(root) - cpuStart) / wall) * 100 : 0;
    },
  };
}

/** Datagrams the kernel dropped on the 127.0.0.1 UDP sockets bound to `port` (full receive buffer). */
export function udpDrops(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops = 0;
  try {
    for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1] === `0100007F:${hexPort}`) drops += Number(fields[12] ?? 0);
    }
  } catch {
    return 0;
  }
  return drops;
}
