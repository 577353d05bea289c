// xlog: formatted logging (MODULES.md §8). The generated code evaluates the format (compileFormat)
// and passes the text; xlog always returns 1 so it never stops the script.
import type { ScriptContext, ScriptProcess } from '../../core/script/context.js';
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

function write(ctx: ScriptContext, level: number, text: string): number {
  if (!ctx.logger.enabled(level)) return 1;
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
export function xlog(ctx: ScriptContext, a: string | number, b?: string, c?: string): number {
  if (b === undefined) return write(ctx, LOG_LEVELS.L_ERR, String(a));
  if (c === undefined) return write(ctx, xlogLevel(a), b);
  return write(ctx, xlogLevel(b), c);
}

export const xdbg = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_DBG, text);
export const xinfo = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_INFO, text);
export const xnotice = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_NOTICE, text);
export const xwarn = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_WARN, text);
export const xerr = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_ERR, text);
export const xbug = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_BUG, text);
export const xcrit = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_CRIT, text);
export const xalert = (ctx: ScriptContext, text: string): number => write(ctx, LOG_LEVELS.L_ALERT, text);
