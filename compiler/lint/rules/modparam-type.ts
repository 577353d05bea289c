// SERC3101: a modparam value of the wrong type ("ten" for an integer parameter).
import type { LintRule } from '../rule.js';
import { isNumericText } from './util.js';

export const modparamType: LintRule = {
  code: 'SERC3101',
  id: 'modparam-type',
  category: 'types',
  severity: 'error',
  title: 'modparam value has the wrong type',
  description:
    'The module declares the parameter as an integer and the value is a string that is not a number, or as a string and the value is a number. The servers refuse to start.',
  hint: 'give an integer (without quotes) for integer parameters, a quoted string for string parameters',
  example: {
    bad: 'loadmodule "tm.so"\nmodparam("tm", "fr_timer", "ten")',
    good: 'loadmodule "tm.so"\nmodparam("tm", "fr_timer", 10000)',
  },
  run(ctx) {
    for (const mp of ctx.model.modparams) {
      const param = mp.param;
      const v = mp.node.value;
      if (!param) continue;
      // OpenSIPS 2+ names flags: modparam("usrloc", "nat_bflag", "NAT").
      const flagName =
        /flag/.test(param.name) &&
        ctx.script.dialect.family === 'opensips' &&
        v.kind === 'string' &&
        /^[A-Za-z_]\w*$/.test(v.value);
      if (param.type === 'int' && v.kind === 'string' && !isNumericText(v.value) && !flagName) {
        ctx.report(
          `${mp.moduleName}.${param.name} is an integer parameter; ${v.text} is not a number`,
          v.range,
        );
      } else if (param.type === 'str' && v.kind === 'int') {
        ctx.report(`${mp.moduleName}.${param.name} is a string parameter; ${v.text} is a number`, v.range, {
          severity: 'warning',
          hint: `write it quoted: "${v.text}"`,
        });
      }
    }
  },
};
