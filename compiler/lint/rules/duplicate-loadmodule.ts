// SERC2006: the same module loaded twice; Kamailio and OpenSIPS abort at start.
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

export const duplicateLoadmodule: LintRule = {
  code: 'SERC2006',
  id: 'duplicate-loadmodule',
  category: 'names',
  severity: 'error',
  title: 'module loaded twice',
  description:
    'A module is loaded by two `loadmodule` lines (whatever their paths). The servers refuse to start.',
  hint: 'remove one of the loadmodule lines',
  example: { bad: 'loadmodule "sl.so"\nloadmodule "/usr/lib/sl.so"', good: 'loadmodule "sl.so"' },
  run(ctx) {
    reportFrontChecks(ctx, 'SERC2006');
  },
};
