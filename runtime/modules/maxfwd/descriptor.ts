// maxfwd — Max-Forwards processing (MODULES.md §6).
import type { FunctionDescriptor, ModuleDescriptor } from '../types.js';
import { DIALECTS_ALL, p, rc } from '../types.js';

const PROCESS_RETURNS = [
  rc(2, 'header absent: added with the given value'),
  rc(1, 'header present: decremented'),
  rc(-1, 'value is 0: reply 483 Too Many Hops'),
  rc(-2, 'header cannot be parsed'),
];
const LT_RETURNS = [rc(1, 'value below n'), rc(-1, 'value at least n'), rc(-2, 'missing or unparsable')];

const functions: readonly FunctionDescriptor[] = [
  {
    name: 'mf_process_maxfwd_header',
    aliases: ['maxfwd_process', 'process_maxfwd'],
    overloads: [{ params: [p('max', 'igp')] }],
    routes: ['request'],
    returns: PROCESS_RETURNS,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    doc: 'Decrement Max-Forwards, or add it with `max` when absent.',
  },
  {
    name: 'is_maxfwd_lt',
    aliases: ['maxfwd_at_least', 'mf_lowlimit'],
    overloads: [{ params: [p('n', 'igp')] }],
    routes: ['request', 'failure', 'branch'],
    returns: LT_RETURNS,
    mayReturnZero: false,
    dialects: ['K1', 'K3', 'O1', 'O3'],
    implemented: true,
    doc: 'True when Max-Forwards (after processing) is below n.',
  },
];

export const maxfwdModule: ModuleDescriptor = {
  name: 'maxfwd',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params: [
    {
      name: 'max_limit',
      type: 'int',
      default: 70,
      dialects: ['K1', 'K3', 'O1', 'O3'],
      implemented: true,
      doc: 'Upper bound of the forwarded value (1–256).',
    },
  ],
  pvs: [],
  doc: 'Max-Forwards loop protection.',
};
