// AVPs: named stacks of values living with one message and then its transaction. Assigning pushes a
// value on top; `$(avp(x)[*]) = v` replaces them all; `= $null` deletes the top one (all with [*]).
// Index 0 is the most recently added value; negative indexes count from the oldest (-1).
import type { ScriptValue } from './values.js';

/**
 * Canonical AVP key: `s:name` and bare names are string names, `i:80` and bare numbers (OpenSIPS
 * `$avp(11)`) integer ids. SER attributes use their full name (`f.did`, `t.uid`, `name`).
 */
export function avpKey(name: string): string {
  const n = name.trim();
  if (/^i:\s*\d+$/.test(n)) return 'i:' + n.slice(2).trim();
  if (/^\d+$/.test(n)) return 'i:' + n;
  if (n.startsWith('s:')) return n.slice(2);
  return n;
}

export class AvpStore {
  private readonly stacks = new Map<string, ScriptValue[]>();

  /** `$avp(x) = v`: adds on top. A null value deletes the top value instead. */
  assign(name: string, value: ScriptValue): void {
    if (value === null) {
      this.deleteTop(name);
      return;
    }
    const key = avpKey(name);
    const list = this.stacks.get(key);
    if (list) list.unshift(value);
    else this.stacks.set(key, [value]);
  }

  /** `$(avp(x)[*]) = v`: replaces every value (null deletes them all). */
  replaceAll(name: string, value: ScriptValue): void {
    const key = avpKey(name);
    if (value === null) this.stacks.delete(key);
    else this.stacks.set(key, [value]);
  }

  /** `$(avp(x)[n]) = v`: overwrites the n-th value (null removes it); false when there is none. */
  setAt(name: string, index: number, value: ScriptValue): boolean {
    const key = avpKey(name);
    const list = this.stacks.get(key);
    if (!list) return false;
    const i = index < 0 ? list.length + index : index;
    if (i < 0 || i >= list.length) return false;
    if (value === null) list.splice(i, 1);
    else list[i] = value;
    if (list.length === 0) this.stacks.delete(key);
    return true;
  }

  deleteTop(name: string): void {
    const key = avpKey(name);
    const list = this.stacks.get(key);
    if (!list) return;
    list.shift();
    if (list.length === 0) this.stacks.delete(key);
  }

  deleteAll(name: string): void {
    this.stacks.delete(avpKey(name));
  }

  /** Value at index (0 = top); null when absent. */
  get(name: string, index = 0): ScriptValue {
    const list = this.stacks.get(avpKey(name));
    if (!list) return null;
    const i = index < 0 ? list.length + index : index;
    return list[i] ?? null;
  }

  /** All values, top first. */
  getAll(name: string): readonly ScriptValue[] {
    return this.stacks.get(avpKey(name)) ?? [];
  }

  count(name: string): number {
    return this.stacks.get(avpKey(name))?.length ?? 0;
  }

  has(name: string): boolean {
    return this.stacks.has(avpKey(name));
  }

  /** Copy for a transaction (the request's AVPs become visible in failure/onreply/branch routes). */
  clone(): AvpStore {
    const copy = new AvpStore();
    for (const [k, v] of this.stacks) copy.stacks.set(k, [...v]);
    return copy;
  }
}
