// SERC2003: t_on_failure/t_on_reply/t_on_branch/t_on_branch_failure arm a route that does not exist.
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const undefinedCallbackRoute: LintRule = {
  code: 'SERC2003',
  id: 'undefined-callback-route',
  category: 'names',
  severity: 'error',
  title: 't_on_*(…) names a route that does not exist',
  description:
    'A tm callback (`t_on_failure`, `t_on_reply`, `t_on_branch`, `t_on_branch_failure`) names a block that is not defined. Kamailio only warns at run time ("empty/non existing route") and the callback silently never runs.',
  hint: 'define the block or fix the name',
  example: {
    bad: 'request_route { t_on_failure("MISSED"); t_relay(); }',
    good: 'request_route { t_on_failure("MISSED"); t_relay(); }\nfailure_route[MISSED] { exit; }',
  },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2003');
  },
};
