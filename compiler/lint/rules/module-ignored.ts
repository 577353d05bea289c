// SERC3305: a loaded module serc does not implement but whose functions the script never calls
// (database drivers, management interfaces): a compiled script runs without it.
import type { LintRule } from '../rule.js';

export const moduleIgnored: LintRule = {
  code: 'SERC3305',
  id: 'module-ignored',
  category: 'modules',
  severity: 'note',
  title: 'module loaded but ignored by serc',
  description:
    'The module is not implemented by serc, and the script calls none of its functions (a database driver, an MI/RPC transport, …). serc compiles the script without it; its modparams have no effect.',
  hint: 'serc has its own storage and transports; remove the line if it is not needed on the real server either',
  example: { bad: 'loadmodule "mi_fifo.so"', good: 'loadmodule "sl.so"' },
  run(ctx) {
    const used = new Set<string>();
    for (const b of ctx.model.calls)
      if (b.lookup.kind === 'not-implemented') for (const m of b.lookup.modules) used.add(m);
    for (const m of ctx.model.modules) {
      if (m.lookup.kind !== 'not-implemented' || used.has(m.lookup.entry.name)) continue;
      ctx.report(
        `module ${m.lookup.entry.name} is not implemented by serc and is ignored: the script calls none of its functions`,
        m.node.range,
      );
    }
  },
};
