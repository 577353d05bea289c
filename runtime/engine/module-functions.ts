// registrar and msilo script functions bound to the engine's module instances (the modules' own
// script bindings do the work). Same calling convention as every module function: ctx first.
import type { ScriptContext } from '../core/script/context.js';
import { engineOf } from './services.js';

function notLoaded(ctx: ScriptContext, module: string, fn: string): Promise<number> {
  engineOf(ctx).log.error(`${fn}(): module ${module} is not loaded`);
  return Promise.resolve(-1);
}

/** save(table[, flags[, aor]]). */
export function save(
  ctx: ScriptContext,
  table: string,
  flags?: number | string,
  aor?: string,
): Promise<number> {
  const r = engineOf(ctx).registrar;
  return r ? r.save(ctx, table, flags, aor) : notLoaded(ctx, 'registrar', 'save');
}

/** Kamailio lookup(table[, uri]); OpenSIPS lookup(table[, flags[, aor]]) — the dialect decides. */
export function lookup(ctx: ScriptContext, table: string, second?: string, aor?: string): Promise<number> {
  const r = engineOf(ctx).registrar;
  if (!r) return notLoaded(ctx, 'registrar', 'lookup');
  if (ctx.dialect === 'O1' || ctx.dialect === 'O3') return r.lookupWithFlags(ctx, table, second ?? '', aor);
  return r.lookup(ctx, table, second);
}

export function registered(ctx: ScriptContext, table: string, uri?: string): Promise<number> {
  const r = engineOf(ctx).registrar;
  return r ? r.registered(ctx, table, uri) : notLoaded(ctx, 'registrar', 'registered');
}

export function unregister(ctx: ScriptContext, table: string, uri: string, ruid?: string): Promise<number> {
  const r = engineOf(ctx).registrar;
  return r ? r.unregister(ctx, table, uri, ruid) : notLoaded(ctx, 'registrar', 'unregister');
}

/** m_store(): SER/OpenSER `m_store("0"|"1"|"2")`, Kamailio/OpenSIPS `m_store([owner])`. */
export function m_store(ctx: ScriptContext, arg?: string): Promise<number> {
  const m = engineOf(ctx).msilo;
  return m ? m.m_store(ctx, arg) : notLoaded(ctx, 'msilo', 'm_store');
}

/** m_dump([owner[, maxmsgs]]). */
export function m_dump(ctx: ScriptContext, owner?: string, maxMessages?: number): Promise<number> {
  const m = engineOf(ctx).msilo;
  return m ? m.m_dump(ctx, owner, maxMessages) : notLoaded(ctx, 'msilo', 'm_dump');
}
