// textops — regex search/replace and header edits (MODULES.md §7). OpenSIPS 2+ moved the header
// functions to `sipmsgops`; `alsoIn` records that so loading either module makes them available.
import type {
  Dialect,
  FunctionDescriptor,
  ModuleDescriptor,
  Overload,
  ReturnCode,
  RouteType,
} from '../types.js';
import { DIALECTS_ALL, ROUTES_RFOB, SEARCH_RE_FLAGS, p, rc } from '../types.js';

const FOUND = [rc(1, 'found'), rc(-1, 'not found')];
const DONE = [rc(1, 'done'), rc(-1, 'failed')];
const SIPMSGOPS = ['sipmsgops'];

// Functions serc implements (the rest are described for the checker only).
const IMPLEMENTED = new Set([
  'search',
  'search_body',
  'subst',
  'subst_uri',
  'subst_user',
  'append_hf',
  'append_to_reply',
  'remove_hf',
  'is_present_hf',
  'is_method',
  'has_body',
  'insert_hf',
  'append_time',
  'search_str',
  'remove_hf_re',
  'is_present_hf_re',
  'is_privacy',
  'cmp_str',
  'cmp_istr',
  'starts_with',
  'in_list',
  'replace',
  'replace_all',
  'replace_body',
  'replace_body_all',
  'search_append',
  'search_append_body',
  'subst_body',
]);

function fn(
  name: string,
  overloads: Overload[],
  returns: ReturnCode[],
  doc: string,
  extra: Partial<FunctionDescriptor> = {},
): FunctionDescriptor {
  return {
    name,
    overloads,
    routes: ROUTES_RFOB,
    returns,
    mayReturnZero: false,
    dialects: DIALECTS_ALL,
    implemented: IMPLEMENTED.has(name),
    doc,
    ...extra,
  };
}

const K3: Dialect[] = ['K3'];
const RFB: RouteType[] = ['request', 'failure', 'branch', 'error'];
const one = (name: string, kind: Parameters<typeof p>[1]): Overload[] => [{ params: [p(name, kind)] }];
const searchRe = (): Overload[] => [{ params: [{ name: 'regex', kind: 're', reFlags: SEARCH_RE_FLAGS }] }];

const functions: readonly FunctionDescriptor[] = [
  fn('search', searchRe(), FOUND, 'Regex over the whole message (headers and body).', {
    implemented: true,
  }),
  fn('search_body', searchRe(), FOUND, 'Regex over the body.', {
    implemented: true,
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  fn(
    'search_hf',
    [{ params: [p('header', 'str'), p('regex', 're'), p('flags', 'str')] }],
    FOUND,
    'Regex over a header.',
    { dialects: K3 },
  ),
  fn('search_str', [{ params: [p('text', 'spve'), p('regex', 're')] }], FOUND, 'Regex over a string.', {
    dialects: K3,
  }),
  fn(
    'search_append',
    [{ params: [p('regex', 're'), p('text', 'str')] }],
    FOUND,
    'Insert text after the first match.',
  ),
  fn('search_append_body', [{ params: [p('regex', 're'), p('text', 'str')] }], FOUND, 'Same over the body.', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  fn('replace', [{ params: [p('regex', 're'), p('text', 'str')] }], FOUND, 'Replace the first match.'),
  fn('replace_all', [{ params: [p('regex', 're'), p('text', 'str')] }], FOUND, 'Replace every match.'),
  fn(
    'replace_body',
    [{ params: [p('regex', 're'), p('text', 'str')] }],
    FOUND,
    'Replace the first match in the body.',
    { dialects: ['K1', 'K3', 'O1', 'O3'] },
  ),
  fn(
    'replace_body_all',
    [{ params: [p('regex', 're'), p('text', 'str')] }],
    FOUND,
    'Replace every match in the body.',
    { dialects: ['K1', 'K3', 'O1', 'O3'] },
  ),
  fn('subst', one('expr', 'subst'), FOUND, 'sed-like substitution over the message.', { implemented: true }),
  fn('subst_uri', one('expr', 'subst'), FOUND, 'sed-like substitution of the R-URI.', { implemented: true }),
  fn('subst_user', one('expr', 'subst'), FOUND, 'sed-like substitution of the R-URI user.', {
    implemented: true,
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  fn('subst_body', one('expr', 'subst'), FOUND, 'sed-like substitution of the body.', {
    dialects: ['K1', 'K3', 'O1', 'O3'],
  }),
  fn(
    'append_hf',
    [
      { params: [p('header', 'spve')] },
      { params: [p('header', 'spve'), p('after', 'str')], dialects: ['K3', 'O1', 'O3'] },
    ],
    DONE,
    'Append a header (text must end with CRLF) after the last header or after `after`.',
    { implemented: true, alsoIn: SIPMSGOPS },
  ),
  fn(
    'insert_hf',
    [{ params: [p('header', 'spve')] }, { params: [p('header', 'spve'), p('before', 'str')] }],
    DONE,
    'Insert a header before the first (or `before`).',
    {
      dialects: ['K1', 'K3', 'O1', 'O3'],
      alsoIn: SIPMSGOPS,
    },
  ),
  fn(
    'append_urihf',
    [{ params: [p('prefix', 'str'), p('suffix', 'str')] }],
    DONE,
    'Append a header containing the R-URI.',
    { alsoIn: SIPMSGOPS },
  ),
  fn('append_to_reply', one('header', 'spve'), DONE, 'Header added to the next locally generated reply.', {
    implemented: true,
    routes: RFB,
    alsoIn: SIPMSGOPS,
  }),
  fn(
    'remove_hf',
    one('name', 'str'),
    FOUND,
    'Remove every header with this name (case-insensitive, compact forms too).',
    {
      implemented: true,
      alsoIn: SIPMSGOPS,
    },
  ),
  fn('remove_hf_re', one('regex', 're'), FOUND, 'Remove headers whose name matches.', { dialects: K3 }),
  fn('is_present_hf', one('name', 'str'), FOUND, 'True when a header with this name exists.', {
    implemented: true,
    alsoIn: SIPMSGOPS,
  }),
  fn('is_present_hf_re', one('regex', 're'), FOUND, 'True when a header name matches.', { dialects: K3 }),
  fn(
    'is_method',
    one('methods', 'str'),
    [rc(1, 'method matches'), rc(-1, 'does not match')],
    '`|`-separated method list.',
    {
      implemented: true,
      routes: ['request', 'failure', 'onreply', 'branch', 'local', 'event', 'error', 'onsend'],
      dialects: ['K1', 'K3', 'O1', 'O3'],
      alsoIn: SIPMSGOPS,
    },
  ),
  fn(
    'has_body',
    [{ params: [] }, { params: [p('mime', 'str')] }],
    FOUND,
    'Body present (and of the given Content-Type).',
    {
      implemented: true,
      dialects: ['K1', 'K3', 'O1', 'O3'],
      alsoIn: SIPMSGOPS,
    },
  ),
  fn('is_privacy', one('value', 'str'), FOUND, 'Privacy header contains the value.', {
    dialects: ['K3', 'O1', 'O3'],
    alsoIn: SIPMSGOPS,
  }),
  fn(
    'in_list',
    [{ params: [p('subject', 'spve'), p('list', 'spve'), p('sep', 'str')] }],
    FOUND,
    'Subject is an item of the list.',
    { dialects: K3 },
  ),
  fn('cmp_str', [{ params: [p('a', 'spve'), p('b', 'spve')] }], FOUND, 'Strings equal.', { dialects: K3 }),
  fn('cmp_istr', [{ params: [p('a', 'spve'), p('b', 'spve')] }], FOUND, 'Strings equal ignoring case.', {
    dialects: K3,
  }),
  fn('starts_with', [{ params: [p('text', 'spve'), p('prefix', 'spve')] }], FOUND, 'Prefix test.', {
    dialects: K3,
  }),
  fn('append_time', [{ params: [] }], DONE, 'Add Date to the next local reply.', { routes: RFB }),
  fn('set_body', [{ params: [p('text', 'spve'), p('ctype', 'spve')] }], DONE, 'Replace the request body.', {
    dialects: ['K3', 'O1', 'O3'],
  }),
  fn(
    'set_reply_body',
    [{ params: [p('text', 'spve'), p('ctype', 'spve')] }],
    DONE,
    'Body of the next local reply.',
    { dialects: ['K3', 'O1', 'O3'] },
  ),
  fn('filter_body', one('ctype', 'str'), FOUND, 'Keep only one multipart body part.', { dialects: K3 }),
];

export const textopsModule: ModuleDescriptor = {
  name: 'textops',
  dialects: DIALECTS_ALL,
  implemented: true,
  functions,
  params: [],
  pvs: [],
  doc: 'Regex operations and header edits on the message (applied when it is sent).',
};
