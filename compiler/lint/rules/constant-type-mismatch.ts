// SERC2008: constant operands of the wrong type, which Kamailio 3+ rejects when it loads the script.
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const constantTypeMismatch: LintRule = {
  code: 'SERC2008',
  id: 'constant-type-mismatch',
  category: 'types',
  severity: 'error',
  title: 'type mismatch in a constant expression',
  description:
    'Kamailio 3+ checks the types of constant operands while parsing: `1 + "20"`, `"a" - 1` or `strlen(1)` stop the server at start, although the same values in variables would be converted at run time.',
  hint: 'convert the operand with (int) or (str), or write the constant with the right type',
  example: {
    bad: '#!KAMAILIO\nrequest_route { $var(x) = 1 + "20"; }',
    good: '#!KAMAILIO\nrequest_route { $var(x) = 1 + 20; }',
  },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2008');
  },
};
