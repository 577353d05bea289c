// Expressions and conditions. Every script operator becomes an explicit runtime helper call (the
// left operand's type decides `+` and `==`, return codes are booleanized by callCond, regexes are
// case-insensitive POSIX EREs compiled once), and every compound expression is parenthesized.
import type { Binary, Call, Expr, KeywordOperand, Pv, RouteCall } from '../ast.js';
import { GenerateError, MAX_LEN, type EmitContext } from './emit-context.js';

const SCRIPT = 'serc/runtime/core/script';
const VALUES = `${SCRIPT}/values.js`;
const CONTROL = `${SCRIPT}/control.js`;
const KEYWORDS = `${SCRIPT}/keywords.js`;

const INT_OPS: Partial<Record<Binary['meaning'], string>> = {
  sub: '-',
  mul: '*',
  div: '/',
  mod: '%',
  'bitwise-and': '&',
  'bitwise-or': '|',
  'bitwise-xor': '^',
  'shift-left': '<<',
  'shift-right': '>>',
};

const RELATIONS: Partial<Record<Binary['meaning'], string>> = { lt: '<', gt: '>', le: '<=', ge: '>=' };

/** Keyword operands as script values (strings are compared case-insensitively, see keywordCompare). */
const KEYWORD_VALUES: Record<string, string> = {
  method: 'ctx.msg.method',
  uri: 'ctx.ruri',
  src_ip: 'ctx.rcv.srcIp',
  src_port: 'ctx.rcv.srcPort',
  dst_ip: 'ctx.rcv.localIp',
  dst_port: 'ctx.rcv.localPort',
  proto: 'ctx.rcv.proto',
  status: 'ctx.msg.status',
  from_uri: 'ctx.msg.from.uri.toString()',
  to_uri: 'ctx.msg.to.uri.toString()',
  retcode: 'ctx.rc',
  max_len: String(MAX_LEN),
  'msg:len': 'ctx.msg.raw.length',
};

const MYSELF_TESTS: Record<string, string> = {
  uri: 'uriIsMyself',
  from_uri: 'fromUriIsMyself',
  to_uri: 'toUriIsMyself',
  src_ip: 'srcIpIsMyself',
};

export class ExpressionEmitter {
  constructor(private readonly ec: EmitContext) {}

  /** A TypeScript expression of type ScriptValue. */
  value(e: Expr): string {
    const h = this.ec.hoist;
    switch (e.kind) {
      case 'int':
        return e.value < 0 ? `(${e.value})` : String(e.value);
      case 'string':
        return JSON.stringify(e.value);
      case 'null':
        return 'null';
      case 'pv':
        return `${this.ec.pvRef(e)}.get(ctx)`;
      case 'keyword':
        return this.keywordValue(e);
      case 'word':
        return JSON.stringify(e.text);
      case 'ip':
        return JSON.stringify(e.address);
      case 'binary': {
        if (e.meaning === 'add')
          return `${h.use(VALUES, 'plus')}(${this.value(e.left)}, ${this.value(e.right)})`;
        const op = INT_OPS[e.meaning];
        if (op) return `${h.use(VALUES, 'intOp')}('${op}', ${this.value(e.left)}, ${this.value(e.right)})`;
        return `(${this.cond(e)} ? 1 : 0)`;
      }
      case 'unary':
        if (e.meaning === 'negate') return `${h.use(VALUES, 'negate')}(${this.value(e.operand)})`;
        if (e.meaning === 'bitwise-not') return `${h.use(VALUES, 'bitNot')}(${this.value(e.operand)})`;
        return `(${this.cond(e)} ? 1 : 0)`;
      case 'cast':
        return `${h.use(VALUES, e.to === 'int' ? 'castInt' : 'castStr')}(${this.value(e.operand)})`;
      case 'defined':
      case 'strempty':
        return `(${this.cond(e)} ? 1 : 0)`;
      case 'strlen':
        return `${h.use(VALUES, 'strlen')}(${this.value(e.operand)})`;
      case 'selval':
        return `(${this.cond(e.condition)} ? ${this.value(e.then)} : ${this.value(e.else)})`;
      case 'call-expr':
        return `${h.use(CONTROL, 'callValue')}(ctx, ${this.call(e.call)})`;
      case 'route-call-expr':
        return `${h.use(CONTROL, 'routeResult')}(ctx, ${this.routeCall(e.call)})`;
      case 'assign-expr':
      case 'block-expr':
        throw new GenerateError(
          `${e.kind === 'assign-expr' ? 'an assignment' : 'a block'} used as a value`,
          e.range,
        );
    }
  }

  /** A TypeScript boolean expression: the script's truthiness made explicit. */
  cond(e: Expr): string {
    const h = this.ec.hoist;
    switch (e.kind) {
      case 'binary':
        if (e.meaning === 'logical-and') return `(${this.cond(e.left)} && ${this.cond(e.right)})`;
        if (e.meaning === 'logical-or') return `(${this.cond(e.left)} || ${this.cond(e.right)})`;
        return this.comparison(e);
      case 'unary':
        if (e.meaning === 'logical-not') return `(!${this.cond(e.operand)})`;
        break;
      case 'call-expr':
        return `${h.use(CONTROL, 'callCond')}(ctx, ${this.call(e.call)})`;
      case 'route-call-expr':
        return `${h.use(CONTROL, 'truthy')}(${h.use(CONTROL, 'routeResult')}(ctx, ${this.routeCall(e.call)}))`;
      case 'defined':
        if (e.operand.kind === 'pv') return `${this.ec.pvRef(e.operand)}.isSet(ctx)`;
        return `(${this.value(e.operand)} !== null)`;
      case 'strempty':
        return `${h.use(VALUES, 'strempty')}(${this.value(e.operand)})`;
      case 'keyword':
        if (e.name === 'myself') throw new GenerateError('`myself` outside a comparison', e.range);
        break;
      default:
        break;
    }
    return `${h.use(VALUES, 'isTrue')}(${this.value(e)}, ctx.proc.returnMode)`;
  }

  private comparison(e: Binary): string {
    const h = this.ec.hoist;
    const negated =
      e.meaning === 'ne' || e.meaning === 'str-ne' || e.meaning === 'int-ne' || e.meaning === 'not-match';
    const not = (s: string): string => (negated ? `(!${s})` : s);
    const rel = RELATIONS[e.meaning];
    if (rel) return `${h.use(VALUES, 'compare')}('${rel}', ${this.value(e.left)}, ${this.value(e.right)})`;
    if (e.meaning === 'match' || e.meaning === 'not-match') {
      return not(`${this.regex(e.right)}.test(${h.use(VALUES, 'toStr')}(${this.value(e.left)}))`);
    }
    if (e.meaning === 'eq' || e.meaning === 'ne') {
      // `myself == uri` is `uri == myself` written the other way round.
      if (e.left.kind === 'keyword' && e.left.name === 'myself' && e.right.kind === 'keyword')
        return not(this.keywordEquals(e.right, e.left));
      if (e.left.kind === 'keyword') return not(this.keywordEquals(e.left, e.right));
      return not(`${h.use(VALUES, 'looseEquals')}(${this.value(e.left)}, ${this.value(e.right)})`);
    }
    if (e.meaning === 'str-eq' || e.meaning === 'str-ne')
      return not(`${h.use(VALUES, 'strEquals')}(${this.value(e.left)}, ${this.value(e.right)})`);
    if (e.meaning === 'int-eq' || e.meaning === 'int-ne')
      return not(`${h.use(VALUES, 'intEquals')}(${this.value(e.left)}, ${this.value(e.right)})`);
    return `${h.use(VALUES, 'isTrue')}(${this.value(e)}, ctx.proc.returnMode)`;
  }

  /** `uri == myself`, `method == "INVITE"` (case-insensitive), `src_ip == 10.0.0.0/8`, `status == 200`. */
  private keywordEquals(left: KeywordOperand, right: Expr): string {
    const h = this.ec.hoist;
    if (right.kind === 'keyword' && right.name === 'myself') {
      const test = MYSELF_TESTS[left.name];
      if (!test) throw new GenerateError(`\`${left.name} == myself\` is not supported`, left.range);
      return `${h.use(KEYWORDS, test)}(ctx)`;
    }
    if (left.name === 'method')
      return `${h.use(KEYWORDS, 'methodIs')}(ctx, ${h.use(VALUES, 'toStr')}(${this.value(right)}))`;
    if ((left.name === 'src_ip' || left.name === 'dst_ip') && right.kind === 'ip') {
      const net = right.mask ? `${right.address}/${right.mask.replace(/^\//, '')}` : right.address;
      return `${h.use(KEYWORDS, 'ipMatches')}(${this.keywordValue(left)}, ${JSON.stringify(net)})`;
    }
    if (
      left.name === 'status' ||
      left.name === 'src_port' ||
      left.name === 'dst_port' ||
      left.name === 'retcode'
    )
      return `${h.use(VALUES, 'intEquals')}(${this.keywordValue(left)}, ${this.value(right)})`;
    const toStr = h.use(VALUES, 'toStr');
    return `${h.use(VALUES, 'keywordEquals')}(${toStr}(${this.keywordValue(left)}), ${toStr}(${this.value(right)}))`;
  }

  private keywordValue(e: KeywordOperand): string {
    const v = KEYWORD_VALUES[e.name];
    if (!v)
      throw new GenerateError(
        `the keyword \`${e.name}\` is not supported by the code generator yet`,
        e.range,
      );
    return v;
  }

  /** A regex operand: literals are compiled once at module level; others per evaluation. */
  regex(e: Expr): string {
    const h = this.ec.hoist;
    if (e.kind === 'string') {
      const compile = h.use(`${SCRIPT}/regex.js`, 'compilePosixRegex');
      return h.constant('re', `${compile}(${JSON.stringify(e.value)}, { icase: true })`, e.range);
    }
    return `${h.use(`${SCRIPT}/regex.js`, 'compilePosixRegex')}(${h.use(VALUES, 'toStr')}(${this.value(e)}), { icase: true })`;
  }

  call(c: Call): string {
    return this.ec.callExpression(c, this);
  }

  routeCall(c: RouteCall): string {
    return this.ec.routeCallExpression(c);
  }

  pv(p: Pv): string {
    return this.ec.pvRef(p);
  }
}
