// xlog — formatted logging (MODULES.md §8). Format dialect: `$` PVs in K1.2+/K3/O, `%xx` in S08/S2/K1.0–1.1.
import type { FunctionDescriptor, ModuleDescriptor } from '../types.js';
import { DIALECTS_ALL, ROUTES_ANY, intParams, p, rc } from '../types.js';

const LOGGED = [rc(1, 'logged (always; never stops the script)')];

function fixed(name: string, level: string): FunctionDescriptor {
  return {
    name,
    overloads: [{ params: [p('format', 'xfmt')] }],
    routes: ROUTES_ANY,
    returns: LOGGED,
    mayReturnZero: false,
    dialects: name === 'xdbg' ? DIALECTS_ALL : ['K3'],
    implemented: true,
    builtinIn: ['O3'],
    doc: `Log at ${level}.`,
  };
}

const functions: readonly FunctionDescriptor[] = [
  {
    name: 'xlog',
    overloads: [
      { params: [p('format', 'xfmt')] },
      { params: [p('level', 'str', 'L_ALERT … L_DBG or a PV holding an int'), p('format', 'xfmt')] },
      { params: [p('facility', 'str'), p('level', 'str'), p('format', 'xfmt')], dialects: ['K3'] },
    ],
    routes: ROUTES_ANY,
    returns: LOGGED,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: true,
    builtinIn: ['O3'],
    doc: 'Log a format string; default level L_ERR (part of the OpenSIPS 3 core).',
  },
  fixed('xdbg', 'L_DBG'),
  fixed('xinfo', 'L_INFO'),
  fixed('xnotice', 'L_NOTICE'),
  fixed('xwarn', 'L_WARN'),
  fixed('xerr', 'L_ERR'),
  fixed('xbug', 'L_BUG'),
  fixed('xcrit', 'L_CRIT'),
  fixed('xalert', 'L_ALERT'),
];

const ip = intParams(false);

export const xlogModule: ModuleDescriptor = {
  name: 'xlog',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params: [
    ip('buf_size', 4096, 'Maximum formatted length.'),
    ip('force_color', 0, 'Colour output.'),
    ip('long_format', 0, 'Include file/line.'),
    {
      name: 'prefix',
      type: 'str',
      default: '<script>: ',
      dialects: ['K3'],
      implemented: true,
      doc: 'Prefix of each line.',
    },
    ip('prefix_mode', 0, 'How the prefix is evaluated.'),
    {
      name: 'log_facility',
      type: 'str',
      default: null,
      dialects: DIALECTS_ALL,
      implemented: false,
      doc: 'Syslog facility.',
    },
    {
      name: 'log_colors',
      type: 'str',
      default: null,
      dialects: ['K3'],
      implemented: false,
      doc: 'Colours per level.',
      repeatable: true,
    },
    ip('methods_filter', -1, 'Methods logged by xlogm.'),
    { ...ip('auto_newline', 0, 'Append a newline when missing.'), implemented: true },
  ],
  pvs: [],
  doc: 'Formatted logging with pseudo-variables.',
};
