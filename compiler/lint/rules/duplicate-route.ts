// SERC2001: two blocks with the same kind and name; Kamailio refuses to start, serc keeps the first.
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const duplicateRoute: LintRule = {
  code: 'SERC2001',
  id: 'duplicate-route',
  category: 'names',
  severity: 'error',
  title: 'duplicate route block',
  description:
    'Two route blocks of the same kind share a name. Kamailio and OpenSIPS refuse to start; which body would run is undefined.',
  hint: 'rename one of the blocks or merge their bodies',
  example: { bad: 'route[A] { exit; }\nroute[A] { drop; }', good: 'route[A] { exit; }\nroute[B] { drop; }' },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2001');
  },
};
