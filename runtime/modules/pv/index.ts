// pv module functions over compiled PV references (MODULES.md §9).
import type { ScriptContext } from '../../core/script/context.js';
import type { PvRef } from '../../core/script/pv.js';
import { isIntString } from '../../core/script/values.js';

export function pv_isset(ctx: ScriptContext, pv: PvRef): number {
  return pv.isSet(ctx) ? 1 : -1;
}

export function pv_unset(ctx: ScriptContext, pv: PvRef): number {
  pv.unset(ctx);
  return 1;
}

export function is_int(ctx: ScriptContext, pv: PvRef): number {
  const v = pv.get(ctx);
  if (typeof v === 'number') return 1;
  return typeof v === 'string' && isIntString(v) ? 1 : -1;
}

/** typeof(pv, "int" | "str" | "null"). */
export function typeof_(ctx: ScriptContext, pv: PvRef, type: string): number {
  const v = pv.get(ctx);
  const actual = v === null ? 'null' : typeof v === 'number' ? 'int' : 'str';
  return actual === type ? 1 : -1;
}

/** not_empty(pv): a non-empty string value. */
export function not_empty(ctx: ScriptContext, pv: PvRef): number {
  const v = pv.get(ctx);
  return typeof v === 'string' && v.length > 0 ? 1 : -1;
}

// `typeof` is a JavaScript keyword; the script name is exported as an alias.
export { typeof_ as typeof };
