// SERC3203: `return 0` in a sub-route ends the whole script, not just the sub-route.
import type { LintRule } from '../rule.js';
import { walkStatement } from '../walk.js';

export const returnZero: LintRule = {
  code: 'SERC3203',
  id: 'return-zero',
  category: 'flow',
  severity: 'warning',
  title: 'return 0 exits the whole script',
  description:
    'In every dialect with `return`, a route returning 0 stops the processing of the message (like `exit`), including in sub-routes where the author usually meant "false".',
  hint: 'return -1 for false, or write exit if stopping is intended',
  example: {
    bad: 'request_route { if (!route(CHECK)) exit; }\nroute[CHECK] { return 0; }',
    good: 'request_route { if (!route(CHECK)) exit; }\nroute[CHECK] { return -1; }',
  },
  run(ctx) {
    for (const r of ctx.model.routes) {
      if (r.isRoot) continue;
      walkStatement(r.block.body, {
        statement: (s) => {
          if (s.kind === 'return' && s.value?.kind === 'int' && s.value.value === 0)
            ctx.report('return 0 ends the processing of the message, not only this sub-route', s.range);
        },
      });
    }
  },
};
