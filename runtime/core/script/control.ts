// Control flow of generated route code (LANGUAGE.md §6, §9): return codes, exit/drop, break.
// exit and drop unwind all nested route() calls; they are thrown as preallocated sentinels — plain
// objects, not Errors — so no stack is captured on the hot path.
import type { Dialect } from '../../modules/types.js';

export class ScriptStop {
  private constructor(
    /** drop also cancels the implicit action (forwarding a reply, sending a branch). */
    readonly drop: boolean,
  ) {}
  static readonly EXIT = new ScriptStop(false);
  static readonly DROP = new ScriptStop(true);
}

export const EXIT = ScriptStop.EXIT;
export const DROP = ScriptStop.DROP;

export function isScriptStop(e: unknown): e is ScriptStop {
  return e instanceof ScriptStop;
}

/** Minimal view of the context that return-code bookkeeping needs. */
export interface ReturnCodeHolder {
  rc: number;
}

/** Return-code truthiness: > 0 true, < 0 false; 0 must have stopped the script already. */
export function truthy(code: number): boolean {
  return code > 0;
}

/** A function call used as a statement: records $rc, stops the script on 0. */
export function callStmt(ctx: ReturnCodeHolder, code: number): number {
  ctx.rc = code;
  if (code === 0) throw EXIT;
  return code;
}

/** A function call used as a condition: records $rc, stops the script on 0, else booleanizes. */
export function callCond(ctx: ReturnCodeHolder, code: number): boolean {
  ctx.rc = code;
  if (code === 0) throw EXIT;
  return code > 0;
}

/** `$var(x) = f();` — the raw code is stored (and 0 still stops the script). */
export function callValue(ctx: ReturnCodeHolder, code: number): number {
  return callStmt(ctx, code);
}

/**
 * `route(X)` used as a condition or statement. `return 0` inside the sub-route already threw EXIT; a
 * 0 that arrives here comes from `break` (K/S2) and means "false, keep going".
 */
export function routeResult(ctx: ReturnCodeHolder, code: number): number {
  ctx.rc = code;
  return code;
}

/** `return n;` in a route: 0 stops the whole script. Default n is 1. */
export function returnCode(n: number = 1): number {
  if (n === 0) throw EXIT;
  return n;
}

/**
 * Value a route yields when it ends through `break` outside a loop: S08 returns to the caller, which
 * treats the route as successful (1); S2 is `return 0` without exit; Kamailio/OpenSIPS end the route
 * and the caller's route() yields 0 (false), without exiting.
 */
export function breakResult(dialect: Dialect): number {
  return dialect === 'S08' || dialect === 'S0' ? 1 : 0;
}

/** Run a top-level route: returns 'drop' when the script dropped, 'exit' on exit, else 'end'. */
export function runRoute(body: () => number | void): 'end' | 'exit' | 'drop' {
  try {
    body();
    return 'end';
  } catch (e) {
    if (e instanceof ScriptStop) return e.drop ? 'drop' : 'exit';
    throw e;
  }
}

/** Async variant of runRoute for routes that await module functions. */
export async function runRouteAsync(body: () => Promise<number | void>): Promise<'end' | 'exit' | 'drop'> {
  try {
    await body();
    return 'end';
  } catch (e) {
    if (e instanceof ScriptStop) return e.drop ? 'drop' : 'exit';
    throw e;
  }
}

/** Guard for `while` loops (max_while_loops, K default 100). */
export class LoopGuard {
  private count = 0;
  constructor(private readonly max: number = 100) {}
  /** True while the loop may run another iteration. */
  next(): boolean {
    this.count++;
    return this.count <= this.max;
  }
}
