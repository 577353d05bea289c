// SERC3301: the script calls functions of a module serc does not implement: lintable, not compilable.
import type { LintRule } from '../rule.js';
import type { CallBinding } from '../../bind.js';
import { plural } from './util.js';

export const moduleNotImplemented: LintRule = {
  code: 'SERC3301',
  id: 'module-not-implemented',
  category: 'modules',
  severity: 'warning',
  title: 'module not implemented by serc',
  description:
    'The script uses functions of a module that serc knows but does not implement. serc lints the script fully, but `serc compile` stops here. One report per module, at its first use.',
  hint: 'serc can lint this script but not compile it',
  blocksCompile: true,
  example: {
    bad: 'loadmodule "auth_db.so"\nrequest_route { if (!www_authorize("", "subscriber")) exit; }',
    good: 'loadmodule "auth_db.so"\nrequest_route { exit; }',
  },
  run(ctx) {
    const partial = new Set(
      ctx.model.modules.filter((m) => m.lookup.kind === 'partial').map((m) => m.lookup.name),
    );
    const byModule = new Map<string, CallBinding[]>();
    for (const b of ctx.model.calls) {
      if (b.lookup.kind !== 'not-implemented' || !b.lookup.loaded) continue;
      const module = b.lookup.modules.find((m) => ctx.model.loadedNames.has(m)) ?? b.lookup.modules[0] ?? '?';
      if (partial.has(module)) continue; // reported per function by SERC3302
      const list = byModule.get(module) ?? [];
      list.push(b);
      byModule.set(module, list);
    }
    for (const [module, uses] of byModule) {
      const first = uses[0] as CallBinding;
      const fns = [...new Set(uses.map((u) => `${u.call.name}()`))];
      ctx.report(
        `module ${module} is not implemented by serc (${fns.join(', ')}: ${plural(uses.length, 'call')}); the script can be linted but not compiled`,
        first.call.nameRange,
      );
    }
  },
};
