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
