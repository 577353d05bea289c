// Module instances for one server, built from the script's modparams through the modules' own
// readers (descriptor defaults): tm/sl settings, usrloc + registrar, msilo, maxfwd's limit.
import type { SipStack } from '../core/transaction/stack.js';
import { maxfwdParams } from '../modules/maxfwd/index.js';
import { Msilo, MsiloFunctions, msiloConfigFrom, siloStorage, tmUac } from '../modules/msilo/index.js';
import { Registrar, RegistrarFunctions, registrarConfigFrom } from '../modules/registrar/index.js';
import { send_reply } from '../modules/sl/sl.js';
import { Usrloc, locationBackend, systemClock, usrlocOptionsFrom } from '../modules/usrloc/index.js';
import { DatabasePool } from './databases.js';
import { ModuleParams } from './modparams.js';
import type { CompiledScript } from './script.js';
import type { EngineLog, SlConfig, TmConfig } from './services.js';

export interface ModuleSet {
  tm: TmConfig;
  sl: SlConfig;
  usrloc: Usrloc | undefined;
  registrar: RegistrarFunctions | undefined;
  msilo: MsiloFunctions | undefined;
  /** Stops module timers, flushes usrloc and closes the databases. */
  close(): Promise<void>;
}

export function loadedModules(script: CompiledScript): Set<string> {
  return new Set([...(script.modules ?? []), ...Object.keys(script.modparams ?? {})]);
}

export function tmConfig(script: CompiledScript): TmConfig {
  const p = new ModuleParams('tm', script.dialect, script);
  const intOr = (name: string, fallback: number): number => (p.raw(name) === null ? fallback : p.int(name));
  return {
    frTimer: p.ms('fr_timer'),
    frInvTimer: p.ms('fr_inv_timer'),
    wtTimer: p.ms('wt_timer'),
    failureReplyMode: intOr('failure_reply_mode', 3),
    autoInv100: intOr('auto_inv_100', 1) !== 0,
  };
}

export function slConfig(script: CompiledScript): SlConfig {
  const p = new ModuleParams('sl', script.dialect, script);
  return {
    defaultCode: p.raw('default_code') === null ? 500 : p.int('default_code'),
    defaultReason: p.str('default_reason') ?? 'Internal Server Error',
  };
}

/** Builds the modules the script loads. Databases open lazily (a database down at start is retried). */
export function createModules(
  script: CompiledScript,
  stack: SipStack,
  log: EngineLog,
  defaultDbUrl: () => string,
): ModuleSet {
  const loaded = loadedModules(script);
  const pool = new DatabasePool();
  let usrloc: Usrloc | undefined;
  let registrar: RegistrarFunctions | undefined;
  let msilo: MsiloFunctions | undefined;

  if (loaded.has('maxfwd')) {
    const p = new ModuleParams('maxfwd', script.dialect, script);
    if (p.raw('max_limit') !== null) maxfwdParams.maxLimit = p.int('max_limit');
  }
  if (loaded.has('usrloc') || loaded.has('registrar')) {
    const p = new ModuleParams('usrloc', script.dialect, script);
    const url = p.has('db_url') ? (p.str('db_url') ?? defaultDbUrl()) : defaultDbUrl();
    const openTable = (table: string) =>
      locationBackend(() => pool.get(url).then((db) => db.location({ table })), systemClock);
    const options = usrlocOptionsFrom(p, openTable);
    usrloc = new Usrloc({
      ...options,
      ...(options.dbMode === 0 ? { openTable: undefined } : {}),
      onTimerError: (e) => log.warn(`usrloc timer: ${e instanceof Error ? e.message : String(e)}`),
    });
    usrloc.start();
    const rp = new ModuleParams('registrar', script.dialect, script);
    registrar = new RegistrarFunctions(
      new Registrar(usrloc, registrarConfigFrom(rp)),
      (ctx, code, reason) => {
        send_reply(ctx, code, reason);
      },
      rp.str('received_avp'),
    );
  }
  if (loaded.has('msilo')) {
    const p = new ModuleParams('msilo', script.dialect, script);
    const url = p.has('db_url') ? (p.str('db_url') ?? defaultDbUrl()) : defaultDbUrl();
    const table = p.str('db_table') ?? 'silo';
    const core = new Msilo({
      storage: siloStorage(() => pool.get(url).then((db) => db.silo({ table }))),
      uac: tmUac(stack.transactions, stack.local),
      config: msiloConfigFrom(p),
      onError: (e) => log.warn(`msilo: ${e instanceof Error ? e.message : String(e)}`),
    });
    core.start();
    msilo = new MsiloFunctions(core, script.dialect, {
      ...(p.str('extra_hdrs_avp') !== undefined ? { extraHdrsAvp: p.str('extra_hdrs_avp') as string } : {}),
      ...(p.str('snd_time_avp') !== undefined ? { sndTimeAvp: p.str('snd_time_avp') as string } : {}),
    });
  }
  return {
    tm: tmConfig(script),
    sl: slConfig(script),
    usrloc,
    registrar,
    msilo,
    async close() {
      msilo?.msilo.close();
      if (usrloc) await usrloc.close().catch((e: unknown) => log.warn(`usrloc close: ${String(e)}`));
      await pool.close();
    },
  };
}
