// SERC3006: modparam for a known module that no loadmodule loads; the servers refuse to start.
import type { LintRule } from '../rule.js';

export const modparamModuleNotLoaded: LintRule = {
  code: 'SERC3006',
  id: 'modparam-module-not-loaded',
  category: 'names',
  severity: 'error',
  title: 'modparam for a module that is not loaded',
  description:
    'A `modparam` sets a parameter of a module that no `loadmodule` loads (modparam must come after the loadmodule). Kamailio and OpenSIPS stop with "no module matching".',
  hint: 'add a loadmodule line before this modparam, or remove the modparam',
  example: {
    bad: 'modparam("tm", "fr_timer", 30000)',
    good: 'loadmodule "tm.so"\nmodparam("tm", "fr_timer", 30000)',
  },
  run(ctx) {
    for (const mp of ctx.model.modparams) {
      if (mp.loaded || mp.lookup.kind === 'unknown' || /[.*+?[\]()^$\\]/.test(mp.moduleName)) continue;
      if (mp.lookup.kind === 'implemented' && mp.lookup.module.builtin) continue;
      ctx.report(`modparam for module ${mp.moduleName}, which is not loaded`, mp.node.range, {
        hint: `add loadmodule "${mp.moduleName}.so" before this line`,
      });
    }
  },
};
