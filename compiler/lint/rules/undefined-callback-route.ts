// SERC2003: t_on_failure/t_on_reply/t_on_branch/t_on_branch_failure arm a route that does not exist.
import type { RouteType } from '../../../runtime/modules/registry.js';
import type { LintRule } from '../rule.js';
import { didYouMean } from '../suggest.js';
import { defineNote } from './route-names.js';

const BLOCK: Record<RouteType, string> = {
  request: 'route',
  failure: 'failure_route',
  onreply: 'onreply_route',
  branch: 'branch_route',
  onsend: 'onsend_route',
  local: 'local_route',
  event: 'event_route',
  error: 'error_route',
  startup: 'startup_route',
  timer: 'timer_route',
};

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
    for (const ref of ctx.model.routeReferences) {
      if (ref.via !== 'function' || ref.target) continue;
      const names = ctx.model.routes
        .filter((r) => r.type === ref.targetType && r.name !== undefined)
        .map((r) => r.name as string);
      const hint = didYouMean(ref.name, names);
      ctx.report(
        `${ref.functionName ?? 'function'}() arms ${BLOCK[ref.targetType]}[${ref.name}], which is not defined${defineNote(ref.range)}`,
        ref.range,
        hint ? { hint } : {},
      );
    }
  },
};
