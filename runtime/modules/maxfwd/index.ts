// maxfwd: Max-Forwards loop protection (MODULES.md §6). The header is rewritten through the message's
// deferred edits; the processed value is remembered per run so is_maxfwd_lt sees it.
import type { ScriptContext } from '../../core/script/context.js';

export interface MaxfwdParams {
  /** Upper bound of the forwarded value (Kamailio `max_limit`, default 70). 0 = no limit. */
  maxLimit: number;
}

export const maxfwdParams: MaxfwdParams = { maxLimit: 70 };

// Value after processing, per script run (the message keeps the original text until it is sent).
const processed = new WeakMap<ScriptContext, number>();

/** undefined: header absent; NaN: unparsable; else the value. */
function currentValue(ctx: ScriptContext): number | undefined {
  const known = processed.get(ctx);
  if (known !== undefined) return known;
  const raw = ctx.msg.header('max-forwards');
  if (raw === undefined) return undefined;
  return /^\d{1,3}$/.test(raw) && Number(raw) <= 255 ? Number(raw) : Number.NaN;
}

/** 2 added, 1 decremented, -1 value is 0 (reply 483), -2 unparsable. */
export function mf_process_maxfwd_header(ctx: ScriptContext, max: number): number {
  if (processed.has(ctx)) return 1; // already decremented in this run
  const value = currentValue(ctx);
  if (value === undefined) {
    if (!Number.isInteger(max) || max < 0 || max > 255) return -2;
    ctx.msg.addHeader('Max-Forwards', String(max));
    processed.set(ctx, max);
    return 2;
  }
  if (Number.isNaN(value)) return -2;
  if (value === 0) return -1;
  const limit = maxfwdParams.maxLimit;
  const next = (limit > 0 && value > limit ? limit + 1 : value) - 1;
  ctx.msg.removeHeader('max-forwards');
  ctx.msg.addHeader('Max-Forwards', String(next));
  processed.set(ctx, next);
  return 1;
}

/** 1 when the (processed) value is below n, -1 when not, -2 when missing or unparsable. */
export function is_maxfwd_lt(ctx: ScriptContext, n: number): number {
  const value = currentValue(ctx);
  if (value === undefined || Number.isNaN(value)) return -2;
  return value < n ? 1 : -1;
}

export { mf_process_maxfwd_header as maxfwd_process, mf_process_maxfwd_header as process_maxfwd };
export { is_maxfwd_lt as maxfwd_at_least, is_maxfwd_lt as mf_lowlimit };
