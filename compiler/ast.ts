// The AST of a routing script: what every stage after the parser sees. Every node has a `range`
// (with its origin chain); operators and statements record their MEANING in the script's dialect.
import type { SourceRange } from './source.js';
import type { Dialect } from './dialect.js';

export interface NodeBase {
  range: SourceRange;
}

// ---------------------------------------------------------------------------------------------
// Top level

export interface Script extends NodeBase {
  kind: 'script';
  dialect: Dialect;
  items: TopItem[];
}

export type TopItem =
  CoreParam | CfgVar | LoadModule | LoadPath | ModParam | Listen | Alias | FlagsDecl | RouteBlock | Rule;

/** `name = value` (debug=3, fork=yes, log_facility=LOG_LOCAL0, coreparam["x"]=v). */
export interface CoreParam extends NodeBase {
  kind: 'param';
  name: string;
  value: Expr;
}

/** `group.var = value [desc "text"]`, also `group[N].var`. */
export interface CfgVar extends NodeBase {
  kind: 'cfgvar';
  group: string;
  instance?: number;
  name: string;
  value: Expr;
  description?: string;
}

/** `loadmodule "path"` / `loadmodule("name", "opts")` / `loadmodulex`. */
export interface LoadModule extends NodeBase {
  kind: 'loadmodule';
  path: string;
  /** Module name derived from the path: "/usr/lib/ser/modules/sl.so" → "sl". */
  module: string;
  options?: string;
  expand: boolean;
}

/** `loadpath "a:b"`, `mpath = "a:b"`. */
export interface LoadPath extends NodeBase {
  kind: 'loadpath';
  keyword: 'loadpath' | 'mpath';
  dirs: string[];
}

/** `modparam("a|b", "param", value)`. */
export interface ModParam extends NodeBase {
  kind: 'modparam';
  modules: string[];
  /** The module argument as written (Kamailio treats it as an anchored regex). */
  moduleText: string;
  param: string;
  value: Expr;
  expand: boolean;
}

/** One address of `listen=` / `socket=` / `alias=`: `[proto:]host[:port]`. */
export interface SocketAddress extends NodeBase {
  kind: 'address';
  proto?: string;
  host: string;
  port?: string;
  text: string;
}

export interface Listen extends NodeBase {
  kind: 'listen';
  keyword: string;
  addresses: SocketAddress[];
  advertise?: SocketAddress;
  name?: string;
  virtual: boolean;
}

export interface Alias extends NodeBase {
  kind: 'alias';
  keyword: string;
  addresses: SocketAddress[];
}

/** `flags A:1, B;` or `avpflags a, b;`. */
export interface FlagsDecl extends NodeBase {
  kind: 'flags';
  keyword: 'flags' | 'avpflags' | 'bool';
  flags: { name: string; position?: number; range: SourceRange }[];
}

export type RouteKind =
  | 'request'
  | 'failure'
  | 'onreply'
  | 'reply'
  | 'branch'
  | 'onsend'
  | 'event'
  | 'error'
  | 'local'
  | 'startup'
  | 'timer';

/**
 * A route block. `routeKind` is the meaning: S08 `reply_route[N]` is 'failure', Kamailio `reply_route {}`
 * is 'onreply'; `keyword` keeps the spelling. Main blocks (`route {}`, `route[0]`, `request_route`,
 * `onreply_route {}`) have name undefined.
 */
export interface RouteBlock extends NodeBase {
  kind: 'route';
  routeKind: RouteKind;
  keyword: string;
  name: string | undefined;
  /** Extra bracket arguments: timer_route[name, 60] → ['60'], event_route[E_X, async] → ['async']. */
  args?: string[];
  nameRange?: SourceRange;
  body: Block;
}

/** S0 (2001) rule table line: `method_re uri_re host[:port]`. */
export interface Rule extends NodeBase {
  kind: 'rule';
  method: string;
  uri: string;
  host: string;
  port?: number;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement =
  Block | If | Switch | While | For | Return | Exit | Drop | Break | Assign | RouteCall | Call | Empty;

export interface Block extends NodeBase {
  kind: 'block';
  body: Statement[];
}

export interface If extends NodeBase {
  kind: 'if';
  condition: Expr;
  then: Statement;
  else?: Statement;
}

export interface SwitchCase extends NodeBase {
  kind: 'case';
  /** undefined for `default:` */
  label: Expr | undefined;
  /** `case /"re":` (Kamailio regex case) */
  regex: boolean;
  body: Statement[];
}

export interface Switch extends NodeBase {
  kind: 'switch';
  subject: Expr;
  cases: SwitchCase[];
}

export interface While extends NodeBase {
  kind: 'while';
  condition: Expr;
  body: Statement;
}

/** OpenSIPS 2+: `for ($var(k) in $(avp(x)[*])) stm`. */
export interface For extends NodeBase {
  kind: 'for';
  variable: Pv;
  iterable: Expr;
  body: Statement;
}

export interface Return extends NodeBase {
  kind: 'return';
  value?: Expr;
  /** OpenSIPS 3 `return(n, v1, …)` extra values. */
  extra?: Expr[];
}

/** `exit` (and SER 2.0 `drop`, which is the same token there). */
export interface Exit extends NodeBase {
  kind: 'exit';
  keyword: string;
  value?: Expr;
}

export interface Drop extends NodeBase {
  kind: 'drop';
  value?: Expr;
}

/**
 * `break;` with its meaning: 'leave-switch' / 'leave-loop' inside those; outside them 'leave-route'
 * (S08/K/O: ends the current route, caller continues) or 'return-zero' (SER 2: return 0 from route).
 */
export interface Break extends NodeBase {
  kind: 'break';
  meaning: 'leave-switch' | 'leave-loop' | 'leave-route' | 'return-zero';
}

export type AssignOp = '=' | ':=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=';

export interface Assign extends NodeBase {
  kind: 'assign';
  op: AssignOp;
  target: Pv;
  value: Expr;
}

/** `route(X)`; `name` for a static name (ID, number, string), `dynamic` for an expression. */
export interface RouteCall extends NodeBase {
  kind: 'route-call';
  name: string | undefined;
  nameRange?: SourceRange;
  dynamic?: Expr;
  /** OpenSIPS 3 `route(name, a1, …)`. */
  args: Expr[];
}

/** Core command or module function: `name(args)` or a bare `name;` (force_rport;). */
export interface Call extends NodeBase {
  kind: 'call';
  name: string;
  nameRange: SourceRange;
  args: Expr[];
  parens: boolean;
}

export interface Empty extends NodeBase {
  kind: 'empty';
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | IntLit
  | StrLit
  | NullLit
  | Pv
  | KeywordOperand
  | Word
  | IpLit
  | Binary
  | Unary
  | Cast
  | Defined
  | StrFn
  | Selval
  | CallExpr
  | RouteCallExpr
  | AssignExpr
  | BlockExpr;

export interface IntLit extends NodeBase {
  kind: 'int';
  value: number;
  /** As written: 0x1F, 017, 101b, yes, on … */
  text: string;
}

export interface StrLit extends NodeBase {
  kind: 'string';
  /** After escape processing and adjacent-string joining. */
  value: string;
  /** Source text of the (first) literal, quotes included. */
  text: string;
  quote: '"' | "'";
}

/** OpenSIPS `NULL` / `null`. (`$null` is a Pv.) */
export interface NullLit extends NodeBase {
  kind: 'null';
}

export interface Pv extends NodeBase {
  kind: 'pv';
  /** Token text as written: `$(avp(x)[*])`, `$f.did`, `@to.tag`, `%attr`. */
  text: string;
  /** PV class name (`avp`, `var`, `hdr`, `ru`, `rc`, `?`), attribute name or select path. */
  name: string;
  inner?: string;
  index?: string;
  transforms?: string[];
  /** pv: `$name…`; avp: `$avp(…)`; ser-attr: SER 2 attribute `$f.x`/`%x` (and `$x` in SER mode); select: `@a.b`. */
  form: 'pv' | 'avp' | 'ser-attr' | 'select';
  /** SER attribute class prefix: f, t, fr, tu, g … */
  attrClass?: string;
}

/** `method`, `uri`, `status`, `src_ip`, `myself`, `msg:len`, `max_len` … */
export interface KeywordOperand extends NodeBase {
  kind: 'keyword';
  name: string;
}

/** A bare word: `CANCEL` in `method == CANCEL`, `UDP`, `LOG_LOCAL0`, a host name, `uri:host`. */
export interface Word extends NodeBase {
  kind: 'word';
  text: string;
}

export interface IpLit extends NodeBase {
  kind: 'ip';
  family: 4 | 6;
  address: string;
  /** `/8` or `/255.255.255.0` */
  mask?: string;
}

export type BinaryMeaning =
  | 'logical-or'
  | 'logical-and'
  | 'bitwise-or'
  | 'bitwise-and'
  | 'bitwise-xor'
  | 'shift-left'
  | 'shift-right'
  | 'eq'
  | 'ne'
  | 'str-eq'
  | 'str-ne'
  | 'int-eq'
  | 'int-ne'
  | 'match'
  | 'not-match'
  | 'lt'
  | 'gt'
  | 'le'
  | 'ge'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'mod';

export interface Binary extends NodeBase {
  kind: 'binary';
  /** Operator as written: `&&`, `and`, `&`, `mod`, `%`, `eq` … */
  op: string;
  meaning: BinaryMeaning;
  left: Expr;
  right: Expr;
}

export interface Unary extends NodeBase {
  kind: 'unary';
  op: '!' | 'not' | '-' | '~';
  meaning: 'logical-not' | 'negate' | 'bitwise-not';
  operand: Expr;
}

export interface Cast extends NodeBase {
  kind: 'cast';
  to: 'int' | 'str';
  operand: Expr;
}

export interface Defined extends NodeBase {
  kind: 'defined';
  operand: Expr;
}

export interface StrFn extends NodeBase {
  kind: 'strlen' | 'strempty';
  operand: Expr;
}

export interface Selval extends NodeBase {
  kind: 'selval';
  condition: Expr;
  then: Expr;
  else: Expr;
}

export interface CallExpr extends NodeBase {
  kind: 'call-expr';
  call: Call;
}

export interface RouteCallExpr extends NodeBase {
  kind: 'route-call-expr';
  call: RouteCall;
}

/** `($x = 1)` used as a value (Kamailio grammar allows it). */
export interface AssignExpr extends NodeBase {
  kind: 'assign-expr';
  assign: Assign;
}

/** `{ actions }` used as a value (Kamailio grammar; `if { … }` in SER 2001 tests). */
export interface BlockExpr extends NodeBase {
  kind: 'block-expr';
  block: Block;
}

export type Node = Script | TopItem | Statement | Expr | SwitchCase | SocketAddress;
