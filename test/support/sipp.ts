// Runs the real SIPp binary with a scenario on 127.0.0.1, bounded by -m and -timeout, and returns
// its exit code, final statistics and logs. Reused by transport tests and by end-to-end tests.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIPP_BINARY = process.env.SIPP ?? '/usr/bin/sipp';

export interface SippOptions {
  /** Path of the scenario XML, or a built-in scenario name (`uac`, `uas`, ...) passed with -sn. */
  scenario: string;
  /** Remote host:port for UAC scenarios; omit for UAS scenarios. */
  remote?: { host: string; port: number };
  transport?: 'udp' | 'tcp';
  localIp?: string;
  /** Explicit local port (-p); when omitted a free port is picked. */
  localPort?: number;
  /** Number of calls (-m); SIPp exits after that many. Default 1. */
  calls?: number;
  /** Call rate per second (-r). */
  rate?: number;
  /** Global timeout in seconds (-timeout with -timeout_error). Default 30. */
  timeoutSeconds?: number;
  /** CSV injection (-inf): a file path, or rows to write to a temporary file (mode SEQUENTIAL). */
  inf?: string | { mode?: 'SEQUENTIAL' | 'RANDOM' | 'USER'; rows: string[][] };
  /** Values for [key] substitutions (-key name value). */
  keys?: Record<string, string>;
  /** Service part of the request URI (-s). */
  service?: string;
  extraArgs?: string[];
}

export interface SippResult {
  exitCode: number;
  /** Last line of the -trace_stat file, column name → value (e.g. `SuccessfulCall(C)`). */
  stats: Record<string, string>;
  successfulCalls: number;
  failedCalls: number;
  /** stdout + stderr of the process. */
  log: string;
  /** Contents of the -trace_err file (unexpected messages, timeouts). */
  errors: string;
  localPort: number;
  args: string[];
}

export interface SippRun {
  localPort: number;
  /** Resolves once SIPp has bound its local port (useful before sending to a UAS scenario). */
  ready: Promise<void>;
  done: Promise<SippResult>;
  /** Stops SIPp early (SIGTERM, then SIGKILL). */
  stop(): void;
}

export function sippAvailable(): boolean {
  return existsSync(SIPP_BINARY);
}

/** Runs SIPp to completion. */
export async function runSipp(options: SippOptions): Promise<SippResult> {
  const run = await startSipp(options);
  return run.done;
}

/** Starts SIPp and returns at once; await `ready` before talking to a UAS scenario. */
export async function startSipp(options: SippOptions): Promise<SippRun> {
  const localIp = options.localIp ?? '127.0.0.1';
  const transport = options.transport ?? 'udp';
  const localPort = options.localPort ?? (await freePort(transport, localIp));
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const errorFile = join(dir, 'errors.log');
  const statFile = join(dir, 'stats.csv');
  const args = [
    ...(existsSync(options.scenario) ? ['-sf', options.scenario] : ['-sn', options.scenario]),
    '-i',
    localIp,
    '-p',
    String(localPort),
    '-t',
    transport === 'tcp' ? 't1' : 'u1',
    '-m',
    String(options.calls ?? 1),
    '-timeout',
    `${timeoutSeconds}s`,
    '-timeout_error',
    '-trace_err',
    '-error_file',
    errorFile,
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
    '-nostdin',
  ];
  if (options.rate !== undefined) args.push('-r', String(options.rate));
  if (options.service !== undefined) args.push('-s', options.service);
  if (options.inf !== undefined) args.push('-inf', writeInf(options.inf, dir));
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  args.push(...(options.extraArgs ?? []));
  if (options.remote) args.push(`${hostForUri(options.remote.host)}:${options.remote.port}`);

  const child = spawn(SIPP_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  // SIPp's own -timeout should end it; this is the backstop if it hangs.
  const killTimer = setTimeout(() => child.kill('SIGKILL'), (timeoutSeconds + 15) * 1000);
  let exited = false;

  const done = new Promise<SippResult>((resolve) => {
    const finish = (exitCode: number): void => {
      exited = true;
      clearTimeout(killTimer);
      const stats = readLastStats(statFile);
      const errors = existsSync(errorFile) ? readFileSync(errorFile, 'utf8') : '';
      rmSync(dir, { recursive: true, force: true });
      resolve({
        exitCode,
        stats,
        successfulCalls: Number(stats['SuccessfulCall(C)'] ?? 0),
        failedCalls: Number(stats['FailedCall(C)'] ?? 0),
        log,
        errors,
        localPort,
        args,
      });
    };
    child.on('error', (error) => {
      log += `spawn failed: ${error.message}\n`;
      finish(-1);
    });
    child.on('exit', (code, signal) => finish(code ?? (signal ? 128 : -1)));
  });

  const ready = waitBound(transport, localIp, localPort, () => exited);
  return {
    localPort,
    ready,
    done,
    stop: () => {
      if (exited) return;
      child.kill('SIGTERM');
      setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 2000).unref();
    },
  };
}

function writeInf(inf: NonNullable<SippOptions['inf']>, dir: string): string {
  if (typeof inf === 'string') return inf;
  const path = join(dir, 'inject.csv');
  const lines = [inf.mode ?? 'SEQUENTIAL', ...inf.rows.map((row) => row.join(';'))];
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function readLastStats(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return {};
  const names = lines[0]!.split(';');
  const values = lines[lines.length - 1]!.split(';');
  const stats: Record<string, string> = Object.create(null) as Record<string, string>;
  names.forEach((name, i) => {
    if (name !== '') stats[name] = values[i] ?? '';
  });
  return stats;
}

function hostForUri(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Asks the OS for a free port by binding port 0 and releasing it. */
export function freePort(transport: 'udp' | 'tcp', host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    if (transport === 'udp') {
      const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      socket.on('error', reject);
      socket.bind(0, host, () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
    } else {
      const server = net.createServer();
      server.on('error', reject);
      server.listen(0, host, () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    }
  });
}

/** Polls until the port is taken (SIPp has bound it) or SIPp has exited. */
async function waitBound(
  transport: 'udp' | 'tcp',
  host: string,
  port: number,
  exited: () => boolean,
): Promise<void> {
  for (let i = 0; i < 200 && !exited(); i++) {
    if (await portTaken(transport, host, port)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function portTaken(transport: 'udp' | 'tcp', host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (transport === 'udp') {
      const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
      socket.on('error', () => resolve(true));
      socket.bind(port, host, () => socket.close(() => resolve(false)));
    } else {
      const server = net.createServer();
      server.on('error', () => resolve(true));
      server.listen(port, host, () => server.close(() => resolve(false)));
    }
  });
}
