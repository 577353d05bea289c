// $var (per process, sticky across messages, init 0) and $shv (shared by all workers, init 0).
// serc runs one worker per process, so both are maps owned by a long-lived object that every
// ScriptContext of the process references.
import type { ScriptValue } from './values.js';

export class VarStore {
  private readonly values = new Map<string, number | string>();

  get(name: string): number | string {
    return this.values.get(name) ?? 0;
  }

  /** `$null` stores 0: a $var is never undefined. */
  set(name: string, value: ScriptValue): void {
    this.values.set(name, value === null ? 0 : value);
  }

  /** pv_unset($var(x)): back to the initial 0. */
  unset(name: string): void {
    this.values.delete(name);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }
}

/** Parses a `shvset`/`varset` modparam value: `name=i:1` or `name=s:text`. */
export function parseVarInit(spec: string): { name: string; value: number | string } {
  const m = /^\s*([^=\s]+)\s*=\s*([is]):(.*)$/s.exec(spec);
  if (!m)
    throw new Error(`bad variable initialiser ${JSON.stringify(spec)}: expected name=i:N or name=s:text`);
  const name = m[1] as string;
  const raw = m[3] as string;
  if (m[2] === 'i') {
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new Error(`bad integer in ${JSON.stringify(spec)}`);
    return { name, value: Number(raw) };
  }
  return { name, value: raw };
}

export function applyVarInits(store: VarStore, specs: Iterable<string>): void {
  for (const s of specs) {
    const { name, value } = parseVarInit(s);
    store.set(name, value);
  }
}
