// SERC2007: an action the enclosing route block does not allow (route() in onsend_route, snd_* outside it).
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const routeBlockAction: LintRule = {
  code: 'SERC2007',
  id: 'route-block-action',
  category: 'flow',
  severity: 'error',
  title: 'action not allowed in this route block',
  description:
    'Kamailio refuses `route()` inside `onsend_route`, and the `snd_ip`/`snd_port`/`snd_proto`/`snd_af` keywords anywhere else: they describe a send that only `onsend_route` knows about.',
  hint: 'move the action to a block that allows it',
  example: {
    bad: 'request_route { if (snd_port == 5060) { drop; } }',
    good: 'request_route { exit; }\nonsend_route { if (snd_port == 5060) { drop; } }',
  },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2007');
  },
};
