// Checks that need no module knowledge (issue 2): duplicate routes, route names used by route(),
// t_on_failure/t_on_reply/t_on_branch that do not exist, invalid `=~` regexes, unreachable
// statements, modules loaded twice. (Preprocessor checks — #!ifdef balance, duplicate #!define —
// are reported while preprocessing.)
import type { Expr, RouteBlock, RouteKind, Script, Statement } from './ast.js';
import { DiagnosticBag, type Diagnostic } from './diagnostics.js';
import type { SourceRange } from './source.js';

/** tm functions that arm a named route, and the route kind they name. */
const ARMING_FUNCTIONS: Record<string, RouteKind> = {
  t_on_failure: 'failure',
  t_on_negative: 'failure',
  t_on_reply: 'onreply',
  t_on_branch: 'branch',
  t_on_branch_failure: 'event',
};

export function checkScript(script: Script): Diagnostic[] {
  const diags = new DiagnosticBag();
  const typed = script.dialect.era === 'K3';
  const routes = collectRoutes(script, diags);
  checkLoadModules(script, diags);
  for (const item of script.items) {
    if (item.kind !== 'route') continue;
    walkStatement(
      item.body,
      (s) => checkStatement(s, routes, diags),
      (e) => {
        checkExpr(e, routes, diags);
        if (typed) checkConstantTypes(e, diags);
      },
    );
    if (item.routeKind === 'onsend') checkOnsend(item, diags);
    else checkSendKeywords(item, diags);
    checkUnreachable(item.body.body, diags);
  }
  return diags.items;
}

function routeKey(kind: RouteKind, name: string | undefined): string {
  return `${kind}:${name ?? ''}`;
}

function collectRoutes(script: Script, diags: DiagnosticBag): Map<string, RouteBlock> {
  const routes = new Map<string, RouteBlock>();
  for (const item of script.items) {
    if (item.kind !== 'route') continue;
    const key = routeKey(item.routeKind, item.name);
    const first = routes.get(key);
    if (first) {
      const what = item.name === undefined ? `main ${item.keyword}` : `${item.keyword}[${item.name}]`;
      diags.report('SERC2001', `${what} is defined twice`, item.nameRange ?? item.range, {
        secondary: [{ range: first.nameRange ?? first.range, label: 'first defined here' }],
        hint: 'route names share one namespace per block type; rename or merge the blocks',
      });
    } else routes.set(key, item);
  }
  return routes;
}

function checkLoadModules(script: Script, diags: DiagnosticBag): void {
  const seen = new Map<string, SourceRange>();
  for (const item of script.items) {
    if (item.kind !== 'loadmodule') continue;
    const first = seen.get(item.module);
    if (first)
      diags.report('SERC2006', `module ${item.module} is loaded twice`, item.range, {
        secondary: [{ range: first, label: 'first loaded here' }],
      });
    else seen.set(item.module, item.range);
  }
}

function namesOf(routes: Map<string, RouteBlock>, kind: RouteKind): string[] {
  return [...routes.values()]
    .filter((r) => r.routeKind === kind && r.name !== undefined)
    .map((r) => r.name as string);
}

function missingRouteHint(name: string, known: string[]): string {
  const close = known.filter((k) => distance(k.toLowerCase(), name.toLowerCase()) <= 2);
  if (close.length > 0) return `did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?`;
  return known.length > 0
    ? `defined: ${known.map((k) => JSON.stringify(k)).join(', ')}`
    : 'no such blocks are defined';
}

function checkStatement(s: Statement, routes: Map<string, RouteBlock>, diags: DiagnosticBag): void {
  if (s.kind === 'route-call') checkRouteCall(s.name, s.nameRange ?? s.range, routes, diags);
  if (s.kind === 'switch')
    for (const c of s.cases)
      if (c.regex && c.label?.kind === 'string') checkRegex(c.label.value, c.label.range, diags);
}

function checkRouteCall(
  name: string | undefined,
  range: SourceRange,
  routes: Map<string, RouteBlock>,
  diags: DiagnosticBag,
): void {
  if (name === undefined) return;
  if (routes.has(routeKey('request', name)) || (name === '0' && routes.has(routeKey('request', undefined))))
    return;
  diags.report('SERC2002', `route(${name}) calls a route block that does not exist`, range, {
    hint: missingRouteHint(name, namesOf(routes, 'request')),
  });
}

function checkExpr(e: Expr, routes: Map<string, RouteBlock>, diags: DiagnosticBag): void {
  if (e.kind === 'route-call-expr')
    checkRouteCall(e.call.name, e.call.nameRange ?? e.call.range, routes, diags);
  if (e.kind === 'call-expr') checkArming(e.call.name, e.call.args, e.call.range, routes, diags);
  if (
    e.kind === 'binary' &&
    (e.meaning === 'match' || e.meaning === 'not-match') &&
    e.right.kind === 'string'
  )
    checkRegex(e.right.value, e.right.range, diags);
}

function checkArming(
  name: string,
  args: Expr[],
  range: SourceRange,
  routes: Map<string, RouteBlock>,
  diags: DiagnosticBag,
): void {
  const kind = ARMING_FUNCTIONS[name];
  const arg = args[0];
  if (!kind || !arg) return;
  let target: string;
  if (arg.kind === 'string') target = arg.value;
  else if (arg.kind === 'int') target = String(arg.value);
  else if (arg.kind === 'word') target = arg.text;
  else return;
  if (target.includes('$')) return;
  const key = kind === 'event' ? routeKey('event', `tm:branch-failure:${target}`) : routeKey(kind, target);
  if (routes.has(key)) return;
  const block =
    kind === 'event'
      ? `event_route[tm:branch-failure:${target}]`
      : `${kind === 'onreply' ? 'onreply' : kind}_route[${target}]`;
  diags.report(
    'SERC2003',
    `${name}(${JSON.stringify(target)}) arms ${block}, which does not exist`,
    arg.range ?? range,
    {
      hint: `${missingRouteHint(target, namesOf(routes, kind))} (Kamailio only warns at startup and then ignores the call)`,
    },
  );
}

/** route() is not allowed in onsend_route (Kamailio rejects it: kamailio/kamailio#4130). */
function checkOnsend(block: RouteBlock, diags: DiagnosticBag): void {
  const report = (range: SourceRange): void => {
    diags.report('SERC2007', 'route() cannot be used in onsend_route', range, {
      hint: 'onsend_route allows only a few actions (drop, if, flags, log, send, textops searches)',
    });
  };
  walkStatement(
    block.body,
    (s) => {
      if (s.kind === 'route-call') report(s.range);
    },
    (e) => {
      if (e.kind === 'route-call-expr') report(e.range);
    },
  );
}

/** snd_ip, snd_port, snd_proto, snd_af describe the outgoing send: Kamailio allows them only in onsend_route. */
function checkSendKeywords(block: RouteBlock, diags: DiagnosticBag): void {
  walkStatement(
    block.body,
    () => {},
    (e) => {
      if (e.kind === 'keyword' && /^snd_(ip|port|proto|af)$/.test(e.name))
        diags.report('SERC2007', `${e.name} can only be used in onsend_route`, e.range, {
          hint: 'the destination of a send is known only in onsend_route',
        });
    },
  );
}

type StaticType = 'int' | 'str' | undefined;

/** The type Kamailio's cfg parser knows at parse time (literals, casts, operators); undefined for PVs and calls. */
export function staticType(e: Expr): StaticType {
  switch (e.kind) {
    case 'int':
      return 'int';
    case 'string':
      return 'str';
    case 'cast':
      return e.to;
    case 'unary':
    case 'defined':
    case 'strlen':
    case 'strempty':
      return 'int';
    case 'binary':
      return e.meaning === 'add' ? staticType(e.left) : 'int';
    default:
      return undefined;
  }
}

const INT_OPERANDS = new Set<string>([
  'sub',
  'mul',
  'div',
  'mod',
  'bitwise-or',
  'bitwise-and',
  'bitwise-xor',
  'shift-left',
  'shift-right',
  'lt',
  'gt',
  'le',
  'ge',
  'logical-and',
  'logical-or',
  'int-eq',
  'int-ne',
]);

/**
 * Kamailio 3+ rejects, while parsing, expressions whose constant operands have the wrong type
 * (`1 + "20"`, `"a" - 1`, `"1" ieq 1`, `-"a"`, `strlen(1)`); checked against kamailio -c 5.6.
 */
function checkConstantTypes(e: Expr, diags: DiagnosticBag): void {
  const mismatch = (operand: Expr, got: 'int' | 'str'): void => {
    const want = got === 'str' ? 'int' : 'str';
    diags.report('SERC2008', `type mismatch: ${got} instead of ${want}`, operand.range, {
      hint: 'Kamailio checks the types of constant operands when it loads the script; convert with (int) or (str)',
    });
  };
  if (e.kind === 'binary') {
    const left = staticType(e.left);
    const right = staticType(e.right);
    if (INT_OPERANDS.has(e.meaning)) {
      if (left === 'str') mismatch(e.left, 'str');
      else if (right === 'str') mismatch(e.right, 'str');
    } else if (left === 'int' && right === 'str') mismatch(e.right, 'str');
  } else if (e.kind === 'unary' && staticType(e.operand) === 'str') mismatch(e.operand, 'str');
  else if ((e.kind === 'strlen' || e.kind === 'strempty') && staticType(e.operand) === 'int')
    mismatch(e.operand, 'int');
}

/** POSIX ERE checked with the JS engine after mapping the POSIX-only bracket classes. */
export function regexProblem(pattern: string): string | undefined {
  const js = pattern.replace(
    /\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit|blank|cntrl|graph|print):\]/g,
    'a',
  );
  try {
    new RegExp(js);
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
  }
}

function checkRegex(pattern: string, range: SourceRange, diags: DiagnosticBag): void {
  const problem = regexProblem(pattern);
  if (problem)
    diags.report('SERC2004', `invalid regular expression ${JSON.stringify(pattern)}: ${problem}`, range);
}

/** Statements after exit/drop/return/break in the same block never run. */
function checkUnreachable(body: Statement[], diags: DiagnosticBag): void {
  let ended: Statement | undefined;
  for (const s of body) {
    if (ended && s.kind !== 'empty') {
      diags.report('SERC2005', 'this statement is never executed', s.range, {
        secondary: [{ range: ended.range, label: 'the route ends here' }],
      });
      break;
    }
    if (s.kind === 'exit' || s.kind === 'drop' || s.kind === 'return' || s.kind === 'break') ended = s;
  }
  const nested = (st: Statement | undefined): void => {
    if (!st) return;
    if (st.kind === 'block') checkUnreachable(st.body, diags);
    else if (st.kind === 'if') {
      nested(st.then);
      nested(st.else);
    } else if (st.kind === 'while' || st.kind === 'for') nested(st.body);
    else if (st.kind === 'switch') for (const c of st.cases) checkUnreachable(c.body, diags);
  };
  for (const s of body) nested(s);
}

/** Visits every statement and expression below `s`. */
export function walkStatement(
  s: Statement | undefined,
  onStatement: (s: Statement) => void,
  onExpr: (e: Expr) => void,
): void {
  if (!s) return;
  onStatement(s);
  const expr = (e: Expr | undefined): void => walkExpr(e, onExpr, onStatement);
  switch (s.kind) {
    case 'block':
      for (const c of s.body) walkStatement(c, onStatement, onExpr);
      return;
    case 'if':
      expr(s.condition);
      walkStatement(s.then, onStatement, onExpr);
      walkStatement(s.else, onStatement, onExpr);
      return;
    case 'switch':
      expr(s.subject);
      for (const c of s.cases) {
        expr(c.label);
        for (const b of c.body) walkStatement(b, onStatement, onExpr);
      }
      return;
    case 'while':
      expr(s.condition);
      walkStatement(s.body, onStatement, onExpr);
      return;
    case 'for':
      expr(s.iterable);
      walkStatement(s.body, onStatement, onExpr);
      return;
    case 'return':
    case 'exit':
    case 'drop':
      expr(s.value);
      return;
    case 'assign':
      expr(s.value);
      return;
    case 'route-call':
      if (s.dynamic) expr(s.dynamic);
      for (const a of s.args) expr(a);
      return;
    case 'call':
      expr({ kind: 'call-expr', call: s, range: s.range });
      return;
    default:
      return;
  }
}

export function walkExpr(
  e: Expr | undefined,
  onExpr: (e: Expr) => void,
  onStatement: (s: Statement) => void = () => {},
): void {
  if (!e) return;
  onExpr(e);
  const sub = (x: Expr | undefined): void => walkExpr(x, onExpr, onStatement);
  switch (e.kind) {
    case 'binary':
      sub(e.left);
      sub(e.right);
      return;
    case 'unary':
    case 'cast':
    case 'defined':
    case 'strlen':
    case 'strempty':
      sub(e.operand);
      return;
    case 'selval':
      sub(e.condition);
      sub(e.then);
      sub(e.else);
      return;
    case 'call-expr':
      for (const a of e.call.args) sub(a);
      return;
    case 'route-call-expr':
      if (e.call.dynamic) sub(e.call.dynamic);
      for (const a of e.call.args) sub(a);
      return;
    case 'assign-expr':
      sub(e.assign.value);
      return;
    case 'block-expr':
      walkStatement(e.block, onStatement, onExpr);
      return;
    default:
      return;
  }
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0] ?? 0;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] ?? 0;
      dp[j] = Math.min((dp[j] ?? 0) + 1, (dp[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length] ?? 0;
}
