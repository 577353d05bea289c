// The entry a compiled bundle calls: parse -l / -m / --log-level, start the server, and shut down
// cleanly on SIGTERM/SIGINT (finish transactions in flight with a bound, close databases, exit 0).
import { parseArgs } from 'node:util';
import { applyModparamOverrides } from './modparams.js';
import { parseLogLevel } from './log.js';
import type { CompiledScript } from './script.js';
import { startServer, type RunningServer, type ServerOptions } from './server.js';

export interface MainArgs {
  listen: string[];
  modparams: string[];
  logLevel: number | undefined;
}

export class UsageError extends Error {}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        listen: { type: 'string', short: 'l', multiple: true },
        modparam: { type: 'string', short: 'm', multiple: true },
        'log-level': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  let logLevel: number | undefined;
  if (v['log-level'] !== undefined) {
    logLevel = parseLogLevel(v['log-level']);
    if (logLevel === undefined) throw new UsageError(`bad --log-level ${JSON.stringify(v['log-level'])}`);
  }
  return { listen: v.listen ?? [], modparams: v.modparam ?? [], logLevel };
}

export interface MainIo {
  argv?: readonly string[];
  stderr?: (text: string) => void;
  exit?: (code: number) => void;
  /** Signal source (process by default). */
  signals?: { once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
}

/** Starts the script as a server; resolves with it once listening. Exit codes: 2 usage, 1 start failure. */
export async function runMain(script: CompiledScript, io: MainIo = {}): Promise<RunningServer | undefined> {
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const exit = io.exit ?? ((code: number) => process.exit(code));
  let args: MainArgs;
  let effective: CompiledScript;
  try {
    args = parseMainArgs(io.argv ?? process.argv.slice(2));
    effective = applyModparamOverrides(script, args.modparams);
  } catch (e) {
    stderr(
      `${e instanceof Error ? e.message : String(e)}\nusage: [-l proto:addr:port]... [-m module.param=value]... [--log-level level]\n`,
    );
    exit(2);
    return undefined;
  }
  const options: ServerOptions = {
    ...(args.listen.length > 0 ? { listen: args.listen } : {}),
    ...(args.logLevel !== undefined ? { logLevel: args.logLevel } : {}),
  };
  let server: RunningServer;
  try {
    server = await startServer(effective, options);
  } catch (e) {
    stderr(`cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    exit(1);
    return undefined;
  }
  for (const a of server.addresses)
    stderr(`listening on ${a.proto}:${a.family === 6 ? `[${a.host}]` : a.host}:${a.port}\n`);
  const signals = io.signals ?? process;
  const stop = (): void => {
    void server.close().then(
      () => exit(0),
      (e: unknown) => {
        stderr(`error while stopping: ${String(e)}\n`);
        exit(1);
      },
    );
  };
  signals.once('SIGTERM', stop);
  signals.once('SIGINT', stop);
  return server;
}
