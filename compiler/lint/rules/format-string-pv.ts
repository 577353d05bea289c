// SERC3106: a pseudo-variable inside a format string (xlog, append_hf …) that does not exist.
import type { LintRule } from '../rule.js';
import { pvFindings } from '../pv-findings.js';

export const formatStringPv: LintRule = {
  code: 'SERC3106',
  id: 'format-string-pv',
  category: 'types',
  severity: 'error',
  title: 'bad pseudo-variable inside a string',
  description:
    'Strings passed to format parameters (`xlog("…")`, `append_hf("…")`, `sl_send_reply` reasons …) are scanned for pseudo-variables at start-up. A typo such as `xlog("$fuu")` passes `kamailio -c` and fails at start, or prints `<null>`.',
  hint: 'check the variable name; write $$ for a literal dollar',
  example: {
    bad: 'loadmodule "xlog.so"\nrequest_route { xlog("from $fuu\\n"); }',
    good: 'loadmodule "xlog.so"\nrequest_route { xlog("from $fu\\n"); }',
  },
  run(ctx) {
    for (const f of pvFindings(ctx.model)) {
      if (f.where !== 'format' || f.verdict.kind !== 'error') continue;
      ctx.report(`in string: ${f.verdict.message}`, f.range, f.verdict.hint ? { hint: f.verdict.hint } : {});
    }
  },
};
