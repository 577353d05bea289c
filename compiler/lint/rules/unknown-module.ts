// SERC3002: a loadmodule/modparam names a module that no SER/Kamailio/OpenSIPS release serc knows has.
import type { LintRule } from '../rule.js';
import { didYouMean } from '../suggest.js';
import { knownModuleNames } from './util.js';

export const unknownModule: LintRule = {
  code: 'SERC3002',
  id: 'unknown-module',
  category: 'names',
  severity: 'error',
  title: 'unknown module',
  description:
    'A `loadmodule` (by name, whatever the directory or `.so` suffix) or `modparam` names a module serc does not know: a typo, or a module serc has no description of. Either way the script cannot be compiled.',
  hint: 'check the module name',
  blocksCompile: true,
  example: { bad: 'loadmodule "registar.so"', good: 'loadmodule "registrar.so"' },
  run(ctx) {
    const known = knownModuleNames();
    const reported = new Set<string>();
    for (const m of ctx.model.modules) {
      if (m.lookup.kind !== 'unknown' || reported.has(m.lookup.name)) continue;
      reported.add(m.lookup.name);
      const hint = didYouMean(m.lookup.name, known);
      ctx.report(`module ${m.lookup.name} is unknown to serc`, m.node.range, hint ? { hint } : {});
    }
    for (const mp of ctx.model.modparams) {
      if (
        mp.lookup.kind !== 'unknown' ||
        reported.has(mp.moduleName) ||
        /[.*+?[\]()^$\\]/.test(mp.moduleName)
      )
        continue;
      reported.add(mp.moduleName);
      const hint = didYouMean(mp.moduleName, known);
      ctx.report(
        `modparam names module ${mp.moduleName}, which is unknown to serc`,
        mp.node.range,
        hint ? { hint } : {},
      );
    }
  },
};
