// configs/msilo.cfg (Kamailio 3+ dialect) written by hand the way the code generator emits it; see
// msilo-opensips-script.ts for the conventions. `$avp(msilo_owner)` keeps the AoR for the failure
// route, xlog formats are compiled once.
import {
  EXIT,
  callCond,
  callStmt,
  compileFormat,
  compilePv,
  is_method,
  is_myself,
  lookup,
  m_dump,
  m_store,
  mf_process_maxfwd_header,
  save,
  sl_reply_error,
  sl_send_reply,
  t_is_canceled,
  t_newtran,
  t_on_failure,
  t_relay,
  t_reply,
  xlog,
  type CompiledScript,
  type ScriptContext,
} from '../../runtime/index.js';

const DIALECT = 'K3';
const pv_owner = compilePv('$avp(msilo_owner)', { dialect: DIALECT });
const pv_ru = compilePv('$ru', { dialect: DIALECT });
const fmt_rd = compileFormat('$rd', DIALECT);
const fmt_ru = compileFormat('$ru', DIALECT);
const fmt_owner = compileFormat('$avp(msilo_owner)', DIALECT);
const fmt_dumped = compileFormat('MSILO: offline messages for $tu dumped\n', DIALECT, 'xfmt');
const fmt_stored = compileFormat('MSILO: stored offline message for $ru\n', DIALECT, 'xfmt');
const fmt_not_stored = compileFormat('MSILO: could not store message for $ru\n', DIALECT, 'xfmt');
const fmt_failed = compileFormat(
  'MSILO: delivery failed, stored message for $avp(msilo_owner)\n',
  DIALECT,
  'xfmt',
);

async function request_route(ctx: ScriptContext): Promise<number> {
  if (!callCond(ctx, mf_process_maxfwd_header(ctx, 10))) {
    callStmt(ctx, sl_send_reply(ctx, 483, 'Too Many Hops'));
    throw EXIT;
  }
  if (!callCond(ctx, is_myself(ctx, fmt_rd(ctx)))) {
    if (!callCond(ctx, t_relay(ctx))) callStmt(ctx, sl_reply_error(ctx));
    throw EXIT;
  }
  if (callCond(ctx, is_method(ctx, 'REGISTER'))) {
    callStmt(ctx, await save(ctx, 'location'));
    if (callCond(ctx, await m_dump(ctx))) callStmt(ctx, xlog(ctx, 'L_INFO', fmt_dumped));
    throw EXIT;
  }
  pv_owner.set(ctx, pv_ru.get(ctx));
  if (!callCond(ctx, await lookup(ctx, 'location'))) {
    if (!callCond(ctx, t_newtran(ctx))) {
      callStmt(ctx, sl_reply_error(ctx));
      throw EXIT;
    }
    if (!callCond(ctx, is_method(ctx, 'MESSAGE'))) {
      callStmt(ctx, t_reply(ctx, 404, 'Not Found'));
      throw EXIT;
    }
    if (callCond(ctx, await m_store(ctx, fmt_ru(ctx)))) {
      callStmt(ctx, xlog(ctx, 'L_INFO', fmt_stored));
      callStmt(ctx, t_reply(ctx, 202, 'Accepted'));
    } else {
      callStmt(ctx, xlog(ctx, 'L_ERR', fmt_not_stored(ctx)));
      callStmt(ctx, t_reply(ctx, 503, 'Service Unavailable'));
    }
    throw EXIT;
  }
  callStmt(ctx, t_on_failure(ctx, 'MSILO_STORE'));
  if (!callCond(ctx, t_relay(ctx))) callStmt(ctx, sl_reply_error(ctx));
  throw EXIT;
}

async function failure_route_MSILO_STORE(ctx: ScriptContext): Promise<number> {
  if (!callCond(ctx, is_method(ctx, 'MESSAGE')) || callCond(ctx, t_is_canceled(ctx))) throw EXIT;
  if (callCond(ctx, await m_store(ctx, fmt_owner(ctx)))) {
    callStmt(ctx, xlog(ctx, 'L_INFO', fmt_failed(ctx)));
    callStmt(ctx, t_reply(ctx, 202, 'Accepted'));
  } else {
    callStmt(ctx, t_reply(ctx, 503, 'Service Unavailable'));
  }
  return 1;
}

export function msiloKamailioScript(dbUrl: string): CompiledScript {
  return {
    dialect: DIALECT,
    modules: [
      'tm',
      'sl',
      'maxfwd',
      'textops',
      'siputils',
      'xlog',
      'pv',
      'kex',
      'usrloc',
      'registrar',
      'db_sqlite',
      'msilo',
    ],
    modparams: {
      registrar: { default_expires: 120 },
      usrloc: { db_mode: 0 },
      msilo: { db_url: dbUrl, add_date: 1 },
      tm: { fr_timer: 10000, fr_inv_timer: 15000, wt_timer: 5000 },
    },
    routes: { request: request_route, failure: { MSILO_STORE: failure_route_MSILO_STORE } },
  };
}
