// SERC3304: a function serc knows, but not in the script's dialect (it may be missing on the real server).
import type { LintRule } from '../rule.js';

const ERA_NAMES: Record<string, string> = {
  S0: 'SER 2001',
  S08: 'SER 0.8',
  S2: 'SER 2/3',
  K1: 'OpenSER/Kamailio 1.x',
  K3: 'Kamailio 3+',
  O1: 'OpenSIPS 1.x',
  O3: 'OpenSIPS 2+',
};

export const functionDialect: LintRule = {
  code: 'SERC3304',
  id: 'function-dialect',
  category: 'modules',
  severity: 'warning',
  title: 'function not available in this dialect',
  description:
    'The function exists in other dialects of the family but not in the one the script is written for; the real server would reject it.',
  hint: 'use the function of this dialect, or check the dialect serc detected (--dialect)',
  example: {
    bad: '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route { sl_filter_ACK(); }',
    good: '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route { sl_send_reply("200", "OK"); }',
  },
  run(ctx) {
    const seen = new Set<string>();
    for (const b of ctx.model.calls) {
      if (b.lookup.kind !== 'found' || b.lookup.dialectOk || seen.has(b.call.name)) continue;
      seen.add(b.call.name);
      ctx.report(
        `${b.call.name}() does not exist in ${ERA_NAMES[ctx.model.dialect] ?? ctx.model.dialect}`,
        b.call.nameRange,
      );
    }
  },
};
