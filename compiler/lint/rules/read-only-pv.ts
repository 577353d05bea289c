// SERC3107: an assignment to (or function storing into) a pseudo-variable that cannot be written.
import type { LintRule } from '../rule.js';
import { pvFindings } from '../pv-findings.js';

export const readOnlyPv: LintRule = {
  code: 'SERC3107',
  id: 'read-only-pv',
  category: 'types',
  severity: 'error',
  title: 'write to a read-only pseudo-variable',
  description:
    'The pseudo-variable can be read but not assigned (`$si`, `$ci`, `$rm`, a variable with a transformation …). The servers refuse the script at start.',
  hint: 'assign to a writable variable such as $var(x) or $avp(x), or use the function that changes the message',
  example: { bad: 'request_route { $si = "1.2.3.4"; }', good: 'request_route { $var(ip) = $si; }' },
  run(ctx) {
    for (const f of pvFindings(ctx.model)) {
      if (f.verdict.kind === 'read-only') ctx.report(`${f.text} is read-only`, f.range);
    }
  },
};
