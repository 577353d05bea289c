// The server assembly: SIP stack + modules + script. Every request that no transaction absorbs runs
// through the request route with a fresh context; tm runs failure/onreply/branch routes. The
// receive → route → send path stays synchronous unless a route awaits an asynchronous function.
import { networkInterfaces } from 'node:os';
import { ScriptContext, ScriptProcess } from '../core/script/context.js';
import { isScriptStop } from '../core/script/control.js';
import { ScriptLogger } from '../core/script/logger.js';
import type { SipMessage } from '../core/sip/index.js';
import { startSipStack, type SipStack } from '../core/transaction/stack.js';
import { forwardResponseStateless } from '../core/transaction/stateless.js';
import { parseListenSpec } from '../core/transport/listen-spec.js';
import {
  silentLogger,
  type BoundAddress,
  type ReceiveInfo,
  type TransportLogger,
} from '../core/transport/types.js';
import { defaultDbUrl } from '../db/index.js';
import { isAckForStatelessReply } from '../modules/sl/to-tag.js';
import { transactionOf } from '../modules/tm/state.js';
import { engineLog } from './log.js';
import { stderrLogWriter } from './log-sink.js';
import { configureXlog } from '../modules/xlog/index.js';
import { ModuleParams } from './modparams.js';
import { RelayTracker } from './relay-tracker.js';
import { createModules, loadedModules, tmConfig, type ModuleSet } from './modules.js';
import type { CompiledScript } from './script.js';
import { applyScriptParams, scriptListen, scriptUdpBuffers } from './script-params.js';
import { bindEngine, isPromise, type Engine, type EngineLog } from './services.js';

export interface ServerOptions {
  /** Listen sockets overriding the script's `listen=` (`udp:127.0.0.1:0`). */
  listen?: readonly string[];
  /** Log threshold overriding the script's `debug=` (Kamailio numbering). */
  logLevel?: number;
  /** Where script and engine log lines go (default: stderr). */
  logSink?: (line: string, level: number) => void;
  /** db_url for modules whose script sets none (default: runtime/db's embedded SQLite file). */
  defaultDbUrl?: string;
  /** How long close() waits for transactions and script runs in flight (ms, default 5000). */
  closeTimeoutMs?: number;
}

export interface RunningServer {
  readonly addresses: readonly BoundAddress[];
  readonly stack: SipStack;
  readonly modules: ModuleSet;
  readonly proc: ScriptProcess;
  /** Stops accepting requests, waits (bounded) for work in flight, closes databases and sockets. */
  close(): Promise<void>;
}

const DEFAULT_LISTEN = ['udp:0.0.0.0:5060', 'tcp:0.0.0.0:5060'];

function transportLogger(log: EngineLog): TransportLogger {
  return { debug: log.debug, warn: log.warn, error: log.error };
}

function addMyself(proc: ScriptProcess, bound: readonly BoundAddress[], aliases: readonly string[]): void {
  for (const b of bound) {
    if (b.host === '0.0.0.0' || b.host === '::') {
      for (const list of Object.values(networkInterfaces()))
        for (const info of list ?? []) proc.myself.add(info.address, b.port);
    } else proc.myself.add(b.host, b.port);
  }
  for (const a of aliases) proc.myself.addAlias(a);
}

export async function startServer(
  script: CompiledScript,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const proc = new ScriptProcess(script.dialect);
  const threshold =
    options.logLevel ?? (typeof script.core?.debug === 'number' ? script.core.debug : undefined);
  if (threshold !== undefined) proc.logger.threshold = threshold;
  const logWriter = options.logSink === undefined ? stderrLogWriter() : undefined;
  proc.logger = new ScriptLogger(proc.logger.threshold, logWriter?.sink ?? options.logSink);
  const log = engineLog(proc.logger);

  const tm = tmConfig(script);
  const listen = (scriptListen(script, options.listen) ?? DEFAULT_LISTEN).map((l) => parseListenSpec(l));
  const aliases = script.core?.alias ?? [];
  const stack = await startSipStack({
    listen,
    timers: { frTimer: tm.frTimer, frInvTimer: tm.frInvTimer, wtTimer: tm.wtTimer },
    autoTrying: tm.autoInv100,
    aliases,
    udpBuffers: scriptUdpBuffers(script),
    logger:
      threshold !== undefined && threshold >= 3
        ? transportLogger(log)
        : { ...silentLogger, error: log.error },
  });
  let modules: ModuleSet;
  try {
    modules = createModules(script, stack, log, () => options.defaultDbUrl ?? defaultDbUrl());
  } catch (e) {
    await stack.close();
    throw e;
  }
  addMyself(proc, stack.bound, aliases);
  configureScriptModules(script, proc);
  applyScriptParams(script, proc, { logLevel: options.logLevel });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>): void => {
    const p = work
      .catch((e: unknown) => log.error(`unhandled: ${String(e)}`))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const relays = new RelayTracker();
  const engine: Engine = {
    dialect: script.dialect,
    stack,
    proc,
    routes: script.routes,
    tm: modules.tm,
    sl: modules.sl,
    usrloc: modules.usrloc,
    registrar: modules.registrar,
    msilo: modules.msilo,
    log,
    track,
    trackRelay: (relay) => relays.add(relay),
  };
  bindEngine(proc, engine);

  let closing = false;
  const endRequest = (ctx: ScriptContext, error: unknown): void => {
    if (error === undefined || isScriptStop(error)) return;
    const what = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log.error(`request route (${ctx.msg.method} ${ctx.msg.callId}): ${what}`);
    try {
      const t = transactionOf(ctx);
      if (t && !t.server.isFinal && !t.relay) t.server.reply(500, 'Server Internal Error');
    } catch (e) {
      log.error(`cannot answer 500: ${String(e)}`);
    }
  };
  const onRequest = (msg: SipMessage, rcv: ReceiveInfo): void => {
    if (closing) return;
    // ACKs to our stateless replies end here (sl's implicit filter).
    if (isAckForStatelessReply(msg)) return;
    const ctx = new ScriptContext(msg, rcv, proc, 'request');
    let result: ReturnType<typeof script.routes.request>;
    try {
      result = script.routes.request(ctx);
    } catch (e) {
      endRequest(ctx, e);
      return;
    }
    // One promise per asynchronous run (not then + catch + finally): it ends the request and
    // leaves the in-flight set itself. A route that returned a number created none.
    if (isPromise(result)) {
      const run: Promise<void> = result.then(
        () => void inFlight.delete(run),
        (e: unknown) => {
          inFlight.delete(run);
          try {
            endRequest(ctx, e);
          } catch (logError) {
            // Nothing may reject `run`: an unhandled rejection would stop the server.
            process.stderr.write(`request route: ${String(logError)}\n`);
          }
        },
      );
      inFlight.add(run);
    }
  };
  const onStrayResponse = (response: SipMessage, rcv: ReceiveInfo): void => {
    const fn = script.routes.onreply?.['0'];
    if (fn) {
      const ctx = new ScriptContext(response, rcv, proc, 'onreply');
      try {
        const r = fn(ctx);
        if (isPromise(r)) track(r.catch((e: unknown) => (isScriptStop(e) ? undefined : Promise.reject(e))));
      } catch (e) {
        if (isScriptStop(e) && e.drop) return;
        if (!isScriptStop(e)) log.error(`onreply_route: ${String(e)}`);
      }
    }
    try {
      forwardResponseStateless(stack.transport, stack.local, response);
    } catch (e) {
      log.error(`cannot forward a stray reply: ${String(e)}`);
    }
  };
  stack.transactions.onRequest(onRequest);
  stack.transactions.onStrayResponse(onStrayResponse);

  const closeTimeout = options.closeTimeoutMs ?? 5000;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      await waitBounded(inFlight, relays, closeTimeout);
      await modules.close();
      await stack.close();
      logWriter?.flush();
    })();
    return closed;
  };
  return { addresses: stack.bound, stack, modules, proc, close };
}

/** Per-process settings of modules that keep them on the ScriptProcess (xlog). */
function configureScriptModules(script: CompiledScript, proc: ScriptProcess): void {
  if (!loadedModules(script).has('xlog')) return;
  const p = new ModuleParams('xlog', script.dialect, script);
  const prefix = p.str('prefix');
  configureXlog(proc, {
    ...(prefix === undefined ? {} : { prefix }),
    autoNewline: p.int('auto_newline') !== 0,
  });
}

/** Waits for script runs and relays without a final reply, at most `ms`. */
async function waitBounded(inFlight: Set<Promise<unknown>>, relays: RelayTracker, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (relays.sweep() === 0 && inFlight.size === 0) return;
    const left = deadline - Date.now();
    await Promise.race([
      inFlight.size > 0 ? Promise.allSettled([...inFlight]) : Promise.resolve(),
      new Promise((resolve) => setTimeout(resolve, Math.min(left, 50)).unref()),
    ]);
  }
}
