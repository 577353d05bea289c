// The types a script's core params and modparams must satisfy, rendered once from the registry into
// runtime/engine/params-types.ts (scripts/gen-params-types.ts), so each generated module imports them
// instead of repeating 150+ lines of types. test/compile/params-types.test.ts checks the file is current.
import { listCoreParams, listModules, type CoreParamType } from '../../runtime/modules/registry.js';

const CORE_TS: Record<CoreParamType, string> = {
  int: 'number',
  bool: 'number | boolean',
  str: 'string',
  id: 'string',
  addr: 'string',
  addrlist: 'string',
  path: 'string',
};

/** Names written as object keys: identifiers bare, anything else quoted. */
export function safeKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`;
}

function arrayOf(t: string): string {
  return t.includes(' ') ? `readonly (${t})[]` : `readonly ${t}[]`;
}

/** The text of runtime/engine/params-types.ts. */
export function renderParamsTypes(): string {
  const lines = [
    '// Generated from the module registry by `npx tsx scripts/gen-params-types.ts`: do not edit.',
    '// The types the core params and modparams of a compiled script satisfy (generated modules import them).',
    '',
    '/** Core parameters as a script sets them. */',
    'export interface ScriptCoreParams {',
  ];
  for (const d of listCoreParams()) {
    const t = CORE_TS[d.type];
    const many = d.repeatable === true || d.name === 'listen' || d.name === 'alias';
    lines.push(`  readonly ${safeKey(d.name)}?: ${many ? arrayOf(t) : t};`);
  }
  lines.push('}', '', '/** Module parameters per module (time units as the dialect reads them). */');
  lines.push('export interface ScriptModparams {');
  for (const m of listModules()) {
    if (m.params.length === 0) continue;
    lines.push(`  readonly ${safeKey(m.name)}?: {`);
    for (const p of m.params) {
      const t = p.type === 'int' ? 'number' : 'string';
      lines.push(`    readonly ${safeKey(p.name)}?: ${p.repeatable ? arrayOf(t) : t};`);
    }
    lines.push('  };');
  }
  lines.push('}', '');
  return lines.join('\n');
}
