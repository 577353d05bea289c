// configs/msilo-opensips.cfg (seed msilo-opensips.cfg, OpenSIPS 1.x dialect) written by hand the way
// the code generator emits it: PVs and formats compiled once at module level, every function call
// through callCond/callStmt (0 stops the script), `exit` as the EXIT sentinel, async module
// functions awaited. Everything is imported from the runtime's public entry.
import {
  EXIT,
  callCond,
  callStmt,
  compileFormat,
  compilePv,
  is_method,
  is_myself,
  log,
  lookup,
  m_dump,
  m_store,
  mf_process_maxfwd_header,
  save,
  sl_reply_error,
  sl_send_reply,
  t_newtran,
  t_on_failure,
  t_relay,
  t_reply,
  type CompiledScript,
  type ModparamValue,
  type ScriptContext,
} from '../../runtime/index.js';

const DIALECT = 'O1';
const pv_avp_11 = compilePv('$avp(11)', { dialect: DIALECT });
const pv_ru = compilePv('$ru', { dialect: DIALECT });
const fmt_rd = compileFormat('$rd', DIALECT);
const fmt_ru = compileFormat('$ru', DIALECT);
const fmt_avp_11 = compileFormat('$avp(11)', DIALECT);

async function route_main(ctx: ScriptContext): Promise<number> {
  if (!callCond(ctx, mf_process_maxfwd_header(ctx, 10))) {
    callStmt(ctx, sl_send_reply(ctx, 483, 'To Many Hops'));
    throw EXIT;
  }
  if (callCond(ctx, is_myself(ctx, fmt_rd(ctx)))) {
    if (callCond(ctx, is_method(ctx, 'REGISTER'))) {
      callStmt(ctx, await save(ctx, 'location'));
      callStmt(ctx, log(ctx, 'REGISTER received -> dumping messages with MSILO\n'));
      if (callCond(ctx, await m_dump(ctx))) {
        callStmt(ctx, log(ctx, 'MSILO: offline messages dumped - if they were\n'));
      } else {
        callStmt(ctx, log(ctx, 'MSILO: no offline messages dumped\n'));
      }
      throw EXIT;
    }
    pv_avp_11.set(ctx, pv_ru.get(ctx));
    if (!callCond(ctx, await lookup(ctx, 'location'))) {
      if (!callCond(ctx, t_newtran(ctx))) {
        callStmt(ctx, sl_reply_error(ctx));
        throw EXIT;
      }
      if (!callCond(ctx, is_method(ctx, 'MESSAGE'))) {
        if (!callCond(ctx, t_reply(ctx, 404, 'Not found'))) callStmt(ctx, sl_reply_error(ctx));
        throw EXIT;
      }
      callStmt(ctx, log(ctx, 'MESSAGE received -> storing using MSILO\n'));
      if (callCond(ctx, await m_store(ctx, fmt_ru(ctx)))) {
        callStmt(ctx, log(ctx, 'MSILO: offline message stored\n'));
        if (!callCond(ctx, t_reply(ctx, 202, 'Accepted'))) callStmt(ctx, sl_reply_error(ctx));
      } else {
        callStmt(ctx, log(ctx, 'MSILO: offline message NOT stored\n'));
        if (!callCond(ctx, t_reply(ctx, 503, 'Service Unavailable'))) callStmt(ctx, sl_reply_error(ctx));
      }
      throw EXIT;
    }
    callStmt(ctx, t_on_failure(ctx, '1'));
    callStmt(ctx, t_relay(ctx));
    throw EXIT;
  }
  callStmt(ctx, t_relay(ctx));
  return 1;
}

async function failure_route_1(ctx: ScriptContext): Promise<number> {
  if (!callCond(ctx, is_method(ctx, 'MESSAGE'))) throw EXIT;
  callStmt(ctx, log(ctx, 1, 'MSILO: the downstream UA does not support MESSAGE requests ...\n'));
  if (callCond(ctx, await m_store(ctx, fmt_avp_11(ctx)))) {
    callStmt(ctx, log(ctx, 'MSILO: offline message stored\n'));
    callStmt(ctx, t_reply(ctx, 202, 'Accepted'));
  } else {
    callStmt(ctx, log(ctx, 'MSILO: offline message NOT stored\n'));
    callStmt(ctx, t_reply(ctx, 503, 'Service Unavailable'));
  }
  return 1;
}

/** The compiled script; `dbUrl` replaces the seed's mysql URL (SQLite file or the test's MariaDB). */
export function msiloOpensipsScript(
  dbUrl: string,
  extra: Record<string, Record<string, ModparamValue>> = {},
): CompiledScript {
  return {
    dialect: DIALECT,
    core: { children: 2 },
    modules: ['textops', 'sl', 'db_mysql', 'maxfwd', 'tm', 'usrloc', 'registrar', 'msilo'],
    modparams: {
      registrar: { default_expires: 120, ...extra.registrar },
      usrloc: { db_mode: 0, ...extra.usrloc },
      msilo: { db_url: dbUrl, ...extra.msilo },
      tm: { fr_timer: 10, fr_inv_timer: 15, wt_timer: 10, ...extra.tm },
    },
    routes: {
      request: route_main,
      failure: { '1': failure_route_1 },
    },
  };
}
