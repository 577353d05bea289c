// SERC3003: a function whose module is not loaded ("unknown command, missing loadmodule?").
import type { LintRule } from '../rule.js';

export const functionModuleNotLoaded: LintRule = {
  code: 'SERC3003',
  id: 'function-module-not-loaded',
  category: 'names',
  severity: 'error',
  title: 'function from a module that is not loaded',
  description:
    'The function exists, but none of the modules that export it is loaded. Kamailio stops with "unknown command, missing loadmodule?".',
  hint: 'add the loadmodule line',
  example: {
    bad: 'request_route { sl_send_reply("200", "OK"); }',
    good: 'loadmodule "sl.so"\nrequest_route { sl_send_reply("200", "OK"); }',
  },
  run(ctx) {
    // Functions moved between modules over the releases (SER 0.8 had www_authorize and is_user in
    // `auth`). In an old dialect with a loaded module serc cannot list, the function may be its.
    const old = ['S08', 'S2', 'K1', 'O1'].includes(ctx.model.dialect);
    const opaque = ctx.model.modules.some((m) => m.lookup.kind !== 'implemented');
    const soften = old && opaque ? { severity: 'warning' as const } : {};
    for (const b of ctx.model.calls) {
      const l = b.lookup;
      if (l.kind === 'not-loaded') {
        const providers = l.providers.filter((p) => p !== 'core');
        ctx.report(
          `${b.call.name}() comes from module ${l.module.name}, which is not loaded`,
          b.call.nameRange,
          {
            hint: `add loadmodule "${providers[0] ?? l.module.name}.so"${providers.length > 1 ? ` (or one of ${providers.slice(1).join(', ')})` : ''}`,
            ...soften,
          },
        );
      } else if (l.kind === 'not-implemented' && !l.loaded) {
        ctx.report(
          `${b.call.name}() comes from module ${l.modules.join(' or ')}, which is not loaded`,
          b.call.nameRange,
          {
            hint: `add loadmodule "${l.modules[0] ?? ''}.so"`,
            ...soften,
          },
        );
      }
    }
  },
};
