// siputils — SIP helpers (MODULES.md §10). In SER/OpenSER/OpenSIPS 1 these lived in module `uri`,
// in OpenSIPS 2+ in `sipmsgops`.
import type { FunctionDescriptor, ModuleDescriptor, Overload, ReturnCode, RouteType } from '../types.js';
import { DIALECTS_ALL, ROUTES_ANY, p, rc } from '../types.js';

const YES_NO = [rc(1, 'true'), rc(-1, 'false')];
const OLD_HOMES = ['uri', 'sipmsgops'];

// Functions serc implements (the rest are described for the checker only).
const IMPLEMENTED = new Set([
  'has_totag',
  'is_user',
  'uri_param',
  'add_uri_param',
  'is_request',
  'is_reply',
  'is_first_hop',
  'is_uri',
  'is_numeric',
  'is_e164',
  'is_uri_user_e164',
  'uri_param_any',
  'uri_param_rm',
  'get_uri_param',
  'cmp_uri',
  'cmp_aor',
  'is_supported',
]);

function fn(
  name: string,
  overloads: Overload[],
  routes: readonly RouteType[],
  returns: ReturnCode[],
  doc: string,
  extra: Partial<FunctionDescriptor> = {},
): FunctionDescriptor {
  return {
    name,
    overloads,
    routes,
    returns,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: IMPLEMENTED.has(name),
    alsoIn: OLD_HOMES,
    doc,
    ...extra,
  };
}

const RBF: RouteType[] = ['request', 'branch', 'failure'];

const functions: readonly FunctionDescriptor[] = [
  fn('has_totag', [{ params: [] }], ROUTES_ANY, YES_NO, 'To header has a tag (in-dialog request).', {
    implemented: true,
  }),
  fn(
    'is_user',
    [{ params: [p('user', 'str')] }],
    ['request', 'local'],
    YES_NO,
    'Digest credentials username equals the argument.',
    {
      implemented: true,
      alsoIn: ['auth', ...OLD_HOMES],
    },
  ),
  fn(
    'uri_param',
    [{ params: [p('name', 'str')] }, { params: [p('name', 'str'), p('value', 'str')] }],
    RBF,
    YES_NO,
    'R-URI has the parameter (with the value).',
    { implemented: true },
  ),
  fn(
    'uri_param_any',
    [{ params: [p('name', 'str')] }],
    RBF,
    YES_NO,
    'R-URI has the parameter with any value.',
    { dialects: ['K3'] },
  ),
  fn('uri_param_rm', [{ params: [p('name', 'str')] }], RBF, YES_NO, 'Remove an R-URI parameter.', {
    dialects: ['K3'],
  }),
  fn(
    'add_uri_param',
    [{ params: [p('param', 'str')] }],
    ['request'],
    YES_NO,
    'Append `;param` to the R-URI.',
    { implemented: true },
  ),
  fn(
    'get_uri_param',
    [{ params: [p('name', 'str'), p('pv', 'pvw')] }],
    ['request', 'local'],
    YES_NO,
    'Store an R-URI parameter value.',
  ),
  fn(
    'tel2sip',
    [{ params: [p('uri', 'spve'), p('host', 'spve'), p('pv', 'pvw')] }],
    ROUTES_ANY,
    YES_NO,
    'Convert a tel: URI.',
  ),
  fn('is_uri', [{ params: [p('text', 'spve')] }], ROUTES_ANY, YES_NO, 'Valid SIP URI.', { dialects: ['K3'] }),
  fn('is_e164', [{ params: [p('pv', 'spve')] }], ROUTES_ANY, YES_NO, 'E.164 number.'),
  fn('is_uri_user_e164', [{ params: [p('pv', 'spve')] }], ROUTES_ANY, YES_NO, 'URI user is E.164.'),
  fn('is_numeric', [{ params: [p('text', 'spve')] }], ROUTES_ANY, YES_NO, 'Only digits.', {
    dialects: ['K3'],
  }),
  fn(
    'cmp_uri',
    [{ params: [p('a', 'spve'), p('b', 'spve')] }],
    ROUTES_ANY,
    YES_NO,
    'RFC 3261 URI comparison.',
    { dialects: ['K3'] },
  ),
  fn('cmp_aor', [{ params: [p('a', 'spve'), p('b', 'spve')] }], ROUTES_ANY, YES_NO, 'AoR comparison.', {
    dialects: ['K3'],
  }),
  fn(
    'options_reply',
    [{ params: [] }],
    ['request'],
    [rc(1, 'replied'), rc(-1, 'not an OPTIONS to the server')],
    '200 OK to OPTIONS for the server.',
    { async: true, alsoIn: ['options', ...OLD_HOMES] },
  ),
  fn('is_request', [{ params: [] }], ROUTES_ANY, YES_NO, 'The message is a request.', { dialects: ['K3'] }),
  fn('is_reply', [{ params: [] }], ROUTES_ANY, YES_NO, 'The message is a reply.', { dialects: ['K3'] }),
  fn('is_first_hop', [{ params: [] }], ROUTES_ANY, YES_NO, 'No Via before ours.', { dialects: ['K3'] }),
  fn(
    'is_supported',
    [{ params: [p('option', 'str')] }],
    ROUTES_ANY,
    YES_NO,
    'Supported header lists the option.',
    { dialects: ['K3'] },
  ),
  fn(
    'append_rpid_hf',
    [{ params: [] }, { params: [p('prefix', 'str'), p('suffix', 'str')] }],
    ['request', 'branch', 'failure'],
    YES_NO,
    'Append Remote-Party-ID from the rpid AVP.',
  ),
];

export const siputilsModule: ModuleDescriptor = {
  name: 'siputils',
  dialects: ['K3'],
  implemented: true,
  functions,
  params: [
    {
      name: 'options_accept',
      type: 'str',
      default: '*/*',
      dialects: ['K3'],
      implemented: false,
      doc: 'Accept of options_reply.',
    },
    {
      name: 'options_accept_encoding',
      type: 'str',
      default: '',
      dialects: ['K3'],
      implemented: false,
      doc: 'Accept-Encoding of options_reply.',
    },
    {
      name: 'options_accept_language',
      type: 'str',
      default: 'en',
      dialects: ['K3'],
      implemented: false,
      doc: 'Accept-Language of options_reply.',
    },
    {
      name: 'options_support',
      type: 'str',
      default: '',
      dialects: ['K3'],
      implemented: false,
      doc: 'Supported of options_reply.',
    },
    {
      name: 'rpid_prefix',
      type: 'str',
      default: '',
      dialects: ['K3'],
      implemented: false,
      doc: 'Prefix of Remote-Party-ID.',
    },
    {
      name: 'rpid_suffix',
      type: 'str',
      default: ';party=calling;id-type=subscriber;screen=yes',
      dialects: ['K3'],
      implemented: false,
      doc: 'Suffix of Remote-Party-ID.',
    },
    {
      name: 'rpid_avp',
      type: 'str',
      default: '$avp(s:rpid)',
      dialects: ['K3'],
      implemented: false,
      doc: 'AVP with the RPID.',
    },
    {
      name: 'e164_max_len',
      type: 'int',
      default: 15,
      dialects: ['K3'],
      implemented: false,
      doc: 'Maximum E.164 length.',
    },
  ],
  pvs: [],
  doc: 'SIP utility functions.',
};
