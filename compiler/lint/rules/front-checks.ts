// The module-independent checks of compiler/check.ts, run once per script and shared by the rules
// that wrap them (SERC2001–SERC2006), so lint and `serc check` report those problems identically.
import type { Script } from '../../ast.js';
import { checkScript } from '../../check.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { RuleContext } from '../rule.js';

const cache = new WeakMap<Script, Diagnostic[]>();

function frontChecks(script: Script): Diagnostic[] {
  let found = cache.get(script);
  if (!found) {
    found = checkScript(script);
    cache.set(script, found);
  }
  return found;
}

/** Reports, as the calling rule, every check.ts diagnostic with `code`. */
export function reportFrontChecks(ctx: RuleContext, code: string): void {
  for (const d of frontChecks(ctx.script)) {
    if (d.code !== code) continue;
    ctx.report(d.message, d.range, {
      ...(d.hint ? { hint: d.hint } : {}),
      ...(d.secondary ? { secondary: d.secondary } : {}),
      severity: d.severity,
    });
  }
}
