// msilo settings from the script's modparams (names/defaults from the descriptor via the reader).
import type { Database, SiloColumns } from '../../db/index.js';
import type { Dialect } from '../types.js';
import type { ModparamReader } from '../usrloc/params.js';
import type { MsiloConfig, MsiloFlavor } from './config.js';
import { SILO_COLUMN_PARAMS } from './descriptor.js';
import { siloStorage } from './db-storage.js';
import { Msilo } from './msilo.js';
import type { MsiloUac } from './ports.js';

/** SER 0.8/2.x behave like SER; OpenSER 1.x and OpenSIPS check only Expires on dump; Kamailio 3+ is Kamailio. */
export function msiloFlavor(dialect: Dialect): MsiloFlavor {
  if (dialect === 'K3') return 'kamailio';
  if (dialect === 'S0' || dialect === 'S08' || dialect === 'S2') return 'ser';
  return 'opensips';
}

export function msiloConfigFrom(p: ModparamReader): MsiloConfig {
  const opt = (name: string, field: keyof MsiloConfig): Partial<MsiloConfig> => {
    if (!p.has(name)) return {};
    const v = p.str(name);
    return v === undefined || v === '' ? {} : { [field]: v };
  };
  return {
    flavor: msiloFlavor(p.dialect),
    ...opt('registrar', 'registrar'),
    ...opt('from_address', 'fromAddress'),
    ...opt('offline_message', 'offlineMessage'),
    ...opt('contact_hdr', 'contactHdr'),
    ...opt('content_type_hdr', 'contentTypeHdr'),
    ...opt('extra_hdrs', 'extraHdrs'),
    ...opt('reminder', 'reminder'),
    ...opt('outbound_proxy', 'outboundProxy'),
    expireTime: p.int('expire_time'),
    checkTime: p.int('check_time'),
    sendTime: p.has('send_time') ? p.int('send_time') : 0,
    cleanPeriod: p.int('clean_period'),
    useContact: p.int('use_contact') !== 0,
    addDate: p.has('add_date') ? p.int('add_date') !== 0 : true,
    maxMessages: p.has('max_messages') ? p.int('max_messages') : 0,
    addContact: p.has('add_contact') ? p.int('add_contact') !== 0 : false,
    skipNotificationFlag: p.has('skip_notification_flag') ? p.int('skip_notification_flag') : -1,
    useMode: p.has('use_mode') ? p.int('use_mode') : 0,
  };
}

/** Column names for the dialect (OpenSIPS 1 / OpenSER call the id `mid`) and the script's renames. */
export function siloColumnsFrom(p: ModparamReader): Partial<SiloColumns> {
  const out: Partial<Record<keyof SiloColumns, string>> = {};
  for (const [param, key] of Object.entries(SILO_COLUMN_PARAMS)) {
    const v = p.str(param);
    if (v) out[key] = v;
  }
  return out;
}

/** An msilo instance for the script's modparams over `db`'s silo table and the given UAC. */
export function createMsilo(
  p: ModparamReader,
  db: Pick<Database, 'silo'>,
  uac: MsiloUac,
  extra: { now?: () => number; onError?: (err: unknown) => void } = {},
): Msilo {
  const table = p.str('db_table') ?? 'silo';
  const columns = siloColumnsFrom(p);
  return new Msilo({
    storage: siloStorage(() => db.silo({ table, columns })),
    uac,
    config: msiloConfigFrom(p),
    ...(extra.now ? { now: extra.now } : {}),
    ...(extra.onError ? { onError: extra.onError } : {}),
  });
}
