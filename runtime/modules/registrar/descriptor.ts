// registrar — REGISTER processing and location lookup (MODULES.md §3).
import type { Dialect, FunctionDescriptor, ModparamDescriptor, ModuleDescriptor } from '../types.js';
import { DIALECTS_ALL, intParams, p, rc, strParams } from '../types.js';

const SAVE_RETURNS = [
  rc(1, 'contacts inserted'),
  rc(2, 'contacts updated'),
  rc(3, 'contacts deleted'),
  rc(4, 'contacts returned (fetch-only REGISTER)'),
  rc(-1, 'error (a 4xx/5xx reply was sent)'),
  rc(-2, 'too many contacts (503 sent)'),
];
const LOOKUP_RETURNS = [
  rc(1, 'found: R-URI rewritten, $du and branches set'),
  rc(-1, 'not found or expired'),
  rc(-2, 'found but method not allowed (method_filtering)'),
  rc(-3, 'internal error'),
];
const table = p('table', 'str');

/** A save/lookup pair of an old dialect that serc does not implement (same table parameter and codes). */
function oldSaveLookupPair(
  [saveName, lookupName]: readonly [string, string],
  dialects: readonly Dialect[],
  extra: Pick<FunctionDescriptor, 'doc'> & Partial<FunctionDescriptor>,
): FunctionDescriptor[] {
  return [saveName, lookupName].map((name) => ({
    name,
    overloads: [{ params: [table] }],
    routes: ['request'],
    returns: name === saveName ? SAVE_RETURNS : LOOKUP_RETURNS,
    mayReturnZero: false,
    dialects,
    implemented: false,
    async: true,
    ...extra,
  }));
}

const functions: readonly FunctionDescriptor[] = [
  {
    name: 'save',
    overloads: [
      { params: [table] },
      { params: [table, p('flags', 'str', 'K3: int bitmask; O*: letters m r s cNN p0-2 v')] },
      { params: [table, p('flags', 'str'), p('aor', 'spve')], dialects: ['K3', 'O1', 'O3'] },
    ],
    routes: ['request', 'failure', 'onreply'],
    returns: SAVE_RETURNS,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    async: true,
    doc: 'Store the REGISTER contacts of the AoR (To-URI) and reply 200 with the current contacts.',
  },
  ...['save_noreply', 'save_memory'].map((name): FunctionDescriptor => ({
    name,
    overloads: [{ params: [table] }],
    routes: ['request'],
    returns: SAVE_RETURNS,
    mayReturnZero: false,
    dialects: ['S08', 'K1'],
    implemented: false,
    async: true,
    doc: 'Old variant of save() (no reply / memory only).',
  })),
  ...oldSaveLookupPair(['save_contact', 'lookup_contact'], ['S08'], {
    alsoIn: ['usrloc'],
    doc: 'Early SER (2002) name of save()/lookup(), exported by usrloc before registrar existed.',
  }),
  ...oldSaveLookupPair(['save_contacts', 'lookup_contacts'], ['S2'], {
    doc: 'SER 2 uid-based variant (needs lookup_user from uri_db).',
  }),
  {
    name: 'lookup',
    overloads: [
      { params: [table] },
      { params: [table, p('uri', 'spve')], dialects: ['K3'] },
      { params: [table, p('flags', 'str')], dialects: ['O1', 'O3'] },
      { params: [table, p('flags', 'str'), p('aor', 'spve')], dialects: ['O1', 'O3'] },
    ],
    routes: ['request', 'failure'],
    returns: LOOKUP_RETURNS,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    async: true,
    doc: 'Rewrite the R-URI to the registered contact(s) of the AoR.',
  },
  {
    name: 'lookup_to_dset',
    overloads: [{ params: [table] }, { params: [table, p('uri', 'spve')] }],
    routes: ['request', 'failure'],
    returns: LOOKUP_RETURNS,
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    async: true,
    doc: 'lookup() adding all contacts to the destination set.',
  },
  {
    name: 'lookup_branches',
    overloads: [{ params: [table] }],
    routes: ['request', 'failure'],
    returns: LOOKUP_RETURNS,
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    async: true,
    doc: 'lookup() for every branch.',
  },
  {
    name: 'registered',
    overloads: [
      { params: [table] },
      { params: [table, p('uri', 'spve')] },
      { params: [table, p('uri', 'spve'), p('match_option', 'igp')] },
      { params: [table, p('uri', 'spve'), p('match_option', 'igp'), p('match_action', 'igp')] },
    ],
    routes: ['request', 'failure', 'onreply', 'branch', 'local', 'event', 'error', 'startup', 'timer'],
    returns: [rc(1, 'the AoR has a live contact'), rc(-1, 'not registered')],
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    async: true,
    doc: 'Check whether the AoR (default R-URI) is registered; changes nothing.',
  },
  {
    name: 'unregister',
    overloads: [
      { params: [table, p('uri', 'spve')] },
      { params: [table, p('uri', 'spve'), p('ruid', 'spve')] },
    ],
    routes: ['request', 'failure', 'onreply', 'branch', 'local', 'event', 'error', 'startup', 'timer'],
    returns: [rc(1, 'removed'), rc(-1, 'bad URI'), rc(-2, 'error'), rc(-3, 'not found')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: true,
    async: true,
    doc: 'Remove all contacts (or the one with ruid) of an AoR.',
  },
  {
    name: 'reg_fetch_contacts',
    overloads: [{ params: [table, p('uri', 'spve'), p('profile', 'str')] }],
    routes: ['request', 'failure'],
    returns: [rc(1, 'fetched'), rc(-1, 'not found')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    async: true,
    doc: 'Load contacts into $ulc(profile=>attr).',
  },
  {
    name: 'reg_free_contacts',
    overloads: [{ params: [p('profile', 'str')] }],
    routes: ['request', 'failure'],
    returns: [rc(1, 'freed')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    doc: 'Free a $ulc profile.',
  },
  {
    name: 'reg_send_reply',
    overloads: [{ params: [] }],
    routes: ['request', 'failure'],
    returns: [rc(1, 'sent'), rc(-1, 'error')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    async: true,
    doc: 'Send the reply prepared by save(…, 0x02).',
  },
  {
    name: 'add_sock_hdr',
    overloads: [{ params: [p('name', 'str')] }],
    routes: ['request'],
    returns: [rc(1, 'added')],
    mayReturnZero: false,
    dialects: ['K3'],
    implemented: false,
    doc: 'Add a header with the receiving socket.',
  },
];

const ip = intParams(true);
const sp = strParams(false);

const params: readonly ModparamDescriptor[] = [
  ip('default_expires', 3600, 'Expires when neither the contact nor the request says (s).'),
  ip('default_expires_range', 0, 'Randomization of default_expires (%).', {
    dialects: ['K3'],
    implemented: false,
  }),
  ip('expires_range', 0, 'Randomization of expires (%).', { dialects: ['K3'], implemented: false }),
  ip('min_expires', 60, 'Minimum expires (s); 0 disables.'),
  ip('min_expires_mode', 0, '1: reply 423 Interval Too Brief below min_expires.', { dialects: ['K3'] }),
  ip('max_expires', 0, 'Maximum expires (s); 0 = no limit.'),
  ip('default_q', 0, 'q×1000 of contacts without q; Kamailio 3+ leaves it unspecified (-1).', {
    defaultByDialect: { K3: -1 },
  }),
  ip('append_branches', 1, 'lookup() forks to all contacts.'),
  ip('case_sensitive', 0, 'Case-sensitive AoR comparison.'),
  sp('realm_prefix', null, 'Prefix stripped from the domain.'),
  ip('max_contacts', 0, 'Maximum contacts per AoR; 0 = off.'),
  ip('retry_after', 0, 'Retry-After on 5xx (s).'),
  ip('method_filtering', 0, 'lookup() skips contacts whose Allow lacks the method.'),
  sp('received_avp', null, 'AVP carrying the received address (shared with nathelper).'),
  sp('received_param', 'received', 'Contact parameter name for the received address.'),
  ip('sock_flag', -1, 'Flag: use the socket header.', { implemented: false }),
  sp('sock_hdr_name', null, 'Header carrying the socket.'),
  ip('use_path', 0, 'Store Path headers.', { implemented: false }),
  ip('path_mode', 2, 'Path handling mode.', { implemented: false }),
  ip('path_use_received', 0, 'Use received from Path.', { implemented: false }),
  ip('tcp_persistent_flag', -1, 'Keep TCP connections of registered contacts.', { implemented: false }),
  ip('gruu_enabled', 1, 'GRUU support.', { dialects: ['K3'], implemented: false }),
  ip('outbound_mode', 0, 'RFC 5626 support.', { dialects: ['K3'], implemented: false }),
  ip('desc_time_order', 0, 'Order contacts by time (S08/K1).', {
    dialects: ['S08', 'K1'],
    implemented: false,
  }),
  ip('nat_flag', -1, 'Flag marking NATed contacts (S08/K1).', {
    dialects: ['S08', 'K1'],
    implemented: false,
  }),
  ip('pn_enable', 0, 'OpenSIPS 3 RFC 8599 push notifications.', { dialects: ['O3'], implemented: false }),
  sp('pn_providers', null, 'OpenSIPS 3 push providers.', { dialects: ['O3'] }),
  sp('pn_ct_match_params', null, 'OpenSIPS 3 push contact match params.', { dialects: ['O3'] }),
  ip('pn_trigger_interval', 120, 'OpenSIPS 3 push trigger interval (s).', {
    dialects: ['O3'],
    implemented: false,
  }),
  ip('pn_skip_pn_interval', 0, 'OpenSIPS 3 push skip interval (s).', {
    dialects: ['O3'],
    implemented: false,
  }),
  ip('pn_refresh_timeout', 0, 'OpenSIPS 3 push refresh timeout (s).', {
    dialects: ['O3'],
    implemented: false,
  }),
  sp('attr_avp', null, 'OpenSIPS: AVP stored with the contact.', { dialects: ['O1', 'O3'] }),
  sp('mcontact_avp', null, 'OpenSIPS: contact being saved.', { dialects: ['O1', 'O3'] }),
];

export const registrarModule: ModuleDescriptor = {
  name: 'registrar',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params,
  pvs: [
    {
      name: 'ulc',
      inner: 'required',
      writable: false,
      dialects: ['K3'],
      implemented: false,
      doc: 'Contacts fetched by reg_fetch_contacts: $ulc(profile=>attr).',
    },
  ],
  doc: 'REGISTER handling (save) and location lookup.',
};
