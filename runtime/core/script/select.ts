// SER selects (`@to.tag`, `@ruri.host`; Kamailio `$sel(to.tag)`): the common paths map onto the
// equivalent pseudo-variables; others are reported as not implemented at compile time.

const SELECTS: Readonly<Record<string, string>> = {
  ruri: '$ru',
  request_uri: '$ru',
  'ruri.user': '$rU',
  'ruri.host': '$rd',
  'ruri.port': '$rp',
  'ruri.scheme': '$rz',
  'from.uri': '$fu',
  'from.uri.user': '$fU',
  'from.uri.host': '$fd',
  'from.name': '$fn',
  'from.tag': '$ft',
  'to.uri': '$tu',
  'to.uri.user': '$tU',
  'to.uri.host': '$td',
  'to.name': '$tn',
  'to.tag': '$tt',
  call_id: '$ci',
  'cseq.num': '$cs',
  'cseq.method': '$rm',
  'src.ip': '$si',
  'src.port': '$sp',
  'dst.ip': '$Ri',
  'dst.port': '$Rp',
  'msg.len': '$ml',
  contact: '$ct',
};

// `f`/`t` abbreviate from/to in select paths (`@f.tag`).
function normalize(path: string): string {
  return path.replace(/^f\./, 'from.').replace(/^t\./, 'to.');
}

/** PV text for a select path (without `@`); undefined when serc does not implement the select. */
export function selectAsPv(path: string): string | undefined {
  return SELECTS[normalize(path.trim())];
}
