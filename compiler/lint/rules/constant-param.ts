// SERC3104: a parameter fixed at start-up (plain string, regex, subst) given a variable.
import { paramAt } from '../../bind.js';
import type { LintRule } from '../rule.js';

export const constantParam: LintRule = {
  code: 'SERC3104',
  id: 'constant-param',
  category: 'types',
  severity: 'error',
  title: 'constant parameter expected',
  description:
    'The function compiles this parameter once at start-up (a plain string, a regular expression or a subst expression), so it must be a literal; a pseudo-variable or expression here is rejected by the server ("non-constant parameter").',
  hint: 'write the value as a quoted literal',
  example: {
    bad: 'loadmodule "textops.so"\nrequest_route { if (search($var(re))) exit; }',
    good: 'loadmodule "textops.so"\nrequest_route { if (search("^From:")) exit; }',
  },
  run(ctx) {
    for (const b of ctx.model.calls) {
      b.call.args.forEach((arg, i) => {
        const spec = paramAt(b, i);
        if (!spec || (spec.kind !== 'str' && spec.kind !== 're' && spec.kind !== 'subst')) return;
        if (arg.kind === 'string' || arg.kind === 'int' || arg.kind === 'word' || arg.kind === 'null') return;
        ctx.report(`parameter ${i + 1} (${spec.name}) of ${b.call.name}() must be a constant`, arg.range);
      });
    }
  },
};
