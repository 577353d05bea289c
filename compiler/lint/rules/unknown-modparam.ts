// SERC3102: a parameter name the module does not have (in serc's description of an implemented module).
import type { LintRule } from '../rule.js';
import { didYouMean } from '../suggest.js';

export const unknownModparam: LintRule = {
  code: 'SERC3102',
  id: 'unknown-modparam',
  category: 'types',
  severity: 'warning',
  title: 'unknown module parameter',
  description:
    'serc\'s description of the module has no parameter of this name: a typo (Kamailio stops with "parameter not found", OpenSIPS with "can\'t find parameter"), or a parameter of some release serc does not describe, which a compiled script cannot honour. A warning, with the nearest known name as hint.',
  hint: 'check the parameter name in the module documentation',
  example: {
    bad: 'loadmodule "tm.so"\nmodparam("tm", "fr_timre", 10000)',
    good: 'loadmodule "tm.so"\nmodparam("tm", "fr_timer", 10000)',
  },
  run(ctx) {
    for (const mp of ctx.model.modparams) {
      if (mp.lookup.kind !== 'implemented' || mp.lookup.module.name === 'core') continue;
      // Dialect-specific parameter lists are not reliable enough yet to warn about them.
      if (mp.param) continue;
      const hint = didYouMean(
        mp.node.param,
        mp.lookup.module.params.map((p) => p.name),
      );
      // A warning: serc's description of a module may lack a parameter of some release (OpenSIPS
      // tm fr_timeout is real and one letter away from fr_timer).
      ctx.report(
        `serc does not know parameter ${JSON.stringify(mp.node.param)} of module ${mp.lookup.module.name}`,
        mp.node.range,
        {
          hint: hint ?? 'serc cannot honour it; check the name in the module documentation',
        },
      );
    }
  },
};
