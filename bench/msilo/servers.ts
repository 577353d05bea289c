// Starts the two servers on configs/msilo.cfg: Kamailio itself, and the bundle serc compiled from
// the same file. Each gets its own loopback port and database; both log to a file, not a pipe, so
// the harness does not pay for their logging.
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { closeSync, openSync } from 'node:fs';
import type { BackendName } from './databases.js';

export type ServerKind = 'kamailio' | 'serc';

/** Kamailio's msilo deletes delivered rows on its check_time timer (60 s by default): the dump
 * scenario sets 2 s on both servers to verify the deletion soon after — Kamailio through the
 * script's MSILO_CHECK_TIME define (its --modparam is applied before loadmodule, so it cannot), serc
 * through -m. The other scenarios keep the script's default, so the timer costs what it does in use. */
export const CHECK_TIME_SECONDS = 2;

export interface ServerSpec {
  readonly kind: ServerKind;
  readonly config: string;
  /** The serc bundle (.mjs) for kind 'serc'. */
  readonly bundle?: string;
  /** Extra node options for the serc bundle (the profiler's --cpu-prof). */
  readonly nodeOptions?: readonly string[];
  readonly port: number;
  readonly backend: BackendName;
  readonly dbUrl: string;
  readonly logFile: string;
  /** msilo check_time in seconds, when not the script's. */
  readonly checkTime?: number;
}

export interface RunningServer {
  readonly kind: ServerKind;
  readonly pid: number;
  readonly port: number;
  stop(): Promise<void>;
}

export function serverCommand(spec: ServerSpec): { command: string; args: string[] } {
  if (spec.kind === 'kamailio') {
    const args = [
      '-f',
      spec.config,
      '-DD',
      '-E',
      '-a',
      'no',
      '-b',
      '1048576',
      // usrloc keeps every benchmark registration in shared memory: 256 MB instead of 64.
      '-m',
      '256',
      '-A',
      'LISTEN_FROM_CMDLINE',
      '-A',
      `DBURL="${spec.dbUrl}"`,
      '-l',
      `udp:127.0.0.1:${spec.port}`,
    ];
    if (spec.backend === 'mariadb') args.push('-A', 'WITH_MYSQL');
    if (spec.checkTime !== undefined) args.push('-A', `MSILO_CHECK_TIME=${spec.checkTime}`);
    return { command: 'kamailio', args };
  }
  if (!spec.bundle) throw new Error('serc needs its compiled bundle');
  return {
    command: process.execPath,
    args: [
      ...(spec.nodeOptions ?? []),
      spec.bundle,
      '-l',
      `udp:127.0.0.1:${spec.port}`,
      '-m',
      `msilo.db_url=${spec.dbUrl}`,
      ...(spec.checkTime !== undefined ? ['-m', `msilo.check_time=${spec.checkTime}`] : []),
    ],
  };
}

/** Sends OPTIONS until any response comes back: the server parses and routes requests. */
export async function waitAnswering(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  try {
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; Date.now() < deadline; i++) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error('the server exited while starting');
      const request =
        `OPTIONS sip:probe@127.0.0.1:${port} SIP/2.0\r\n` +
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bKprobe${i}x${Date.now()}\r\n` +
        `From: <sip:probe@127.0.0.1:${local}>;tag=p${i}\r\nTo: <sip:probe@127.0.0.1:${port}>\r\n` +
        `Call-ID: probe-${i}-${Date.now()}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          socket.off('message', onMessage);
          resolve(false);
        }, 300);
        const onMessage = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        socket.once('message', onMessage);
        socket.send(request, port, '127.0.0.1');
      });
      if (answered) return;
    }
    throw new Error(`no answer on udp:127.0.0.1:${port} within ${timeoutMs / 1000} s`);
  } finally {
    socket.close();
  }
}

const live = new Set<ChildProcess>();

/** On an interrupted run: kill every server still running (Kamailio's workers follow their main process). */
export function killAllServers(): void {
  for (const child of live) child.kill('SIGKILL');
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const { command, args } = serverCommand(spec);
  const log = openSync(spec.logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitAnswering(spec.port, child);
  } catch (error) {
    await stop();
    throw new Error(
      `${spec.kind} did not start (${error instanceof Error ? error.message : String(error)}); see ${spec.logFile}`,
    );
  }
  return { kind: spec.kind, pid: child.pid!, port: spec.port, stop };
}
