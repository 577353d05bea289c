// xlog: formatted logging (MODULES.md §8). The generated code passes the compiled format (compileFormat)
// unevaluated, so a line below the log threshold costs a level check and no formatting; xlog always
// returns 1 so it never stops the script.
import type { ScriptContext, ScriptProcess } from '../../core/script/context.js';
import type { LazyText } from '../../core/script/format.js';
import { LOG_LEVELS, parseLevelName } from '../../core/script/logger.js';
import { toInt } from '../../core/script/values.js';

export interface XlogParams {
  /** Kamailio `prefix` modparam. */
  prefix: string;
  /** Kamailio `auto_newline`: add "\n" when the text lacks one. */
  autoNewline: boolean;
}

const DEFAULTS: XlogParams = { prefix: '<script>: ', autoNewline: false };
const paramsByProcess = new WeakMap<ScriptProcess, XlogParams>();

export function configureXlog(proc: ScriptProcess, params: Partial<XlogParams>): void {
  paramsByProcess.set(proc, { ...DEFAULTS, ...paramsByProcess.get(proc), ...params });
}

function write(ctx: ScriptContext, level: number, lazy: LazyText): number {
  if (!ctx.logger.enabled(level)) return 1;
  const text = typeof lazy === 'string' ? lazy : lazy(ctx);
  const p = paramsByProcess.get(ctx.proc) ?? DEFAULTS;
  const line = p.prefix + text + (p.autoNewline && !text.endsWith('\n') ? '\n' : '');
  ctx.logger.log(level, line);
  return 1;
}

/** Level argument: a literal name (only its third letter counts) or an integer (from a PV). */
export function xlogLevel(level: string | number): number {
  if (typeof level === 'number') return level;
  return parseLevelName(level) ?? toInt(level);
}

/** xlog(fmt) at L_ERR, xlog(level, fmt), xlog(facility, level, fmt). */
export function xlog(ctx: ScriptContext, a: LazyText | number, b?: LazyText, c?: LazyText): number {
  if (b === undefined) return write(ctx, LOG_LEVELS.L_ERR, typeof a === 'number' ? String(a) : a);
  // The level (and facility) are plain strings: only the last argument is a format.
  const level = (v: LazyText | number): number => xlogLevel(typeof v === 'function' ? v(ctx) : v);
  if (c === undefined) return write(ctx, level(a), b);
  return write(ctx, level(b), c);
}

export const xdbg = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_DBG, text);
export const xinfo = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_INFO, text);
export const xnotice = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_NOTICE, text);
export const xwarn = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_WARN, text);
export const xerr = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_ERR, text);
export const xbug = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_BUG, text);
export const xcrit = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_CRIT, text);
export const xalert = (ctx: ScriptContext, text: LazyText): number => write(ctx, LOG_LEVELS.L_ALERT, text);
