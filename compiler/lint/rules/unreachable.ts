// SERC2005: statements after exit/drop/return/break (or an if whose branches all end the route).
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

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
    reportFrontChecks(ctx, 'SERC2005');
  },
};
