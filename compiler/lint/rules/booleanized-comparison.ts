// SERC3202: `if (route(X) == -2)`: a call inside an expression is booleanized to 0/1 first, so the
// comparison can never be true (or never false).
import type { Expr } from '../../ast.js';
import type { LintRule } from '../rule.js';
import { forEachRouteExpr } from './util.js';

function intValue(e: Expr): number | undefined {
  if (e.kind === 'int') return e.value;
  if (e.kind === 'unary' && e.meaning === 'negate' && e.operand.kind === 'int') return -e.operand.value;
  return undefined;
}

function callName(e: Expr): string | undefined {
  if (e.kind === 'call-expr') return `${e.call.name}()`;
  if (e.kind === 'route-call-expr') return `route(${e.call.name ?? '…'})`;
  return undefined;
}

const EQ = new Set(['eq', 'int-eq', 'str-eq']);
const NE = new Set(['ne', 'int-ne', 'str-ne']);

export const booleanizedComparison: LintRule = {
  code: 'SERC3202',
  id: 'booleanized-comparison',
  category: 'flow',
  severity: 'warning',
  title: 'comparison of a booleanized call result',
  description:
    'A function call or `route()` inside a larger expression is converted to true/false (1/0) before the comparison, so `route(X) == -2` is never true and `f() != -1` always is. Kamailio documents this pitfall.',
  hint: 'call it as a statement, then compare $rc: route(X); if ($rc == -2) …',
  example: {
    bad: 'request_route { if (route(A) == -2) exit; }\nroute[A] { return -2; }',
    good: 'request_route { route(A); if ($rc == -2) exit; }\nroute[A] { return -2; }',
  },
  run(ctx) {
    forEachRouteExpr(ctx.model, (e) => {
      if (e.kind !== 'binary' || (!EQ.has(e.meaning) && !NE.has(e.meaning))) return;
      const pairs: [Expr, Expr][] = [
        [e.left, e.right],
        [e.right, e.left],
      ];
      for (const [call, lit] of pairs) {
        const name = callName(call);
        const v = intValue(lit);
        if (name === undefined || v === undefined || v === 0 || v === 1) continue;
        const verdict = EQ.has(e.meaning) ? 'never true' : 'always true';
        ctx.report(`${name} is booleanized to 0 or 1 here, so comparing it with ${v} is ${verdict}`, e.range);
        return;
      }
    });
  },
};
