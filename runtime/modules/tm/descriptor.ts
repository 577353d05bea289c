// tm — transactions (MODULES.md §2). Timer modparams carry a unit per dialect: seconds in SER 0.8,
// OpenSER/Kamailio 1.x and OpenSIPS; milliseconds in SER 2+ and Kamailio 3+.
import type {
  Dialect,
  FunctionDescriptor,
  ModparamDescriptor,
  ModuleDescriptor,
  Overload,
  ParamSpec,
  ReturnCode,
  RouteType,
} from '../types.js';
import { DIALECTS_ALL, p, rc, routeParam } from '../types.js';

const R: RouteType[] = ['request'];
const RF: RouteType[] = ['request', 'failure'];
const RFO: RouteType[] = ['request', 'failure', 'onreply'];
const RFOB: RouteType[] = ['request', 'failure', 'onreply', 'branch'];
const K_ONLY: Dialect[] = ['K3'];
const TRUE_FALSE = [rc(1, 'true'), rc(-1, 'false')];

function fn(
  name: string,
  overloads: Overload[],
  routes: RouteType[],
  returns: ReturnCode[],
  doc: string,
  extra: Partial<FunctionDescriptor> = {},
): FunctionDescriptor {
  return {
    name,
    overloads,
    routes,
    returns,
    mayReturnZero: returns.some((r) => r.code === 0),
    dialects: DIALECTS_ALL,
    implemented: false,
    doc,
    ...extra,
  };
}

const none: Overload[] = [{ params: [] }];
const one = (a: ParamSpec): Overload[] => [{ params: [a] }];
const hostPort: Overload[] = [{ params: [] }, { params: [p('host', 'spve'), p('port', 'igp')] }];
const RELAYED = [rc(1, 'relayed (or retransmission absorbed)'), rc(-1, 'error: reply with sl_reply_error()')];

function relayVariant(name: string, doc: string, implemented = false): FunctionDescriptor {
  return fn(name, hostPort, RF, RELAYED, doc, { implemented });
}

const functions: readonly FunctionDescriptor[] = [
  fn(
    't_relay',
    [{ params: [] }, { params: [p('host', 'spve'), p('port', 'igp')], dialects: ['S2', 'K1', 'K3'] }],
    RF,
    [...RELAYED, rc(0, 'bad Via with reply_to_via: script stops')],
    'Create the transaction if needed and forward statefully to $du/R-URI and all branches.',
    { implemented: true },
  ),
  relayVariant('t_relay_to_udp', 'Stateful relay over UDP (optional fixed next hop).', true),
  relayVariant('t_relay_to_tcp', 'Stateful relay over TCP (optional fixed next hop).', true),
  relayVariant('t_relay_to_tls', 'Stateful relay over TLS (optional fixed next hop).'),
  relayVariant('t_relay_to_sctp', 'Stateful relay over SCTP (optional fixed next hop).'),
  fn(
    't_relay_to',
    [{ params: [p('proxy', 'spve')] }, { params: [p('proxy', 'spve'), p('flags', 'igp')] }],
    RF,
    RELAYED,
    'Relay to a fixed proxy; flags 0x01 no 100, 0x02 no internal error reply, 0x04 no DNS failover.',
    {},
  ),
  fn(
    't_newtran',
    none,
    R,
    [rc(1, 'new transaction'), rc(0, 'retransmission: last reply re-sent, script stops'), rc(-1, 'error')],
    'Create a server transaction for local UAS handling.',
    { implemented: true },
  ),
  fn(
    't_reply',
    [{ params: [p('code', 'igp'), p('reason', 'spve')] }],
    RFO,
    [rc(1, 'reply sent'), rc(-1, 'no transaction or sending failed')],
    'Stateful reply; 3xx adds destination-set Contacts; in failure_route replaces the winning reply.',
    { implemented: true },
  ),
  fn(
    't_send_reply',
    [{ params: [p('code', 'igp'), p('reason', 'spve')] }],
    RFO,
    [rc(1, 'reply sent'), rc(-1, 'error')],
    't_newtran() + t_reply().',
    { dialects: K_ONLY },
  ),
  fn('t_reply_error', none, RFO, [rc(1, 'reply sent'), rc(-1, 'error')], 'Stateful sl_reply_error.', {
    dialects: K_ONLY,
  }),
  fn(
    't_release',
    none,
    R,
    [rc(1, 'released'), rc(-1, 'no transaction')],
    'Put the transaction on the wait timer.',
    {
      implemented: true,
    },
  ),
  fn(
    't_retransmit_reply',
    none,
    R,
    [rc(1, 'retransmitted'), rc(-1, 'no reply to retransmit')],
    'Resend the last reply.',
  ),
  fn('t_lookup_request', none, R, TRUE_FALSE, '>0 when a transaction exists for the request.', {
    implemented: true,
  }),
  fn(
    't_check_trans',
    none,
    ['request', 'onreply', 'branch'],
    [
      rc(1, 'matches a transaction'),
      rc(-1, 'no transaction'),
      rc(0, 'retransmission absorbed or ACK consumed: script stops'),
    ],
    'Transaction matching for replies, CANCEL, ACK and retransmissions.',
    { implemented: true, dialects: ['S2', 'K1', 'K3', 'O1', 'O3'] },
  ),
  fn(
    't_lookup_cancel',
    [{ params: [] }, { params: [p('set_ruri', 'igp')] }],
    R,
    TRUE_FALSE,
    'Find the INVITE transaction a CANCEL belongs to.',
  ),
  fn(
    't_relay_cancel',
    none,
    R,
    [rc(1, 'no INVITE found: continue'), rc(0, 'CANCEL relayed: script stops'), rc(-1, 'error')],
    'Relay a CANCEL hop-by-hop when its INVITE is known.',
    { dialects: ['S2', 'K3'] },
  ),
  fn('t_forward_nonack', hostPort, R, RELAYED, 'Old API: forward a non-ACK statefully.'),
  fn(
    't_replicate',
    [{ params: [p('uri', 'spve')] }, { params: [p('host', 'spve'), p('port', 'igp')] }],
    R,
    RELAYED,
    'Send a stateful copy; replies are not relayed.',
    {},
  ),
  fn(
    't_on_failure',
    one(routeParam('route', 'failure')),
    RFOB,
    [rc(1, 'armed')],
    'Arm failure_route[name]; latest call wins; "0"/"" disarms.',
    { implemented: true },
  ),
  fn('t_on_reply', one(routeParam('route', 'onreply')), RFOB, [rc(1, 'armed')], 'Arm onreply_route[name].', {
    implemented: true,
  }),
  fn('t_on_branch', one(routeParam('route', 'branch')), RF, [rc(1, 'armed')], 'Arm branch_route[name].', {
    implemented: true,
  }),
  fn(
    't_on_branch_failure',
    one(routeParam('route', 'event')),
    RFOB,
    [rc(1, 'armed')],
    'Arm event_route[tm:branch-failure:name] (K4.2+).',
    { dialects: K_ONLY },
  ),
  fn(
    't_on_negative',
    one(routeParam('route', 'failure')),
    R,
    [rc(1, 'armed')],
    'SER 0.8: arm reply_route[n].',
    {
      dialects: ['S08'],
      implemented: true,
    },
  ),
  fn(
    't_check_status',
    one(p('regex', 're')),
    RFO,
    [rc(1, 'status matches'), rc(-1, 'no match or no reply')],
    'Match the relevant reply code (R: last sent; O: current; F: winning) against a regex.',
    { implemented: true },
  ),
  fn(
    't_set_fr',
    [{ params: [p('fr_inv_ms', 'igp')] }, { params: [p('fr_inv_ms', 'igp'), p('fr_ms', 'igp')] }],
    RFOB,
    [rc(1, 'set'), rc(-1, 'error')],
    'Per-transaction final-response timers in milliseconds (0 = unchanged).',
    { implemented: true, dialects: ['S2', 'K3', 'O3'] },
  ),
  fn('t_reset_fr', none, RFOB, [rc(1, 'reset')], 'Back to the modparam timers.', { dialects: K_ONLY }),
  fn(
    't_set_retr',
    [{ params: [p('t1', 'igp'), p('t2', 'igp')] }],
    RFOB,
    [rc(1, 'set')],
    'Per-transaction T1/T2.',
    {
      dialects: K_ONLY,
    },
  ),
  fn('t_reset_retr', none, RFOB, [rc(1, 'reset')], 'Back to the modparam T1/T2.', { dialects: K_ONLY }),
  fn(
    't_set_max_lifetime',
    [{ params: [p('inv', 'igp'), p('noninv', 'igp')] }],
    RFOB,
    [rc(1, 'set')],
    'Per-transaction maximum lifetime.',
    { dialects: K_ONLY },
  ),
  fn('t_reset_max_lifetime', none, RFOB, [rc(1, 'reset')], 'Back to the modparam lifetimes.', {
    dialects: K_ONLY,
  }),
  ...[
    't_set_auto_inv_100',
    't_set_disable_6xx',
    't_set_disable_failover',
    't_set_no_auto_ack',
    't_set_disable_internal_reply',
    't_set_no_e2e_cancel_reason',
  ].map((name) =>
    fn(name, one(p('on', 'igp')), RFOB, [rc(1, 'set')], 'Per-transaction toggle.', { dialects: K_ONLY }),
  ),
  fn('t_is_canceled', none, RFOB, TRUE_FALSE, 'True when the transaction got a CANCEL.', {
    dialects: ['S2', 'K3', 'O1', 'O3'],
    implemented: true,
    aliases: ['t_was_cancelled'],
  }),
  ...[
    't_is_expired',
    't_any_timeout',
    't_any_replied',
    't_branch_timeout',
    't_branch_replied',
    't_exists',
  ].map((name) =>
    fn(name, none, ['failure', 'event', 'onreply', 'branch'], TRUE_FALSE, 'Transaction status predicate.', {
      dialects: K_ONLY,
    }),
  ),
  fn(
    't_local_replied',
    one(p('which', 'str')),
    ['failure'],
    TRUE_FALSE,
    'True when replies were generated locally.',
    {
      dialects: ['K1', 'K3', 'O1', 'O3'],
    },
  ),
  fn(
    't_grep_status',
    one(p('code', 'igp')),
    ['failure', 'event'],
    TRUE_FALSE,
    'True when a branch got the code.',
    {
      dialects: K_ONLY,
    },
  ),
  fn(
    't_is_set',
    one(p('target', 'str')),
    ['request', 'failure', 'onreply', 'branch'],
    TRUE_FALSE,
    'Whether a route is armed.',
    {
      dialects: K_ONLY,
    },
  ),
  fn(
    't_drop_replies',
    [{ params: [] }, { params: [p('mode', 'str')] }],
    ['failure'],
    [rc(1, 'done')],
    'Drop collected replies before a new serial branch.',
    { dialects: K_ONLY },
  ),
  fn(
    't_load_contacts',
    [{ params: [] }, { params: [p('mode', 'igp')] }],
    RF,
    TRUE_FALSE,
    'Serial forking by q.',
    {
      dialects: K_ONLY,
    },
  ),
  fn('t_next_contacts', none, RF, TRUE_FALSE, 'Serial forking: next q group.', { dialects: K_ONLY }),
  fn(
    't_uac_send',
    [{ params: ['method', 'ruri', 'nexthop', 'socket', 'headers', 'body'].map((n) => p(n, 'spve')) }],
    ['request', 'failure', 'onreply', 'branch', 'local', 'event', 'startup', 'timer'],
    [rc(1, 'sent'), rc(-1, 'error')],
    'Send a new request as UAC.',
    { dialects: K_ONLY },
  ),
  fn('t_flush_flags', none, RFOB, [rc(1, 'done')], 'Copy message flags into the transaction (tmx in K).', {
    dialects: K_ONLY,
    alsoIn: ['tmx'],
  }),
  fn('t_is_failure_route', none, RFOB, TRUE_FALSE, 'True inside failure_route.', {
    dialects: K_ONLY,
    alsoIn: ['tmx'],
  }),
  fn('t_is_branch_route', none, RFOB, TRUE_FALSE, 'True inside branch_route.', {
    dialects: K_ONLY,
    alsoIn: ['tmx'],
  }),
  fn('t_is_reply_route', none, RFOB, TRUE_FALSE, 'True inside onreply_route.', {
    dialects: K_ONLY,
    alsoIn: ['tmx'],
  }),
  fn('t_fork_to_uri', one(p('uri', 'spve')), R, RELAYED, 'SER 0.8: add a branch to the fork.', {
    dialects: ['S08'],
  }),
  fn('t_setflag', one(p('flag', 'flag')), RF, [rc(1, 'done')], 'Old name: set a transaction flag.', {
    dialects: ['S08'],
  }),
  fn('t_unref', none, R, [rc(1, 'done')], 'SER 0.8: release the transaction reference.', {
    dialects: ['S08'],
  }),
];

// Timers: `unitByDialect` says how the script value is read.
const SECONDS_IN: Dialect[] = ['S08', 'K1', 'O1', 'O3'];
const MS_IN: Dialect[] = ['S2', 'K3'];
function timerUnits(): ModparamDescriptor['unitByDialect'] {
  const units: Partial<Record<Dialect, 's' | 'ms'>> = {};
  for (const d of SECONDS_IN) units[d] = 's';
  for (const d of MS_IN) units[d] = 'ms';
  return units;
}
function timer(name: string, ms: number, seconds: number, doc: string): ModparamDescriptor {
  const defaults: Partial<Record<Dialect, number>> = {};
  for (const d of SECONDS_IN) defaults[d] = seconds;
  for (const d of MS_IN) defaults[d] = ms;
  return {
    name,
    type: 'int',
    default: ms,
    defaultByDialect: defaults,
    unitByDialect: timerUnits(),
    dialects: DIALECTS_ALL,
    implemented: true,
    doc,
  };
}
function intParam(
  name: string,
  def: number,
  doc: string,
  extra: Partial<ModparamDescriptor> = {},
): ModparamDescriptor {
  return { name, type: 'int', default: def, dialects: DIALECTS_ALL, implemented: false, doc, ...extra };
}

const params: readonly ModparamDescriptor[] = [
  timer('fr_timer', 30000, 30, 'Final response timer (Timer B/F): no reply at all.'),
  timer('fr_inv_timer', 120000, 120, 'INVITE final response timer after a provisional reply.'),
  timer('wt_timer', 5000, 5, 'Wait state after completion (absorbs retransmissions).'),
  {
    ...timer('delete_timer', 2000, 2, 'Delete timer (SER 0.8 / OpenSER 1.x only).'),
    dialects: ['S08', 'K1', 'O1'],
    implemented: false,
  },
  {
    ...timer('retr_timer1', 500, 1, 'RFC 3261 T1.'),
    dialects: ['S2', 'K3'],
    implemented: false,
  },
  {
    ...timer('retr_timer2', 4000, 4, 'RFC 3261 T2.'),
    dialects: ['S08', 'S2', 'K3'],
    implemented: false,
  },
  ...(['retr_timer1p1', 'retr_timer1p2', 'retr_timer1p3'] as const).map((name, i) =>
    intParam(name, 2 ** i, 'SER 0.8 retransmission steps (s).', {
      dialects: ['S08'],
      unitByDialect: { S08: 's' },
    }),
  ),
  {
    name: 'uac_from',
    type: 'str',
    default: null,
    dialects: ['S08'],
    implemented: false,
    doc: 'SER 0.8 From of tm UAC requests.',
  },
  intParam('fr_timeout', 5, 'OpenSIPS 3 name of fr_timer (s).', {
    dialects: ['O3'],
    unitByDialect: { O3: 's' },
  }),
  intParam('fr_inv_timeout', 120, 'OpenSIPS 3 name of fr_inv_timer (s).', {
    dialects: ['O3'],
    unitByDialect: { O3: 's' },
  }),
  intParam('auto_100trying', 1, 'OpenSIPS 3: send 100 Trying for INVITE automatically.', {
    dialects: ['O3'],
  }),
  intParam('T1_timer', 500, 'OpenSIPS T1 (ms).', { dialects: ['O1', 'O3'] }),
  intParam('T2_timer', 4000, 'OpenSIPS T2 (ms).', { dialects: ['O1', 'O3'] }),
  intParam('max_inv_lifetime', 180000, 'Maximum INVITE transaction lifetime (ms).', { dialects: K_ONLY }),
  intParam('max_noninv_lifetime', 32000, 'Maximum non-INVITE transaction lifetime (ms).', {
    dialects: K_ONLY,
  }),
  intParam('noisy_ctimer', 1, '0: silently discard an unanswered INVITE at fr_timer (SER 0.8 default 0).', {
    defaultByDialect: { S08: 0 },
  }),
  intParam('failure_reply_mode', 3, 'Which earlier replies stay candidates after a new serial leg.', {
    dialects: K_ONLY,
    implemented: true,
  }),
  intParam('auto_inv_100', 1, 'Send 100 Trying for INVITE automatically.', {
    dialects: K_ONLY,
    implemented: true,
  }),
  {
    name: 'auto_inv_100_reason',
    type: 'str',
    default: 'trying -- your call is important to us',
    dialects: K_ONLY,
    implemented: true,
    doc: 'Reason phrase of the automatic 100.',
  },
  intParam('restart_fr_on_each_reply', 1, 'Restart fr_inv_timer on every provisional reply.', {
    dialects: K_ONLY,
  }),
  intParam('aggregate_challenges', 1, 'Aggregate 401/407 challenges of all branches.', { dialects: K_ONLY }),
  {
    name: 'fr_timer_avp',
    type: 'str',
    default: null,
    dialects: ['K1', 'K3', 'O1'],
    implemented: false,
    doc: 'AVP holding fr_timer (seconds in K1/O1).',
  },
  {
    name: 'fr_inv_timer_avp',
    type: 'str',
    default: null,
    dialects: ['K1', 'K3', 'O1'],
    implemented: false,
    doc: 'AVP holding fr_inv_timer.',
  },
  intParam('unix_tx_timeout', 500, 'Timeout of t_write_unix (ms).', { dialects: K_ONLY }),
  intParam('pass_provisional_replies', 0, 'Pass provisional replies to t_write_*.', { dialects: K_ONLY }),
  intParam('unmatched_cancel', 0, '0 stateful, 1 stateless, 2 drop.', { dialects: K_ONLY }),
  intParam('reparse_invite', 1, 'Rebuild CANCEL from the INVITE as sent.', { dialects: K_ONLY }),
  intParam('ruri_matching', 1, 'RFC 2543 matching: compare R-URI.'),
  intParam('via1_matching', 1, 'RFC 2543 matching: compare top Via.'),
  intParam('callid_matching', 0, 'Also compare Call-ID.', { dialects: K_ONLY }),
  intParam('callid_cseq_matching', 0, 'Also compare CSeq.', { dialects: K_ONLY }),
  intParam('reply_matching', 1, 'Reply matching mode.', { dialects: K_ONLY }),
  intParam('e2e_cancel_reason', 1, 'Copy Reason into CANCELs.', { dialects: K_ONLY }),
  intParam('local_cancel_reason', 1, 'Reason on local CANCELs.', { dialects: K_ONLY }),
  intParam('cancel_b_method', 1, 'How to cancel branches without provisional.', { dialects: K_ONLY }),
  {
    name: 'contacts_avp',
    type: 'str',
    default: null,
    dialects: K_ONLY,
    implemented: false,
    doc: 'AVP for t_load_contacts.',
  },
  {
    name: 'contact_flows_avp',
    type: 'str',
    default: null,
    dialects: K_ONLY,
    implemented: false,
    doc: 'AVP for t_next_contact_flow.',
  },
  {
    name: 'on_sl_reply',
    type: 'str',
    default: '',
    dialects: K_ONLY,
    implemented: false,
    doc: 'Route for stateless replies.',
  },
  intParam('disable_6xx_block', 0, '6xx does not cancel other branches.', { dialects: ['K3', 'O1', 'O3'] }),
  intParam('local_ack_mode', 0, 'Where local ACKs go.', { dialects: K_ONLY }),
  intParam('remap_503_500', 1, 'Relay a downstream 503 as 500.', { dialects: K_ONLY, implemented: true }),
  intParam('reply_408_code', 408, 'Code of the local timeout reply.', { dialects: K_ONLY }),
  {
    name: 'reply_408_reason',
    type: 'str',
    default: 'Request Timeout',
    dialects: K_ONLY,
    implemented: true,
    doc: 'Reason of the local timeout reply.',
  },
  intParam('onreply_avp_mode', 0, 'OpenSIPS: AVP visibility in reply routes.', { dialects: ['O1', 'O3'] }),
  intParam('enable_stats', 1, 'OpenSIPS statistics.', { dialects: ['O1', 'O3'] }),
  intParam('timer_partitions', 1, 'OpenSIPS timer partitions.', { dialects: ['O3'] }),
  {
    name: 'minor_branch_flag',
    type: 'str',
    default: null,
    dialects: ['O3'],
    implemented: false,
    doc: 'Branch flag of minor branches.',
  },
];

export const tmModule: ModuleDescriptor = {
  name: 'tm',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params,
  pvs: [
    {
      name: 'T_reply_code',
      inner: 'none',
      writable: false,
      dialects: ['K1', 'K3', 'O1', 'O3'],
      implemented: true,
      doc: 'Reply code: last sent (R), current (O), winning (F).',
    },
    {
      name: 'T_reply_reason',
      inner: 'none',
      writable: false,
      dialects: ['K3'],
      implemented: false,
      doc: 'Reason of $T_reply_code.',
    },
    {
      name: 'T_branch_idx',
      inner: 'none',
      writable: false,
      dialects: ['K1', 'K3', 'O1', 'O3'],
      implemented: true,
      doc: 'Index of the current branch.',
    },
    {
      name: 'tm.branch.flag',
      inner: 'required',
      writable: true,
      dialects: ['O3'],
      implemented: false,
      doc: 'OpenSIPS 3 named branch flag of the current branch.',
    },
    {
      name: 'T_req',
      inner: 'required',
      writable: false,
      dialects: ['K3'],
      implemented: false,
      doc: 'PV evaluated on the transaction request.',
    },
    {
      name: 'T_rpl',
      inner: 'required',
      writable: false,
      dialects: ['K3'],
      implemented: false,
      doc: 'PV evaluated on the winning reply.',
    },
    {
      name: 'T',
      inner: 'required',
      writable: false,
      dialects: ['K3'],
      implemented: false,
      doc: 'Transaction attributes (tmx).',
    },
  ],
  doc: 'Stateful transactions.',
};
