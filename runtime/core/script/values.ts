// Script values and their coercions (LANGUAGE.md §7 E7–E9, E16). A value is an integer, a string or
// null (unset AVP, `$null`). Integers are C `long` in Kamailio; JS numbers hold them exactly up to
// 2^53, which covers every value scripts compute in practice, so arithmetic truncates with Math.trunc.

export type ScriptValue = number | string | null;

/** Raised for run-time expression errors (division by zero); the expression fails. */
export class ScriptValueError extends Error {}

const INT_RE = /^\s*[+-]?\d+\s*$/;

/** str→int as Kamailio converts it: "123" → 123; "", "abc" and partial numbers → 0. */
export function toInt(v: ScriptValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return Math.trunc(v);
  if (!INT_RE.test(v)) return 0;
  return Math.trunc(Number(v));
}

/** Whether a string holds exactly an integer (is_int(), `(int)` casts that must not lose data). */
export function isIntString(v: string): boolean {
  return INT_RE.test(v);
}

/** int→str; null → "" (undefined values print empty in concatenation). */
export function toStr(v: ScriptValue): string {
  if (v === null) return '';
  return typeof v === 'number' ? String(Math.trunc(v)) : v;
}

/** `+`: the left operand's type decides; undefined on the left counts as "". */
export function plus(a: ScriptValue, b: ScriptValue): ScriptValue {
  if (typeof a === 'number') return Math.trunc(a + toInt(b));
  return toStr(a) + toStr(b);
}

export type IntOp = '-' | '*' | '/' | 'mod' | '%' | '&' | '|' | '^' | '<<' | '>>';

/** Integer arithmetic/bitwise operators (operands converted to int). */
export function intOp(op: IntOp, a: ScriptValue, b: ScriptValue): number {
  const x = toInt(a);
  const y = toInt(b);
  switch (op) {
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw new ScriptValueError('division by zero');
      return Math.trunc(x / y);
    case 'mod':
    case '%':
      if (y === 0) throw new ScriptValueError('modulo by zero');
      return x % y;
    case '&':
      return Number(BigInt(x) & BigInt(y));
    case '|':
      return Number(BigInt(x) | BigInt(y));
    case '^':
      return Number(BigInt(x) ^ BigInt(y));
    case '<<':
      return Number(BigInt.asIntN(64, BigInt(x) << BigInt(y)));
    case '>>':
      return Number(BigInt(x) >> BigInt(y));
  }
}

export function negate(a: ScriptValue): number {
  return -toInt(a);
}

export function bitNot(a: ScriptValue): number {
  return Number(~BigInt(toInt(a)));
}

/**
 * `==` (K3+): the left operand's type decides; string comparison is case-sensitive. An undefined
 * left operand takes the right one's type; undefined == undefined is true.
 */
export function looseEquals(a: ScriptValue, b: ScriptValue): boolean {
  if (a === null && b === null) return true;
  if (a === null) return typeof b === 'number' ? b === 0 : b === '';
  if (typeof a === 'number') return a === toInt(b);
  return a === toStr(b);
}

/** `eq`: forced string comparison. */
export function strEquals(a: ScriptValue, b: ScriptValue): boolean {
  if (a === null || b === null) return a === b;
  return toStr(a) === toStr(b);
}

/** `ieq`: forced integer comparison. */
export function intEquals(a: ScriptValue, b: ScriptValue): boolean {
  return toInt(a) === toInt(b);
}

/** `method == "invite"`-style keyword comparisons: case-insensitive. */
export function keywordEquals(a: string, b: string): boolean {
  return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

export type Relation = '<' | '>' | '<=' | '>=';

/** `< > <= >=`: integer comparison (strings converted). */
export function compare(op: Relation, a: ScriptValue, b: ScriptValue): boolean {
  const x = toInt(a);
  const y = toInt(b);
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

/** `if (v)` truthiness (E16): ints > 0 are true (negative false); strings via int conversion. */
export function isTrue(v: ScriptValue, returnMode = 0): boolean {
  const n = toInt(v);
  return returnMode === 1 ? n !== 0 : n > 0;
}

/** `(int)` and `(str)` casts. */
export function castInt(v: ScriptValue): number {
  return toInt(v);
}
export function castStr(v: ScriptValue): string {
  return toStr(v);
}

/** `strlen(e)` and `strempty(e)`. */
export function strlen(v: ScriptValue): number {
  return toStr(v).length;
}
export function strempty(v: ScriptValue): boolean {
  return toStr(v).length === 0;
}
