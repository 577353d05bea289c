// What stops a script from being compiled when the module-aware checker has nothing to say (or is
// not available): modules and functions serc's runtime lacks, unknown functions, wrong arities.
// One diagnostic per distinct name, at its first use.
import type { Script } from '../ast.js';
import { registerCodes, type Diagnostic } from '../diagnostics.js';
import type { Dialect } from '../../runtime/modules/registry.js';
import { CallResolver, unimplementedModule } from './resolve.js';
import { forEachNode } from './walk.js';

registerCodes({
  SERC5001: { title: 'construct not supported by the code generator', severity: 'error' },
  SERC5002: { title: 'function not available to compiled scripts', severity: 'error' },
  SERC5003: { title: 'module not implemented by serc', severity: 'error' },
  SERC5004: { title: 'wrong number of parameters', severity: 'error' },
});

export function compileBlockers(script: Script): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const called = new Set<string>();
  forEachNode(script, (n) => {
    if (n.kind === 'call') called.add(n.name);
  });
  const configured = new Set(script.items.flatMap((i) => (i.kind === 'modparam' ? i.modules : [])));
  const used = (functions: readonly string[], module: string): boolean =>
    configured.has(module) || functions.some((f) => called.has(f));
  for (const item of script.items) {
    if (item.kind !== 'loadmodule') continue;
    const problem = unimplementedModule(item.module, used);
    if (!problem || seen.has(`m:${item.module}`)) continue;
    seen.add(`m:${item.module}`);
    out.push({ severity: 'error', code: 'SERC5003', message: problem, range: item.range });
  }
  const resolver = new CallResolver(script, script.dialect.era as Dialect);
  forEachNode(script, (n) => {
    if (n.kind !== 'call' || seen.has(`f:${n.name}`)) return;
    const r = resolver.resolve(n);
    if (r.ok) return;
    seen.add(`f:${n.name}`);
    const code = r.reason === 'arity' ? 'SERC5004' : 'SERC5002';
    out.push({ severity: 'error', code, message: r.detail, range: n.nameRange });
  });
  return out;
}
