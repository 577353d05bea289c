// SERC3201: a function used in a route type that does not allow it — also through route() chains
// (a request-only function in a sub-route that a failure_route calls), which no server checks.
import { callChain, routeLabel } from '../../bind.js';
import type { RouteType } from '../../../runtime/modules/registry.js';
import type { LintRule } from '../rule.js';

const BLOCK: Record<RouteType, string> = {
  request: 'request route',
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

export const routeTypeMisuse: LintRule = {
  code: 'SERC3201',
  id: 'route-type-misuse',
  category: 'flow',
  severity: 'error',
  title: 'function not allowed in this route type',
  description:
    "Each module function declares the route types it may run in. The check follows `route()` calls, so a request-only function in a sub-route that a `failure_route` calls is reported with the call chain (Kamailio checks only the directly enclosing block; OpenSIPS' transitive check was broken for years). Directly in a block it is an error (the server rejects the script); through `route()` it is a warning (the server starts, and the function misbehaves when that path runs).",
  hint: 'move the call to a route type that allows it, or guard the sub-route',
  example: {
    bad: 'loadmodule "sl.so"\nloadmodule "tm.so"\nrequest_route { t_on_failure("F"); t_relay(); }\nfailure_route[F] { route(R); }\nroute[R] { sl_send_reply("500", "x"); }',
    good: 'loadmodule "sl.so"\nloadmodule "tm.so"\nrequest_route { t_on_failure("F"); t_relay(); }\nfailure_route[F] { route(R); }\nroute[R] { t_reply("500", "x"); }',
  },
  run(ctx) {
    for (const b of ctx.model.calls) {
      if (b.lookup.kind !== 'found') continue;
      const allowed = b.lookup.fn.routes;
      // An unused sub-route is checked as a request route, as kamailio -c does.
      const types = b.route.reachableFrom.size > 0 ? [...b.route.reachableFrom] : ['request' as const];
      for (const t of types) {
        if (allowed.includes(t)) continue;
        const chain = callChain(b.route, t);
        const origin = chain[0]?.from;
        const where =
          chain.length === 0 || !origin
            ? `in ${routeLabel(b.route)}`
            : `in ${routeLabel(b.route)}, which ${routeLabel(origin)} calls (${BLOCK[t]})`;
        // Directly in the block: the server rejects the script. Through route(): it starts, and the
        // function misbehaves when that path runs — a warning.
        ctx.report(`${b.call.name}() cannot be used ${where}`, b.call.nameRange, {
          ...(chain.length > 0 ? { severity: 'warning' as const } : {}),
          hint: `${b.call.name}() is allowed in: ${allowed.map((a) => BLOCK[a]).join(', ')}`,
          secondary: chain.map((ref) => ({ range: ref.range, label: `called from ${routeLabel(ref.from)}` })),
        });
      }
    }
  },
};
