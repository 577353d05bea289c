// SERC3103: a function parameter that must be an integer (or a flag) given something else.
import { paramAt } from '../../bind.js';
import type { LintRule } from '../rule.js';
import { isLonePvString, isNumericText } from './util.js';

const IDENT = /^[A-Za-z_]\w*$/;

export const intParam: LintRule = {
  code: 'SERC3103',
  id: 'int-param',
  category: 'types',
  severity: 'error',
  title: 'integer parameter expected',
  description:
    'The function reads this parameter as an integer (`int`, a flag, or an integer-or-variable). A non-numeric string is converted at start-up and fails (or, in old releases, silently becomes 0).',
  hint: 'give a number',
  example: {
    bad: 'loadmodule "tm.so"\nrequest_route { t_set_fr("abc"); }',
    good: 'loadmodule "tm.so"\nrequest_route { t_set_fr(5000); }',
  },
  run(ctx) {
    const flags = new Set<string>();
    for (const item of ctx.script.items)
      if (item.kind === 'flags') for (const f of item.flags) flags.add(f.name);
    for (const b of ctx.model.calls) {
      b.call.args.forEach((arg, i) => {
        const spec = paramAt(b, i);
        if (!spec) return;
        const label = `parameter ${i + 1} (${spec.name}) of ${b.call.name}()`;
        if (spec.kind === 'int' || spec.kind === 'flag') {
          // Flag names: declared with `flags`, or (OpenSIPS 2+, SER) any identifier.
          if (
            arg.kind === 'string' &&
            !isNumericText(arg.value) &&
            !(spec.kind === 'flag' && (flags.has(arg.value) || IDENT.test(arg.value)))
          )
            ctx.report(
              `${label} must be ${spec.kind === 'flag' ? 'a flag number or declared flag name' : 'an integer'}; ${arg.text} is not`,
              arg.range,
            );
          else if (arg.kind === 'pv' || (arg.kind === 'string' && isLonePvString(arg)))
            ctx.report(
              `${label} must be an integer constant; a pseudo-variable is not accepted here`,
              arg.range,
            );
          else if (
            arg.kind === 'word' &&
            !(spec.kind === 'flag' && (flags.has(arg.text) || IDENT.test(arg.text)))
          )
            ctx.report(`${label} must be an integer; ${arg.text} is not`, arg.range);
        } else if (spec.kind === 'igp') {
          const flagName = /flag/.test(spec.name) && IDENT.test(arg.kind === 'string' ? arg.value : '');
          if (
            arg.kind === 'string' &&
            !isNumericText(arg.value) &&
            !arg.value.trim().startsWith('$') &&
            !flagName
          )
            ctx.report(`${label} must be an integer or a pseudo-variable; ${arg.text} is neither`, arg.range);
        }
      });
    }
  },
};
