// The registrar functions as a compiled script calls them: ScriptContext in, return code out.
// Adapts the context to the registrar's ports (request view, lookup target, reply).
import type { ScriptContext } from '../../core/script/context.js';
import { compilePv, type PvRef } from '../../core/script/pv.js';
import { q2str } from './expires.js';
import type { LookupTarget, RegisterContext, RequestView } from './ports.js';
import type { Registrar } from './registrar.js';

/** Sends a locally generated reply for the context's request (sl_send_reply, or t_reply in a transaction). */
export type ContextReply = (ctx: ScriptContext, code: number, reason: string) => Promise<void> | void;

export function requestViewOf(ctx: ScriptContext): RequestView {
  return { method: ctx.msg.method, ruri: ctx.ruri, headers: (name) => ctx.msg.headerAll(name) };
}

export function lookupTargetOf(ctx: ScriptContext): LookupTarget {
  return {
    method: ctx.msg.method,
    get ruri() {
      return ctx.ruri;
    },
    setRuri: (uri) => {
      ctx.ruri = uri;
    },
    setDstUri: (uri) => {
      ctx.dstUri = uri ?? null;
    },
    // The script context keeps no Path for branch 0 yet; Path-routed lookups use $du only.
    setPath: () => undefined,
    setBranchFlags: (flags) => {
      ctx.ruriBranchFlags = flags >>> 0;
    },
    appendBranch: (b) => {
      ctx.branches.push({
        uri: b.uri,
        dstUri: b.dstUri ?? null,
        q: b.q < 0 ? null : q2str(b.q),
        flags: b.flags,
        ...(b.path ? { path: b.path } : {}),
      });
    },
  };
}

export class RegistrarFunctions {
  private readonly receivedAvp: PvRef | undefined;

  constructor(
    readonly registrar: Registrar,
    private readonly reply: ContextReply,
    /** registrar `received_avp` modparam, e.g. "$avp(RECEIVED)" (S08: an AVP id). */
    receivedAvp?: string,
  ) {
    this.receivedAvp = receivedAvp
      ? compilePv(/^\d+$/.test(receivedAvp) ? `$avp(i:${receivedAvp})` : receivedAvp)
      : undefined;
  }

  registerContext(ctx: ScriptContext): RegisterContext {
    const received = this.receivedAvp?.get(ctx);
    const route = ctx.routeType;
    return {
      ...(typeof received === 'string' && received !== '' ? { received } : {}),
      socket: `${ctx.rcv.proto}:${ctx.rcv.localIp}:${ctx.rcv.localPort}`,
      branchFlags: ctx.ruriBranchFlags,
      routeType: route === 'failure' || route === 'onreply' ? route : 'request',
    };
  }

  /** save(table[, flags[, uri]]). Reply headers go out through the context's reply header list. */
  save(ctx: ScriptContext, table: string, flags?: number | string, uri?: string): Promise<number> {
    return this.registrar.save(
      table,
      requestViewOf(ctx),
      {
        context: this.registerContext(ctx),
        reply: async (code, reason, headers) => {
          for (const h of headers) ctx.replyHeaders.push(`${h}\r\n`);
          await this.reply(ctx, code, reason);
        },
      },
      flags,
      uri,
    );
  }

  /** SER 0.8 / OpenSER 1.x `save_noreply(table)`: save() without a reply (flag 0x02). */
  saveNoReply(ctx: ScriptContext, table: string): Promise<number> {
    return this.save(ctx, table, 0x02);
  }

  /** SER 0.8 / OpenSER 1.x `save_memory(table)`: save() keeping the contacts in memory only (flag 0x01). */
  saveMemory(ctx: ScriptContext, table: string): Promise<number> {
    return this.save(ctx, table, 0x01);
  }

  /** Kamailio `lookup(table[, uri])`. */
  lookup(ctx: ScriptContext, table: string, uri?: string): Promise<number> {
    return this.registrar.lookup(table, lookupTargetOf(ctx), uri);
  }

  /** OpenSIPS `lookup(table, flags[, aor])`. */
  lookupWithFlags(ctx: ScriptContext, table: string, flags: string, aor?: string): Promise<number> {
    return this.registrar.lookup(table, lookupTargetOf(ctx), aor, { flags });
  }

  registered(ctx: ScriptContext, table: string, uri?: string): Promise<number> {
    return this.registrar.registered(table, uri === undefined || uri === '' ? ctx.ruri : uri);
  }

  unregister(_ctx: ScriptContext, table: string, uri: string, ruid?: string): Promise<number> {
    return this.registrar.unregister(table, uri, ruid);
  }
}
