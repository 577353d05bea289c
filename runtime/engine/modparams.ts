// Module parameters as the engine reads them: the script's value, else the descriptor's default for
// the dialect (descriptors are the single source of truth), with `-m module.param=value` overrides.
import { findModparam, findModule, modparamDefault, modparamToMs } from '../modules/registry.js';
import type { Dialect } from '../modules/types.js';
import type { CompiledScript, ModparamValue } from './script.js';

type ModparamMap = Record<string, Record<string, ModparamValue | readonly ModparamValue[]>>;

export class ModparamError extends Error {}

/**
 * Applies `-m module.param=value` overrides (later ones win). Values are typed by the descriptor:
 * an int parameter must be an integer. Unknown modules or parameters are errors.
 */
export function applyModparamOverrides(script: CompiledScript, overrides: readonly string[]): CompiledScript {
  if (overrides.length === 0) return script;
  const next: ModparamMap = {};
  for (const [mod, params] of Object.entries(script.modparams ?? {})) next[mod] = { ...params };
  for (const text of overrides) {
    const m = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)=(.*)$/s.exec(text);
    if (!m) throw new ModparamError(`bad -m value ${JSON.stringify(text)}: expected module.param=value`);
    const [, mod, name, raw] = m as unknown as [string, string, string, string];
    const module = findModule(mod);
    if (!module) throw new ModparamError(`-m ${text}: unknown module ${mod}`);
    const desc = findModparam(mod, name);
    if (!desc) throw new ModparamError(`-m ${text}: module ${module.name} has no parameter ${name}`);
    let value: ModparamValue = raw;
    if (desc.type === 'int') {
      if (!/^[+-]?\d+$/.test(raw.trim())) throw new ModparamError(`-m ${text}: ${name} needs an integer`);
      value = Number(raw.trim());
    }
    const bucket = (next[module.name] ??= {});
    bucket[name] = desc.repeatable ? [...asList(bucket[name]), value] : value;
  }
  return { ...script, modparams: next };
}

function asList(v: ModparamValue | readonly ModparamValue[] | undefined): readonly ModparamValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly ModparamValue[]) : [v as ModparamValue];
}

/** Reads one module's parameters with descriptor defaults. */
export class ModuleParams {
  private readonly given: Readonly<Record<string, ModparamValue | readonly ModparamValue[]>>;

  constructor(
    readonly module: string,
    readonly dialect: Dialect,
    script: CompiledScript,
  ) {
    this.given = script.modparams?.[module] ?? {};
  }

  /** True when the script (or an override) set the parameter. */
  has(name: string): boolean {
    return this.given[name] !== undefined;
  }

  raw(name: string): ModparamValue | null {
    const v = this.given[name];
    if (v !== undefined)
      return Array.isArray(v) ? ((v as readonly ModparamValue[]).at(-1) ?? null) : (v as ModparamValue);
    const desc = findModparam(this.module, name);
    return desc ? modparamDefault(desc, this.dialect) : null;
  }

  int(name: string): number {
    const v = this.raw(name);
    if (v === null) throw new ModparamError(`${this.module}.${name} has no value`);
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new ModparamError(`${this.module}.${name} is not a number: ${String(v)}`);
    return Math.trunc(n);
  }

  str(name: string): string | undefined {
    const v = this.raw(name);
    return v === null ? undefined : String(v);
  }

  /** A time parameter in milliseconds, read in the dialect's unit (tm timers). */
  ms(name: string): number {
    const desc = findModparam(this.module, name);
    if (!desc) throw new ModparamError(`${this.module} has no parameter ${name}`);
    return modparamToMs(desc, this.int(name), this.dialect);
  }

  list(name: string): readonly ModparamValue[] {
    return asList(this.given[name]);
  }
}
