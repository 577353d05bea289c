// SERC3001: a sub-route or callback block that nothing names is dead code (or a typo elsewhere).
import { routeLabel, staticName } from '../../bind.js';
import type { Expr } from '../../ast.js';
import type { LintRule, RuleContext } from '../rule.js';
import { forEachRouteExpr, forEachRouteStatement } from './util.js';

export const unusedRoute: LintRule = {
  code: 'SERC3001',
  id: 'unused-route',
  category: 'names',
  severity: 'warning',
  title: 'route block is never used',
  description:
    'A `route[X]`, `failure_route[X]`, `onreply_route[X]` or `branch_route[X]` that no `route()`/`t_on_*()` call names and no string in the script mentions. It never runs.',
  hint: 'call it, or delete it',
  example: {
    bad: 'request_route { exit; }\nroute[OLD] { exit; }',
    good: 'request_route { route(OLD); }\nroute[OLD] { exit; }',
  },
  run(ctx) {
    // Names can also be given in strings (modparam("tm", "on_sl_reply", "X"), rtimer "route=X"):
    // any word of any string literal counts as a use.
    const words = new Set<string>();
    const addWords = (e: Expr): void => {
      if (e.kind === 'string') for (const w of e.value.split(/[^\w:.-]+/)) if (w) words.add(w);
    };
    for (const item of ctx.script.items) if (item.kind === 'modparam') addWords(item.value);
    forEachRouteExpr(ctx.model, addWords);
    const dynamic = new Set<string>();
    for (const b of ctx.model.calls) {
      if (b.call.name.startsWith('t_on_') && b.call.args.some((a) => staticName(a) === undefined))
        dynamic.add(b.call.name);
    }
    const hasDynamicRoute = hasDynamicRouteCall(ctx);
    for (const r of ctx.model.routes) {
      if (r.name === undefined || r.references.length > 0 || words.has(r.name)) continue;
      if (!['request', 'failure', 'onreply', 'branch'].includes(r.type)) continue;
      if (r.type === 'request' && hasDynamicRoute) continue;
      if (r.type !== 'request' && dynamic.size > 0) continue;
      ctx.report(`${routeLabel(r)} is never used`, r.block.nameRange ?? r.block.range);
    }
  },
};

/** `route($var(x))`: any sub-route may be called, so none is reported as unused. */
function hasDynamicRouteCall(ctx: RuleContext): boolean {
  let found = false;
  forEachRouteStatement(ctx.model, (s) => {
    if (s.kind === 'route-call' && s.name === undefined) found = true;
  });
  return found;
}
