// SERC3105: a pseudo-variable in an expression that does not exist or is malformed ($fuu, $hdr without a name).
import type { LintRule } from '../rule.js';
import { pvFindings } from '../pv-findings.js';

export const unknownPv: LintRule = {
  code: 'SERC3105',
  id: 'unknown-pv',
  category: 'types',
  severity: 'error',
  title: 'unknown or malformed pseudo-variable',
  description:
    'A pseudo-variable in an expression or assignment is not a variable of any module serc knows, or is written wrongly (missing name, bad index, unknown transformation parameters).',
  hint: 'check the spelling of the variable',
  example: {
    bad: '#!KAMAILIO\nrequest_route { if ($fuu == "x") exit; }',
    good: '#!KAMAILIO\nrequest_route { if ($fu == "x") exit; }',
  },
  run(ctx) {
    for (const f of pvFindings(ctx.model)) {
      if (f.where === 'format' || f.verdict.kind !== 'error') continue;
      ctx.report(f.verdict.message, f.range, f.verdict.hint ? { hint: f.verdict.hint } : {});
    }
  },
};
