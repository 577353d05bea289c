// SERC2006: the same module loaded twice; Kamailio and OpenSIPS abort at start.
import type { LintRule } from '../rule.js';
import type { ModuleLoad } from '../../bind.js';

export const duplicateLoadmodule: LintRule = {
  code: 'SERC2006',
  id: 'duplicate-loadmodule',
  category: 'names',
  severity: 'error',
  title: 'module loaded twice',
  description:
    'A module is loaded by two `loadmodule` lines (whatever their paths). The servers refuse to start.',
  hint: 'remove one of the loadmodule lines',
  example: { bad: 'loadmodule "sl.so"\nloadmodule "/usr/lib/sl.so"', good: 'loadmodule "sl.so"' },
  run(ctx) {
    const seen = new Map<string, ModuleLoad>();
    for (const m of ctx.model.modules) {
      const name = m.lookup.kind === 'implemented' ? m.lookup.module.name : m.lookup.name;
      const prev = seen.get(name);
      if (!prev) {
        seen.set(name, m);
        continue;
      }
      ctx.report(`module ${name} is loaded twice`, m.node.range, {
        secondary: [{ range: prev.node.range, label: 'first loaded here' }],
      });
    }
  },
};
