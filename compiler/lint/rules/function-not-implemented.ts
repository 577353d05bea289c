// SERC3302: a function serc describes but does not implement (or of a partly implemented module).
import type { LintRule } from '../rule.js';

export const functionNotImplemented: LintRule = {
  code: 'SERC3302',
  id: 'function-not-implemented',
  category: 'modules',
  severity: 'warning',
  title: 'function not implemented by serc',
  description:
    "The function exists (serc knows its parameters and route types and checks them), but serc's runtime does not implement it, so `serc compile` stops. One report per function, at its first use.",
  hint: 'serc can lint this script but not compile it',
  blocksCompile: true,
  example: {
    bad: 'loadmodule "tm.so"\nrequest_route { t_relay_to_sctp("10.0.0.1", "5060"); }',
    good: 'loadmodule "tm.so"\nrequest_route { t_relay(); }',
  },
  run(ctx) {
    const partial = new Set(
      ctx.model.modules.filter((m) => m.lookup.kind === 'partial').map((m) => m.lookup.name),
    );
    const seen = new Set<string>();
    for (const b of ctx.model.calls) {
      const l = b.lookup;
      let module: string | undefined;
      if (l.kind === 'found' && !l.fn.implemented) module = l.module.name;
      else if (l.kind === 'not-implemented' && l.loaded) module = l.modules.find((m) => partial.has(m));
      if (module === undefined || seen.has(b.call.name)) continue;
      seen.add(b.call.name);
      ctx.report(
        `${b.call.name}() (module ${module}) is not implemented by serc; the script can be linted but not compiled`,
        b.call.nameRange,
      );
    }
  },
};
