// SERC3205: tm timers are seconds in SER 0.8/OpenSER/OpenSIPS and milliseconds in SER 2+/Kamailio 3+.
import { ALL_DIALECTS, modparamUnit } from '../../../runtime/modules/registry.js';
import type { LintRule } from '../rule.js';

export const timerUnit: LintRule = {
  code: 'SERC3205',
  id: 'timer-unit',
  category: 'flow',
  severity: 'warning',
  title: "timer value looks like the other dialect's unit",
  description:
    'Timer parameters such as `fr_timer` changed unit between releases (seconds in SER 0.8, OpenSER 1.x and OpenSIPS; milliseconds in SER 2+ and Kamailio 3+). A value of 30 in milliseconds, or 30000 in seconds, is almost certainly a script copied from the other family.',
  hint: "convert the value to this dialect's unit",
  example: {
    bad: '#!KAMAILIO\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30)',
    good: '#!KAMAILIO\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30000)',
  },
  run(ctx) {
    for (const mp of ctx.model.modparams) {
      const p = mp.param;
      const v = mp.node.value;
      if (!p || v.kind !== 'int') continue;
      const unit = modparamUnit(p, ctx.model.dialect);
      if (!unit || !ALL_DIALECTS.some((d) => modparamUnit(p, d) !== undefined && modparamUnit(p, d) !== unit))
        continue;
      if (unit === 'ms' && v.value > 0 && v.value < 500)
        ctx.report(
          `${p.name} is in milliseconds in this dialect; ${v.value} ms looks like a value in seconds`,
          v.range,
          { hint: `${v.value * 1000} if you meant ${v.value} seconds` },
        );
      else if (unit === 's' && v.value >= 1000)
        ctx.report(
          `${p.name} is in seconds in this dialect; ${v.value} s looks like a value in milliseconds`,
          v.range,
          { hint: `${Math.round(v.value / 1000)} if you meant ${v.value} ms` },
        );
    }
  },
};
