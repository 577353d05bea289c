// Calls the generator cannot bind, as diagnostics before generation starts: a backstop behind the
// module-aware checker (compiler/lint), which reports modules and functions the runtime lacks first.
// One diagnostic per distinct name, at its first use.
import type { Script } from '../ast.js';
import { registerCodes, type Diagnostic } from '../diagnostics.js';
import type { Dialect } from '../../runtime/modules/registry.js';
import { CallResolver } from './resolve.js';
import { forEachNode } from './walk.js';

registerCodes({
  SERC5001: { title: 'construct not supported by the code generator', severity: 'error' },
  SERC5002: { title: 'function not available to compiled scripts', severity: 'error' },
  SERC5004: { title: 'wrong number of parameters', severity: 'error' },
  SERC5005: { title: 'route block the engine does not run', severity: 'warning' },
});

export function compileBlockers(script: Script): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
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
