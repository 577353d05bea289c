// The running engine as module functions see it: the SIP stack, the script process, module
// instances and configuration. Generated code only passes `ctx`; functions reach the engine
// through the context's process with engineOf(ctx).
import type { ScriptContext, ScriptProcess } from '../core/script/context.js';
import type { Relay } from '../core/transaction/relay.js';
import type { SipStack } from '../core/transaction/stack.js';
import type { MsiloFunctions } from '../modules/msilo/index.js';
import type { RegistrarFunctions } from '../modules/registrar/index.js';
import type { Usrloc } from '../modules/usrloc/index.js';
import type { Dialect } from '../modules/types.js';
import type { RouteTable } from './script.js';

export interface TmConfig {
  /** Milliseconds, converted from the dialect's unit. */
  frTimer: number;
  frInvTimer: number;
  wtTimer: number;
  failureReplyMode: number;
  autoInv100: boolean;
}

export interface SlConfig {
  defaultCode: number;
  defaultReason: string;
}

export interface EngineLog {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export interface Engine {
  readonly dialect: Dialect;
  readonly stack: SipStack;
  readonly proc: ScriptProcess;
  readonly routes: RouteTable;
  readonly tm: TmConfig;
  readonly sl: SlConfig;
  readonly usrloc: Usrloc | undefined;
  readonly registrar: RegistrarFunctions | undefined;
  readonly msilo: MsiloFunctions | undefined;
  readonly log: EngineLog;
  /** Tracks asynchronous work (script runs, failure routes) so close() can wait for it. */
  track(work: Promise<unknown>): void;
  /** Tracks a relay until it has sent its final reply, so close() can let it finish. */
  trackRelay(relay: Relay): void;
}

const engines = new WeakMap<ScriptProcess, Engine>();

export function bindEngine(proc: ScriptProcess, engine: Engine): void {
  engines.set(proc, engine);
}

export class EngineMissingError extends Error {}

/** The engine running this context's script; throws when the context was made outside an engine. */
export function engineOf(ctx: ScriptContext): Engine {
  const e = engines.get(ctx.proc);
  if (!e)
    throw new EngineMissingError(
      'module function called outside a running server (no engine for this ScriptProcess)',
    );
  return e;
}

export function maybeEngineOf(ctx: ScriptContext): Engine | undefined {
  return engines.get(ctx.proc);
}

export function isPromise<T>(v: unknown): v is Promise<T> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
