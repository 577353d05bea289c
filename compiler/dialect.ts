// Dialects of the SER family: detection from the header line and the constructs a script uses,
// and the per-dialect facts the parser needs (operator precedence and meaning).
import type { BinaryMeaning } from './ast.js';

export type DialectFamily = 'ser' | 'kamailio' | 'opensips';
/** Eras of LANGUAGE.md's legend: S0 rule table, SER 0.8, SER 2/3, OpenSER/Kamailio 1.x, Kamailio 3+, OpenSIPS 1.x, 2+. */
export type DialectEra = 'S0' | 'S08' | 'S2' | 'K1' | 'K3' | 'O1' | 'O3';
/** How `$name` is read inside Kamailio/sip-router: SER attribute, PV, or PV-else-AVP (default). */
export type PvMode = 'ser' | 'kamailio' | 'maxcompat';

export interface Dialect {
  family: DialectFamily;
  era: DialectEra;
  pvMode: PvMode;
  /** Why this dialect: "header #!KAMAILIO", "--dialect", "constructs: …". */
  reason: string;
}

interface Signal {
  re: RegExp;
  family: DialectFamily;
  weight: number;
}

// Constructs typical of each family; comments count too (headers like "OpenSIPS residential config").
const FAMILY_SIGNALS: Signal[] = [
  { re: /opensips/i, family: 'opensips', weight: 3 },
  { re: /^\s*(error_route|local_route|startup_route|timer_route)\b/m, family: 'opensips', weight: 5 },
  { re: /\bis_myself\s*\(/, family: 'opensips', weight: 2 },
  { re: /\$param\(|\bsocket\s*=|\blog_level\s*=|\budp_workers\s*=/, family: 'opensips', weight: 4 },
  { re: /:=/, family: 'opensips', weight: 1 },
  { re: /\b(NULL)\b/, family: 'opensips', weight: 1 },
  { re: /^\s*event_route\s*\[\s*E_/m, family: 'opensips', weight: 5 },
  { re: /kamailio|openser/i, family: 'kamailio', weight: 3 },
  { re: /^\s*(#!|!!)(define|ifdef|ifndef|trydef|substdef|subst)\b/m, family: 'kamailio', weight: 4 },
  {
    re: /^\s*(request_route|reply_route\s*\{)|^\s*event_route\s*\[\s*[a-z][\w-]*:/m,
    family: 'kamailio',
    weight: 4,
  },
  { re: /\$sht\(|\$xavp\(|\$shv\(/, family: 'kamailio', weight: 2 },
  { re: /\bser\.cfg\b|\/ser\/|\biptel\b|\bsip[-_]router\b/i, family: 'ser', weight: 3 },
  { re: /^\s*(avpflags|loadpath)\b/m, family: 'ser', weight: 4 },
  { re: /\$[ft][rud]?\.\w|\$g\.\w|@(to|from|ruri|via|cfg_get|msg)\b/, family: 'ser', weight: 2 },
];

/** Detects the dialect of a script from its text; `family` from the command line wins. */
export function detectDialect(text: string, family?: DialectFamily): Dialect {
  const header = /^(?:#!|\/\/!)(SER|KAMAILIO|OPENSER|ALL|MAXCOMPAT)[ \t]*\r?$/m.exec(text)?.[1];
  const pvMode: PvMode =
    header === 'SER' ? 'ser' : header === 'KAMAILIO' || header === 'OPENSER' ? 'kamailio' : 'maxcompat';
  if (isRuleTable(text))
    return { family: family ?? 'ser', era: 'S0', pvMode, reason: 'rule table (no blocks)' };
  let chosen = family;
  let reason = family ? '--dialect' : '';
  if (!chosen && header) {
    chosen = header === 'SER' ? 'ser' : 'kamailio';
    reason = `header #!${header}`;
  }
  if (!chosen) {
    const score: Record<DialectFamily, number> = { ser: 0, kamailio: 0, opensips: 0 };
    for (const s of FAMILY_SIGNALS) if (s.re.test(text)) score[s.family] += s.weight;
    chosen = 'kamailio';
    if (score.opensips > score.kamailio && score.opensips >= score.ser) chosen = 'opensips';
    else if (score.ser > score.kamailio && score.ser > score.opensips) chosen = 'ser';
    reason = `constructs (ser ${score.ser}, kamailio ${score.kamailio}, opensips ${score.opensips})`;
  }
  return {
    family: chosen,
    era: detectEra(stripComments(text), chosen, header),
    pvMode: chosen === 'ser' && !header ? 'ser' : pvMode,
    reason,
  };
}

function detectEra(text: string, family: DialectFamily, header: string | undefined): DialectEra {
  if (family === 'ser') {
    if (header === 'SER') return 'S2';
    const s2 =
      /\$\w|@\w|^\s*(flags|avpflags|loadpath|onsend_route|branch_route|failure_route)\b|\breturn\b|\bexit\b/m;
    return s2.test(text) ? 'S2' : 'S08';
  }
  if (family === 'opensips') {
    const o3 =
      /\$param\(|\bsocket\s*=|\blog_level\s*=|\budp_workers\s*=|^\s*(startup_route|timer_route)\b|\basync\s*\(|\bfor\s*\(/m;
    return o3.test(text) ? 'O3' : 'O1';
  }
  if (header === 'KAMAILIO' || header === 'ALL' || header === 'MAXCOMPAT') return 'K3';
  // Kamailio 3+ always shows itself: directives, new block names, // comments, cfg vars, new PVs.
  const k3 =
    /^\s*(#!|!!)\w|^\s*(request_route|event_route|reply_route\s*\{)|\/\/|\bmpath\b.*modules_k|\$(sel|xavp|sht|shv|dlg_var)\(|\bdesc\s+"|^\s*\w+\.\w+\s*=/m;
  return k3.test(text) ? 'K3' : 'K1';
}

/** The text without `#` and block comments (directives kept), for construct detection. */
export function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/#(?!!)[^\n]*/g, '')
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

/** The 2001 rule table: only comments and lines of 3 whitespace-separated fields, no braces. */
export function isRuleTable(text: string): boolean {
  let rules = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    if (/[{}();=]/.test(line) && !/^\S+\s+\S+\s+\S+$/.test(line)) return false;
    if (!/^\S+\s+\S+\s+\S+$/.test(line)) return false;
    if (/^(loadmodule|modparam|route|listen|alias)\b/.test(line)) return false;
    rules++;
  }
  return rules > 0;
}

export function familyOfEra(era: DialectEra): DialectFamily {
  return era.startsWith('O') ? 'opensips' : era.startsWith('K') ? 'kamailio' : 'ser';
}

// ---------------------------------------------------------------------------------------------
// Operators

export interface BinaryOpInfo {
  /** Binding power: higher binds tighter. */
  power: number;
  meaning: BinaryMeaning;
}

/**
 * Kamailio 3+ (cfg.y), lowest → highest: || < && < | < & < ^ < << < >> < == != =~ eq ne ieq ine
 * < < > <= >= < + - < * / mod. Bitwise ops bind looser than comparisons (not C).
 */
const K3_OPS: Record<string, BinaryOpInfo> = {
  '||': { power: 1, meaning: 'logical-or' },
  or: { power: 1, meaning: 'logical-or' },
  '&&': { power: 2, meaning: 'logical-and' },
  and: { power: 2, meaning: 'logical-and' },
  '|': { power: 3, meaning: 'bitwise-or' },
  '&': { power: 4, meaning: 'bitwise-and' },
  '^': { power: 5, meaning: 'bitwise-xor' },
  '<<': { power: 6, meaning: 'shift-left' },
  '>>': { power: 7, meaning: 'shift-right' },
  '==': { power: 8, meaning: 'eq' },
  '!=': { power: 8, meaning: 'ne' },
  '=~': { power: 8, meaning: 'match' },
  '!~': { power: 8, meaning: 'not-match' },
  eq: { power: 8, meaning: 'str-eq' },
  ne: { power: 8, meaning: 'str-ne' },
  ieq: { power: 8, meaning: 'int-eq' },
  ine: { power: 8, meaning: 'int-ne' },
  '<': { power: 9, meaning: 'lt' },
  '>': { power: 9, meaning: 'gt' },
  '<=': { power: 9, meaning: 'le' },
  '>=': { power: 9, meaning: 'ge' },
  '+': { power: 10, meaning: 'add' },
  '-': { power: 10, meaning: 'sub' },
  '*': { power: 11, meaning: 'mul' },
  '/': { power: 11, meaning: 'div' },
  mod: { power: 11, meaning: 'mod' },
};

/** SER 0.8: `&` / `|` are the logical operators (`&&`/`||` too); no arithmetic. */
const S08_OPS: Record<string, BinaryOpInfo> = {
  ...K3_OPS,
  '|': { power: 1, meaning: 'logical-or' },
  '&': { power: 2, meaning: 'logical-and' },
};

/**
 * OpenSIPS: boolean `exp` (|| < && < comparisons) over C-like arithmetic `assignexp`
 * (| < ^ < & < << >> < + - < * / %); `%` is modulo.
 */
const OPENSIPS_OPS: Record<string, BinaryOpInfo> = {
  '||': { power: 1, meaning: 'logical-or' },
  or: { power: 1, meaning: 'logical-or' },
  '&&': { power: 2, meaning: 'logical-and' },
  and: { power: 2, meaning: 'logical-and' },
  '==': { power: 3, meaning: 'eq' },
  '!=': { power: 3, meaning: 'ne' },
  '=~': { power: 3, meaning: 'match' },
  '!~': { power: 3, meaning: 'not-match' },
  '<': { power: 3, meaning: 'lt' },
  '>': { power: 3, meaning: 'gt' },
  '<=': { power: 3, meaning: 'le' },
  '>=': { power: 3, meaning: 'ge' },
  '|': { power: 4, meaning: 'bitwise-or' },
  '^': { power: 5, meaning: 'bitwise-xor' },
  '&': { power: 6, meaning: 'bitwise-and' },
  '<<': { power: 7, meaning: 'shift-left' },
  '>>': { power: 7, meaning: 'shift-right' },
  '+': { power: 8, meaning: 'add' },
  '-': { power: 8, meaning: 'sub' },
  '*': { power: 9, meaning: 'mul' },
  '/': { power: 9, meaning: 'div' },
  '%': { power: 9, meaning: 'mod' },
  mod: { power: 9, meaning: 'mod' },
};

export function binaryOps(d: Dialect): Record<string, BinaryOpInfo> {
  if (d.era === 'S08') return S08_OPS;
  if (d.family === 'opensips') return OPENSIPS_OPS;
  return K3_OPS;
}

/** The lowest binary power a logical `!`'s operand extends over. K3+: `!` binds tightest; SER/OpenSIPS: `NOT exp` covers a comparison. */
export function notOperandPower(d: Dialect): number {
  if (d.era === 'K3') return 100;
  return d.family === 'opensips' ? 3 : 8;
}

/** Power of the other prefix operators (`-`, `~`): tighter than every binary operator. */
export const PREFIX_POWER = 100;

/** Whether `%name` is a SER attribute (S2, Kamailio) rather than the modulo operator (OpenSIPS). */
export function percentIsAttribute(d: Dialect): boolean {
  return d.family !== 'opensips';
}
