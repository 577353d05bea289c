// Small helpers shared by several rules.
import type { Expr, Statement } from '../../ast.js';
import type { SemanticModel } from '../../bind.js';
import { walkStatement } from '../walk.js';
import { listCatalog, listModules } from '../../../runtime/modules/registry.js';

/** Every statement of every route block. */
export function forEachRouteStatement(model: SemanticModel, fn: (s: Statement) => void): void {
  for (const r of model.routes) walkStatement(r.block.body, { statement: fn });
}

/** Every expression of every route block. */
export function forEachRouteExpr(model: SemanticModel, fn: (e: Expr) => void): void {
  for (const r of model.routes) walkStatement(r.block.body, { expr: fn });
}

export function isNumericText(s: string): boolean {
  return /^\s*[-+]?(0x[0-9a-f]+|\d+)\s*$/i.test(s);
}

/** A string literal whose text is exactly one pseudo-variable (`"$var(x)"`). */
export function isLonePvString(e: Expr): boolean {
  return e.kind === 'string' && /^\$(\([^)]*\)+|[A-Za-z_][\w.]*(\([^)]*\))?(\[[^\]]*\])?)$/.test(e.value);
}

/** Every function name serc knows (implemented modules and the catalog), for "did you mean". */
export function knownFunctionNames(): string[] {
  const names = new Set<string>();
  for (const m of listModules())
    for (const f of m.functions) for (const n of [f.name, ...(f.aliases ?? [])]) names.add(n);
  for (const c of listCatalog()) for (const f of c.functions) names.add(f);
  return [...names];
}

export function knownModuleNames(): string[] {
  const names = new Set<string>();
  for (const m of listModules()) if (m.name !== 'core') names.add(m.name);
  for (const c of listCatalog()) names.add(c.name);
  return [...names];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
