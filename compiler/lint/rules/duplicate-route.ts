// SERC2001: two blocks with the same kind and name; Kamailio refuses to start, serc keeps the first.
import { routeLabel } from '../../bind.js';
import type { LintRule } from '../rule.js';

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
    const first = new Map<string, (typeof ctx.model.routes)[number]>();
    for (const r of ctx.model.routes) {
      const prev = first.get(r.key);
      if (!prev) {
        first.set(r.key, r);
        continue;
      }
      ctx.report(`${routeLabel(r)} is defined twice`, r.block.nameRange ?? r.block.range, {
        secondary: [{ range: prev.block.nameRange ?? prev.block.range, label: 'first defined here' }],
      });
    }
  },
};
