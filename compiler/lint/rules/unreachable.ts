// SERC2005: statements after exit/drop/return/break (or an if whose branches all end the route).
import type { Statement } from '../../ast.js';
import type { LintRule } from '../rule.js';
import { walkStatement } from '../walk.js';

/** Whether control never falls through `s` to the next statement of the same list. */
export function alwaysLeaves(s: Statement): boolean {
  switch (s.kind) {
    case 'exit':
    case 'drop':
    case 'return':
    case 'break':
      return true;
    case 'block':
      return s.body.some(alwaysLeaves);
    case 'if':
      return s.else !== undefined && alwaysLeaves(s.then) && alwaysLeaves(s.else);
    default:
      return false;
  }
}

export const unreachable: LintRule = {
  code: 'SERC2005',
  id: 'unreachable',
  category: 'flow',
  severity: 'warning',
  title: 'unreachable statement',
  description:
    'A statement follows `exit`, `drop`, `return`, `break`, or an `if`/`else` whose branches all leave the route, so it can never run.',
  hint: 'remove it, or move it before the statement that leaves the route',
  example: { bad: 'request_route { exit; xlog("never"); }', good: 'request_route { xlog("once"); exit; }' },
  run(ctx) {
    const checkList = (list: readonly Statement[]): void => {
      const i = list.findIndex(alwaysLeaves);
      const next = i < 0 ? undefined : list.slice(i + 1).find((s) => s.kind !== 'empty');
      if (next)
        ctx.report('unreachable statement', next.range, {
          secondary: [{ range: (list[i] as Statement).range, label: 'control leaves here' }],
        });
    };
    for (const r of ctx.model.routes) {
      walkStatement(r.block.body, {
        statement: (s) => {
          if (s.kind === 'block') checkList(s.body);
          else if (s.kind === 'switch') for (const c of s.cases) checkList(c.body);
        },
      });
    }
  },
};
