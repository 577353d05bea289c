// SERC3303: a real pseudo-variable or transformation serc's runtime does not provide.
import type { LintRule } from '../rule.js';
import { pvFindings } from '../pv-findings.js';

export const pvNotImplemented: LintRule = {
  code: 'SERC3303',
  id: 'pv-not-implemented',
  category: 'modules',
  severity: 'warning',
  title: 'pseudo-variable not implemented by serc',
  description:
    "The pseudo-variable (or transformation) exists in Kamailio/OpenSIPS but serc's runtime does not provide it, so `serc compile` stops. One report per name, at its first use.",
  hint: 'serc can lint this script but not compile it',
  blocksCompile: true,
  example: {
    bad: 'request_route { if ($sht(a=>b) == 1) exit; }',
    good: 'request_route { if ($var(b) == 1) exit; }',
  },
  run(ctx) {
    const seen = new Set<string>();
    for (const f of pvFindings(ctx.model)) {
      if (f.verdict.kind !== 'not-implemented' || seen.has(f.verdict.name)) continue;
      seen.add(f.verdict.name);
      ctx.report(
        `${f.verdict.name} is not implemented by serc; the script can be linted but not compiled`,
        f.range,
      );
    }
  },
};
