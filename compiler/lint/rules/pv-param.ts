// SERC3108: a parameter that must name a pseudo-variable given something else.
import { paramAt } from '../../bind.js';
import type { LintRule } from '../rule.js';

export const pvParam: LintRule = {
  code: 'SERC3108',
  id: 'pv-param',
  category: 'types',
  severity: 'error',
  title: 'pseudo-variable parameter expected',
  description:
    'The function stores into (or inspects) the variable named by this parameter, so it must be a pseudo-variable such as `$var(x)` or `"$avp(y)"`.',
  hint: 'pass a pseudo-variable',
  example: {
    bad: 'loadmodule "pv.so"\nrequest_route { if (pv_isset("x")) exit; }',
    good: 'loadmodule "pv.so"\nrequest_route { if (pv_isset("$var(x)")) exit; }',
  },
  run(ctx) {
    for (const b of ctx.model.calls) {
      b.call.args.forEach((arg, i) => {
        const spec = paramAt(b, i);
        if (!spec || (spec.kind !== 'pvw' && spec.kind !== 'pvr')) return;
        if (arg.kind === 'pv' || (arg.kind === 'string' && arg.value.trim().startsWith('$'))) return;
        ctx.report(
          `parameter ${i + 1} (${spec.name}) of ${b.call.name}() must be a pseudo-variable`,
          arg.range,
        );
      });
    }
  },
};
