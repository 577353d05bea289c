// usrloc — location storage; no script functions, only parameters (MODULES.md §4).
import { DEFAULT_LOCATION_COLUMNS, type LocationColumns } from '../../db/columns.js';
import type { ModparamDescriptor, ModuleDescriptor } from '../types.js';
import { DIALECTS_ALL, intParams, strParams } from '../types.js';

const ip = intParams(true);
const sp = strParams(false);

/** usrloc `*_column` modparams and the location column each one names; defaults are runtime/db's names. */
export const LOCATION_COLUMN_PARAMS: Readonly<Record<string, keyof LocationColumns>> = {
  user_column: 'username',
  domain_column: 'domain',
  contact_column: 'contact',
  received_column: 'received',
  path_column: 'path',
  expires_column: 'expires',
  q_column: 'q',
  callid_column: 'callid',
  cseq_column: 'cseq',
  flags_column: 'flags',
  cflags_column: 'cflags',
  user_agent_column: 'userAgent',
  socket_column: 'socket',
  methods_column: 'methods',
  ruid_column: 'ruid',
  instance_column: 'instance',
  reg_id_column: 'regId',
  server_id_column: 'serverId',
  connection_id_column: 'connectionId',
  keepalive_column: 'keepalive',
  partition_column: 'partition',
  last_modified_column: 'lastModified',
};

const params: readonly ModparamDescriptor[] = [
  ip('db_mode', 0, '0 memory, 1 write-through, 2 write-back, 3 DB only (not in SER 0.8).'),
  {
    ...sp(
      'db_url',
      'mysql://kamailio:kamailiorw@localhost/kamailio',
      'Database URL (sqlite:///path or mysql://…).',
    ),
    defaultByDialect: { S08: 'mysql://ser:heslo@localhost/ser' },
    implemented: true,
  },
  ip('timer_interval', 60, 'Expiry cleanup and write-back flush period (s).'),
  ip('use_domain', 0, 'AoR key includes the domain.'),
  ip('desc_time_order', 0, 'Order contacts by last_modified descending.'),
  ip('nat_bflag', -1, 'Branch flag marking NATed contacts.', {
    implemented: false,
    dialects: ['K3', 'O1', 'O3'],
  }),
  ip('matching_mode', 0, '0 contact, 1 contact+callid, 2 contact+path, 3 callid.'),
  ip('cseq_delay', 20, 'Accept a retransmitted REGISTER with the same CSeq within this delay (s).'),
  ip('hash_size', 10, 'log2 of the hash table size.', { implemented: false }),
  sp('preload', null, 'Tables to preload.'),
  ip('db_load', 1, 'Load the table at startup (db_mode 1/2).', { dialects: ['K3'] }),
  ip('db_insert_update', 0, 'INSERT … ON DUPLICATE KEY UPDATE.', { dialects: ['K3'], implemented: false }),
  ip('fetch_rows', 2000, 'Rows per fetch.', { implemented: false }),
  ip('use_database', 0, 'Early SER: 1 = store in the database.', { dialects: ['S08'], implemented: false }),
  sp('table', 'location', 'Early SER table name.', { dialects: ['S08'] }),
  ip('flush_interval', 60, 'Early SER write-back period (s).', { dialects: ['S08'], implemented: false }),
  sp('working_mode_preset', null, 'OpenSIPS 3 storage preset ("single-instance-no-db", …).', {
    dialects: ['O3'],
  }),
  ip('contact_refresh_timer', 0, 'OpenSIPS 3 contact refresh notification (s).', {
    dialects: ['O3'],
    implemented: false,
  }),
  // Read by params.ts (locationColumnsFrom), so implemented.
  ...Object.entries(LOCATION_COLUMN_PARAMS).map(([name, key]) =>
    sp(name, DEFAULT_LOCATION_COLUMNS[key], `Column name for ${name.replace(/_column$/, '')}.`, {
      implemented: true,
    }),
  ),
];

export const usrlocModule: ModuleDescriptor = {
  name: 'usrloc',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions: [],
  params,
  pvs: [],
  doc: 'User location storage (memory and the `location` table) used by registrar.',
};
