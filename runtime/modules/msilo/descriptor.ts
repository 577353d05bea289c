// msilo — offline message store (MODULES.md §5). Function forms differ per dialect.
import { DEFAULT_SILO_COLUMNS, type SiloColumns } from '../../db/columns.js';
import type { FunctionDescriptor, ModparamDescriptor, ModuleDescriptor } from '../types.js';
import { DIALECTS_ALL, intParams, p, rc, strParams } from '../types.js';

const functions: readonly FunctionDescriptor[] = [
  {
    name: 'm_store',
    overloads: [
      { params: [], dialects: ['K3', 'O1', 'O3'] },
      {
        params: [p('mode', 'str', 'SER: "0" new R-URI, "1" original R-URI, "2" To-URI')],
        dialects: ['S08', 'S2', 'K1'],
      },
      { params: [p('owner', 'spve')], dialects: ['K3', 'O1', 'O3'] },
      { params: [p('mode', 'str'), p('next_hop', 'str')], dialects: ['S2', 'K1'] },
    ],
    routes: ['request', 'failure'],
    returns: [rc(1, 'stored'), rc(-1, 'not stored (no body, bad owner, limit, database error)')],
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    async: true,
    doc: 'Store the MESSAGE for an offline owner (default: new R-URI, else original R-URI).',
  },
  {
    name: 'm_store_addrs',
    overloads: [{ params: [p('owner', 'spve'), p('srcaddr', 'spve'), p('dstaddr', 'spve')] }],
    routes: ['request', 'failure'],
    returns: [rc(1, 'stored'), rc(-1, 'not stored')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    async: true,
    doc: 'm_store with explicit addresses (K5.x).',
  },
  {
    name: 'm_dump',
    overloads: [
      { params: [] },
      { params: [p('owner', 'spve')], dialects: ['K3', 'O1', 'O3'] },
      { params: [p('next_hop', 'str')], dialects: ['S2'] },
      { params: [p('owner', 'spve'), p('maxmsgs', 'igp')], dialects: ['O3'] },
    ],
    routes: ['request'],
    returns: [rc(1, 'dumped (also when nothing to send)'), rc(-1, 'error or the REGISTER unregisters')],
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    async: true,
    doc: 'Send the stored messages of the owner (default: To-URI of the REGISTER).',
  },
];

const ip = intParams(true);
const sp = strParams(true);
const SER_ERA = { S08: 30, S2: 30, O1: 30 } as const;
/** msilo `sc_*` modparams and the silo column each one names; defaults are runtime/db's names. */
export const SILO_COLUMN_PARAMS: Readonly<Record<string, keyof SiloColumns>> = {
  sc_mid: 'id',
  sc_from: 'srcAddr',
  sc_to: 'dstAddr',
  sc_uri_user: 'username',
  sc_uri_host: 'domain',
  sc_body: 'body',
  sc_ctype: 'ctype',
  sc_exp_time: 'expTime',
  sc_inc_time: 'incTime',
  sc_snd_time: 'sndTime',
  sc_stored_hdrs: 'extraHdrs',
  sc_callid: 'callid',
  sc_status: 'status',
};

const params: readonly ModparamDescriptor[] = [
  {
    ...sp('db_url', null, 'sqlite:///path or mysql://user:pass@host[:port]/db.'),
    defaultByDialect: { S08: 'mysql://root@localhost/msilo' },
  },
  sp('db_table', 'silo', 'Table name.'),
  sp('from_address', null, 'From of the offline notification (spve).', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  sp('registrar', null, 'SER/OpenSER name of from_address (fixed English notice).', {
    dialects: ['S08', 'S2', 'K1'],
  }),
  sp('contact_hdr', null, 'Contact header of the notification (full header with CRLF).', {
    dialects: ['K3', 'O1', 'O3'],
  }),
  sp('content_type_hdr', null, 'Content-Type header of the notification; required with offline_message.', {
    dialects: ['K3', 'O1', 'O3'],
  }),
  sp('offline_message', null, 'Body of the notification to the sender (spve).', {
    dialects: ['K3', 'O1', 'O3'],
  }),
  sp('extra_hdrs', null, 'Headers added to dumped MESSAGEs.', { dialects: ['K3'] }),
  sp('reminder', null, 'From of reminders; unset disables them.', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  sp('outbound_proxy', null, 'Next hop of generated MESSAGEs.', { dialects: ['K3', 'O1', 'O3'] }),
  ip('expire_time', 259200, 'Lifetime of a stored message (s).'),
  ip('check_time', 60, 'Period of the clean-up timer (s).', { defaultByDialect: SER_ERA }),
  ip('send_time', 0, 'Period of the reminder timer (s); 0 = off.', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  ip('clean_period', 10, 'Expired rows purged every N check_time cycles.', {
    defaultByDialect: { S08: 5, S2: 5, O1: 5 },
  }),
  ip('use_contact', 1, 'Notify the sender at its Contact rather than its From URI.'),
  sp('snd_time_avp', null, 'AVP with the reminder time (YYYYMMDDHHMMSS).', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  sp('extra_hdrs_avp', null, 'AVP with extra headers to store.', { dialects: ['K3'] }),
  ip('add_date', 1, 'Prefix text/plain bodies with "[Offline message - date] ".', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  ip('max_messages', 0, 'Maximum stored messages per AoR; 0 = unlimited.', { dialects: ['K3', 'O1', 'O3'] }),
  ip('add_contact', 0, 'Add Contact: <src_addr>;msilo=yes to dumped messages.', { dialects: ['K3'] }),
  ip('skip_notification_flag', -1, 'Message flag that suppresses the notification.', { dialects: ['K3'] }),
  ip('use_mode', 0, '1: store and reuse the Call-ID.', { dialects: ['K3'] }),
  ...Object.entries(SILO_COLUMN_PARAMS).map(([name, key]) =>
    sp(
      name,
      DEFAULT_SILO_COLUMNS[key],
      `Column name (${DEFAULT_SILO_COLUMNS[key]}; SER/OpenSIPS 1 used "mid" for sc_mid).`,
      {
        dialects: ['S2', 'K1', 'K3', 'O1', 'O3'],
        ...(name === 'sc_mid' ? { defaultByDialect: { S2: 'mid', K1: 'mid', O1: 'mid' } } : {}),
      },
    ),
  ),
];

export const msiloModule: ModuleDescriptor = {
  name: 'msilo',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params,
  pvs: [],
  doc: 'Store MESSAGEs for offline users and deliver them when the user registers.',
};
