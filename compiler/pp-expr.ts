// Evaluator for #!ifexp / #!defexp expressions (Kamailio's snexpr): numbers, strings, define names
// (undefined → 0, defined without value → 1, else its value with quotes stripped), C operators.

type Value = number | string;

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};

const TOKEN =
  /\s*(\d+|"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z_]\w*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!<>()~])/y;

/** Returns undefined when the expression cannot be parsed or evaluated. */
export function evalPpExpression(text: string, defines: Map<string, string | undefined>): Value | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  const src = text.replace(/\s+$/, '');
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m?.[1]) return undefined;
    tokens.push(m[1]);
  }
  let pos = 0;
  const peek = (): string | undefined => tokens[pos];

  const primary = (): Value | undefined => {
    const t = tokens[pos++];
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = expr(0);
      if (tokens[pos++] !== ')') return undefined;
      return v;
    }
    if (t === '!' || t === '-' || t === '~') {
      const v = primary();
      if (v === undefined) return undefined;
      const n = toNumber(v);
      return t === '!' ? (truthy(v) ? 0 : 1) : t === '-' ? -n : ~n;
    }
    if (/^\d/.test(t)) return Number(t);
    if (/^["']/.test(t)) return t.slice(1, -1);
    if (!defines.has(t)) return 0;
    const value = defines.get(t);
    if (value === undefined) return 1;
    const unq = value.replace(/^"(.*)"$/s, '$1');
    return /^-?\d+$/.test(unq) ? Number(unq) : unq;
  };

  const expr = (min: number): Value | undefined => {
    let left = primary();
    for (;;) {
      const op = peek();
      const power = op === undefined ? undefined : BINARY[op];
      if (left === undefined || op === undefined || power === undefined || power <= min) break;
      pos++;
      const right = expr(op === '**' ? power - 1 : power);
      if (right === undefined) return undefined;
      left = apply(op, left, right);
      if (left === undefined) return undefined;
    }
    return left;
  };

  const v = expr(0);
  return pos === tokens.length ? v : undefined;
}

function toNumber(v: Value): number {
  return typeof v === 'number' ? v : Number.parseInt(v, 10) || 0;
}

function truthy(v: Value): boolean {
  return typeof v === 'number' ? v !== 0 : v !== '';
}

/** The left operand's type decides (string concatenation / comparison vs arithmetic). */
function apply(op: string, a: Value, b: Value): Value | undefined {
  if (op === '&&') return truthy(a) && truthy(b) ? 1 : 0;
  if (op === '||') return truthy(a) || truthy(b) ? 1 : 0;
  if (typeof a === 'string') {
    const bs = String(b);
    switch (op) {
      case '+':
        return a + bs;
      case '==':
        return a === bs ? 1 : 0;
      case '!=':
        return a !== bs ? 1 : 0;
      case '<':
        return a < bs ? 1 : 0;
      case '>':
        return a > bs ? 1 : 0;
      case '<=':
        return a <= bs ? 1 : 0;
      case '>=':
        return a >= bs ? 1 : 0;
      default:
        return undefined;
    }
  }
  const x = a;
  const y = toNumber(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : Math.trunc(x / y);
    case '%':
      return y === 0 ? undefined : x % y;
    case '**':
      return x ** y;
    case '<<':
      return x << y;
    case '>>':
      return x >> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    case '==':
      return x === y ? 1 : 0;
    case '!=':
      return x !== y ? 1 : 0;
    case '<':
      return x < y ? 1 : 0;
    case '>':
      return x > y ? 1 : 0;
    case '<=':
      return x <= y ? 1 : 0;
    case '>=':
      return x >= y ? 1 : 0;
    default:
      return undefined;
  }
}
