// Chevrotain token types and one lexer per dialect family (built once, at first use).
// Pseudo-variables, selects and nested comments have custom matchers that reproduce the token
// extents of Kamailio's cfg.lex (LANGUAGE.md §1–§2).
import {
  createToken,
  Lexer,
  type ILexingResult,
  type TokenType,
  type CustomPatternMatcherReturn,
} from 'chevrotain';
import { isIPv6 } from 'node:net';
import type { DialectFamily } from './dialect.js';

// ------------------------------------------------------------------------------------------
// Custom matchers

/** `$…` pseudo-variable, AVP or SER attribute with Kamailio's extent rules (§2 P1–P6). */
export function matchPv(text: string, offset: number, serAttributes = true, dottedNames = false): number {
  if (text.charCodeAt(offset) !== 36 /* $ */) return -1;
  let i = offset + 1;
  const c = text[i];
  if (c === '$' || c === '?') return i + 1;
  if (c === '(') return skipBalanced(text, i, '(', ')');
  if (c === undefined || !isIdStart(c)) return -1;
  let j = i;
  while (
    j < text.length &&
    (isIdChar(text[j] ?? '') || (dottedNames && text[j] === '.' && isIdStart(text[j + 1] ?? '')))
  )
    j++;
  const name = text.slice(i, j);
  if (serAttributes && /^(?:[ft][rud]?|g)$/.test(name) && text[j] === '.' && isIdStart(text[j + 1] ?? '')) {
    j += 1;
    while (j < text.length && isIdChar(text[j] ?? '')) j++;
    return skipIndex(text, j);
  }
  if (text[j] === '(') {
    const end = skipBalanced(text, j, '(', ')');
    if (end < 0) return -1;
    j = end;
  }
  i = j;
  return skipIndex(text, i);
}

/** `[n]`, `[]`, `[-1]`, `[*]`, `[$var(i)]` directly after a variable name, on the same line. */
function skipIndex(text: string, i: number): number {
  if (text[i] !== '[') return i;
  const close = text.indexOf(']', i);
  const nl = text.indexOf('\n', i);
  if (close < 0 || (nl >= 0 && nl < close)) return i;
  const inside = text.slice(i + 1, close);
  if (!/^(?:-?\d*|\*|\$[\w()]+)$/.test(inside)) return i;
  return close + 1;
}

/** Index just past the bracket that closes the one at `i`, or -1 if a line ends first. */
function skipBalanced(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let k = i; k < text.length; k++) {
    const ch = text[k];
    if (ch === open) depth++;
    else if (ch === close) {
      depth--;
      if (depth === 0) return k + 1;
    } else if (ch === '\n') return -1;
  }
  return -1;
}

function isIdStart(c: string): boolean {
  return /[A-Za-z_]/.test(c);
}
function isIdChar(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c);
}

function custom(match: (text: string, offset: number) => number) {
  return (text: string, offset: number): CustomPatternMatcherReturn | null => {
    const end = match(text, offset);
    return end > offset ? [text.slice(offset, end)] : null;
  };
}

/** Nested block comment; an unterminated one runs to the end of the file (reported by the preprocessor). */
function matchBlockComment(text: string, offset: number): number {
  if (!text.startsWith('/*', offset)) return -1;
  let depth = 0;
  let i = offset;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

/** IPv6 address, optionally in brackets; validated with node:net so `a:b` (event names) is not one. */
function matchIpv6(text: string, offset: number): number {
  let i = offset;
  const bracket = text[i] === '[';
  if (bracket) i++;
  const m = /^[0-9a-fA-F:.]+/.exec(text.slice(i, i + 64));
  if (!m) return -1;
  let core = m[0];
  // A trailing ':' belongs to a following port or case label, not to the address.
  while (core.endsWith(':') && !core.endsWith('::')) core = core.slice(0, -1);
  if (!core.includes(':') || !isIPv6(core)) return -1;
  let end = i + core.length;
  if (bracket) {
    if (text[end] !== ']') return -1;
    end++;
  } else if (isIdChar(text[end] ?? '')) return -1;
  return end;
}

// ------------------------------------------------------------------------------------------
// Token types

export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });
export const BinaryOperator = createToken({ name: 'BinaryOperator', pattern: Lexer.NA });
export const AssignOperator = createToken({ name: 'AssignOperator', pattern: Lexer.NA });

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [AnyName],
});

function keyword(word: string, extra: TokenType[] = []): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    categories: [AnyName, ...extra],
  });
}

export const ModeHeader = createToken({
  name: 'ModeHeader',
  pattern: /(?:#!|\/\/!)(?:SER|KAMAILIO|OPENSER|ALL|MAXCOMPAT)[ \t]*(?=\r?\n|$)/,
});
export const IncludeDirective = createToken({
  name: 'IncludeDirective',
  pattern: /(?:#!|!!)?(?:include_file|import_file)[ \t]*"(?:[^"\\\n]|\\.)*"/,
});
export const DIRECTIVE_NAMES = [
  'define',
  'def',
  'ifdef',
  'ifndef',
  'ifexp',
  'else',
  'endif',
  'trydefine',
  'trydef',
  'redefine',
  'redef',
  'undefine',
  'undef',
  'tryundefine',
  'tryundef',
  'subst',
  'substdef',
  'substdefs',
  'defenv',
  'defenvs',
  'trydefenv',
  'trydefenvs',
  'defexp',
  'defexps',
] as const;
export const Directive = createToken({
  name: 'Directive',
  pattern: new RegExp(
    `(?:#!|!!)(?:${DIRECTIVE_NAMES.join('|')})(?![A-Za-z0-9_])(?:[^\\n\\\\]|\\\\\\r?\\n|\\\\[^\\n])*`,
  ),
  line_breaks: true,
});
/** `#!word` that is no directive: a comment in Kamailio, worth a warning. */
export const UnknownHashBang = createToken({ name: 'UnknownHashBang', pattern: /#![A-Za-z][^\n]*/ });
export const LineComment = createToken({ name: 'LineComment', pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const SlashComment = createToken({
  name: 'SlashComment',
  pattern: /\/\/[^\n]*/,
  group: Lexer.SKIPPED,
});
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: custom(matchBlockComment),
  start_chars_hint: ['/'],
  line_breaks: true,
});
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const LineContinuation = createToken({
  name: 'LineContinuation',
  pattern: /\\\r?\n/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const DqString = createToken({
  name: 'DqString',
  pattern: /"(?:[^"\\]|\\[\s\S])*"/,
  line_breaks: true,
});
export const SqString = createToken({ name: 'SqString', pattern: /'[^']*'/, line_breaks: true });
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\]|\\[\s\S])*|'[^']*/,
  line_breaks: true,
});

export const Cast = createToken({ name: 'Cast', pattern: /\((?:int|str)\)/ });
/** Category of both PV token types: with SER attributes (`$f.did`, SER/Kamailio) and without (OpenSIPS). */
export const Variable = createToken({ name: 'Variable', pattern: Lexer.NA });
export const PvToken = createToken({
  name: 'Pv',
  pattern: custom((t, o) => matchPv(t, o, true)),
  start_chars_hint: ['$'],
  categories: [Variable],
});
export const PvTokenNoAttr = createToken({
  name: 'PvPlain',
  pattern: custom((t, o) => matchPv(t, o, false, true)),
  start_chars_hint: ['$'],
  categories: [Variable],
});
export const SelectToken = createToken({
  name: 'Select',
  pattern: /@[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(?:-?\d+|"[^"\n]*")\])*/,
});
export const PercentAttr = createToken({ name: 'PercentAttr', pattern: /%[A-Za-z_][\w.]*(?:\[\d*\])?/ });

export const Ipv6 = createToken({
  name: 'Ipv6',
  pattern: custom(matchIpv6),
  start_chars_hint: ['[', ':', ...'0123456789abcdefABCDEF'],
});
export const Ipv4 = createToken({ name: 'Ipv4', pattern: /\d{1,3}(?:\.\d{1,3}){3}(?![\d])/ });
export const NumberLit = createToken({
  name: 'Number',
  pattern: /0[xX][0-9a-fA-F]+|[01]+b(?![A-Za-z0-9_])|\d+/,
});

// Statement and top-level keywords (reserved, case-sensitive).
export const If = keyword('if');
export const Else = keyword('else');
export const Switch = keyword('switch');
export const Case = keyword('case');
export const Default = keyword('default');
export const While = keyword('while');
export const For = keyword('for');
export const Return = keyword('return');
export const Exit = keyword('exit');
export const Drop = keyword('drop');
export const Break = keyword('break');
export const Route = keyword('route');
export const RequestRoute = keyword('request_route');
export const FailureRoute = keyword('failure_route');
export const OnReplyRoute = keyword('onreply_route');
export const ReplyRoute = keyword('reply_route');
export const BranchRoute = keyword('branch_route');
export const OnSendRoute = keyword('onsend_route');
export const EventRoute = keyword('event_route');
export const ErrorRoute = keyword('error_route');
export const LocalRoute = keyword('local_route');
export const StartupRoute = keyword('startup_route');
export const TimerRoute = keyword('timer_route');
export const LoadModule = keyword('loadmodulex|loadmodule');
export const ModParam = keyword('modparamx|modparam');
export const LoadPath = keyword('loadpath');
export const Flags = keyword('avpflags|flags');
export const Defined = keyword('defined');
export const Not = keyword('not');
export const WordAnd = keyword('and', [BinaryOperator]);
export const WordOr = keyword('or', [BinaryOperator]);
export const WordCompare = keyword('ieq|ine|eq|ne', [BinaryOperator]);
export const WordMod = keyword('mod', [BinaryOperator]);

export const ROUTE_KEYWORDS = [
  Route,
  RequestRoute,
  FailureRoute,
  OnReplyRoute,
  ReplyRoute,
  BranchRoute,
  OnSendRoute,
  EventRoute,
  ErrorRoute,
  LocalRoute,
  StartupRoute,
  TimerRoute,
];

function op(name: string, pattern: RegExp, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern, categories });
}

export const OrOr = op('OrOr', /\|\|/, [BinaryOperator]);
export const AndAnd = op('AndAnd', /&&/, [BinaryOperator]);
export const EqEq = op('EqEq', /==/, [BinaryOperator]);
export const NotEq = op('NotEq', /!=/, [BinaryOperator]);
export const Match = op('Match', /=~/, [BinaryOperator]);
export const NotMatch = op('NotMatch', /!~/, [BinaryOperator]);
export const LessEq = op('LessEq', /<=/, [BinaryOperator]);
export const GreaterEq = op('GreaterEq', />=/, [BinaryOperator]);
export const ShiftLeft = op('ShiftLeft', /<</, [BinaryOperator]);
export const ShiftRight = op('ShiftRight', />>/, [BinaryOperator]);
export const ColonAssign = op('ColonAssign', /:=/, [AssignOperator]);
export const CompoundAssign = op('CompoundAssign', /[+\-*/%&|^]=/, [AssignOperator]);
export const Assign = op('Assign', /=/, [AssignOperator]);
export const Less = op('Less', /</, [BinaryOperator]);
export const Greater = op('Greater', />/, [BinaryOperator]);
export const Bang = op('Bang', /!/);
export const Tilde = op('Tilde', /~/);
export const Amp = op('Amp', /&/, [BinaryOperator]);
export const Pipe = op('Pipe', /\|/, [BinaryOperator]);
export const Caret = op('Caret', /\^/, [BinaryOperator]);
export const Plus = op('Plus', /\+/, [BinaryOperator]);
export const Minus = op('Minus', /-/, [BinaryOperator]);
export const Star = op('Star', /\*/, [BinaryOperator]);
export const Slash = op('Slash', /\//, [BinaryOperator]);
export const Percent = op('Percent', /%/, [BinaryOperator]);
export const LParen = op('LParen', /\(/);
export const RParen = op('RParen', /\)/);
export const LBrace = op('LBrace', /\{/);
export const RBrace = op('RBrace', /\}/);
export const LBracket = op('LBracket', /\[/);
export const RBracket = op('RBracket', /\]/);
export const Comma = op('Comma', /,/);
export const Semicolon = op('Semicolon', /;/);
export const Colon = op('Colon', /:/);
export const Dot = op('Dot', /\./);

const KEYWORDS = [
  If,
  Else,
  Switch,
  Case,
  Default,
  While,
  For,
  Return,
  Exit,
  Drop,
  Break,
  ...ROUTE_KEYWORDS,
  LoadModule,
  ModParam,
  LoadPath,
  Flags,
  Defined,
  Not,
  WordAnd,
  WordOr,
  WordCompare,
  WordMod,
];

const OPERATORS = [
  OrOr,
  AndAnd,
  EqEq,
  NotEq,
  Match,
  NotMatch,
  LessEq,
  GreaterEq,
  ShiftLeft,
  ShiftRight,
  ColonAssign,
  CompoundAssign,
  Assign,
  Less,
  Greater,
  Bang,
  Tilde,
  Amp,
  Pipe,
  Caret,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Comma,
  Semicolon,
  Colon,
  Dot,
];

/** Every token type the parser knows (the vocabulary is the same for all dialects). */
export const ALL_TOKENS: TokenType[] = [
  AnyName,
  BinaryOperator,
  AssignOperator,
  ModeHeader,
  IncludeDirective,
  Directive,
  UnknownHashBang,
  LineComment,
  SlashComment,
  BlockComment,
  WhiteSpace,
  LineContinuation,
  DqString,
  SqString,
  UnterminatedString,
  Cast,
  Variable,
  PvToken,
  PvTokenNoAttr,
  SelectToken,
  PercentAttr,
  Ipv6,
  Ipv4,
  NumberLit,
  ...KEYWORDS,
  Identifier,
  ...OPERATORS,
];

function lexerTokens(family: DialectFamily): TokenType[] {
  const head = [ModeHeader, IncludeDirective, Directive, UnknownHashBang, LineComment];
  const comments = family === 'kamailio' ? [BlockComment, SlashComment] : [BlockComment];
  const pv = family === 'opensips' ? [PvTokenNoAttr] : [PvToken];
  const attr = family === 'opensips' ? [] : [PercentAttr];
  return [
    ...head,
    ...comments,
    WhiteSpace,
    LineContinuation,
    DqString,
    SqString,
    UnterminatedString,
    Cast,
    ...pv,
    SelectToken,
    ...attr,
    Ipv6,
    Ipv4,
    NumberLit,
    ...KEYWORDS,
    Identifier,
    ...OPERATORS,
  ];
}

const lexers = new Map<DialectFamily, Lexer>();

/** The lexer of a dialect family; Chevrotain lexers are built once and reused. */
export function lexerFor(family: DialectFamily): Lexer {
  let lexer = lexers.get(family);
  if (!lexer) {
    lexer = new Lexer(lexerTokens(family), {
      positionTracking: 'full',
      // Only LF ends a line (as in Kamailio's flex lexer and SourceFile); a lone CR is whitespace.
      lineTerminatorsPattern: /\n/g,
      lineTerminatorCharacters: ['\n'],
      ensureOptimizations: false,
      skipValidations: true,
    });
    lexers.set(family, lexer);
  }
  return lexer;
}

export function tokenize(text: string, family: DialectFamily): ILexingResult {
  return lexerFor(family).tokenize(text);
}
