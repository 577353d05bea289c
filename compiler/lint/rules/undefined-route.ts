// SERC2002: route(X) names no route[X]; Kamailio only notices at full start (fix_rls), not with -c.
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const undefinedRoute: LintRule = {
  code: 'SERC2002',
  id: 'undefined-route',
  category: 'names',
  severity: 'error',
  title: 'route(…) names a route that does not exist',
  description:
    '`route(X)` calls a sub-route that is not defined (also when X comes from a `#!define`). `kamailio -c` does not see this; the server fails at start.',
  hint: 'define the route block or fix the name',
  example: {
    bad: 'request_route { route(AUTH); }',
    good: 'request_route { route(AUTH); }\nroute[AUTH] { return; }',
  },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2002');
  },
};
