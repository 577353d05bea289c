// SERC3005: a known function called with a number of parameters it has no form for.
import { arities } from '../../../runtime/modules/registry.js';
import type { LintRule } from '../rule.js';
import { plural } from './util.js';

export const wrongArity: LintRule = {
  code: 'SERC3005',
  id: 'wrong-arity',
  category: 'names',
  severity: 'error',
  title: 'wrong number of parameters',
  description: "The function has no form with this many parameters in the script's dialect.",
  hint: "check the function's parameters in the module documentation",
  example: {
    bad: 'loadmodule "sl.so"\nrequest_route { sl_send_reply("200"); }',
    good: 'loadmodule "sl.so"\nrequest_route { sl_send_reply("200", "OK"); }',
  },
  run(ctx) {
    for (const b of ctx.model.calls) {
      if ((b.lookup.kind !== 'found' && b.lookup.kind !== 'not-loaded') || b.overload) continue;
      const accepted = arities(b.lookup.fn, ctx.model.dialect);
      const all = accepted.length > 0 ? accepted : arities(b.lookup.fn);
      const list =
        all.length === 1 ? String(all[0]) : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
      ctx.report(
        `${b.call.name}() takes ${list} parameter${list === '1' ? '' : 's'}, not ${plural(b.call.args.length, 'parameter').replace(/^\d+ parameters?/, String(b.call.args.length))}`,
        b.call.range,
        {
          hint: b.lookup.fn.overloads
            .map((o) => `${b.call.name}(${o.params.map((p) => p.name).join(', ')})`)
            .join(' | '),
        },
      );
    }
  },
};
