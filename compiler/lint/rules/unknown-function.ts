// SERC3004: a call to a name that is neither a core command nor a function of any module serc knows.
import type { LintRule } from '../rule.js';
import { closest } from '../suggest.js';
import { knownFunctionNames } from './util.js';

export const unknownFunction: LintRule = {
  code: 'SERC3004',
  id: 'unknown-function',
  category: 'names',
  severity: 'error',
  title: 'unknown function',
  description:
    'A call to a function that no module serc knows exports — usually a typo. When the script loads modules serc does not describe, the function may be theirs, and the report is a warning.',
  hint: 'check the spelling',
  blocksCompile: true,
  example: {
    bad: 'loadmodule "sl.so"\nrequest_route { sl_send_replay("200", "OK"); }',
    good: 'loadmodule "sl.so"\nrequest_route { sl_send_reply("200", "OK"); }',
  },
  run(ctx) {
    const known = knownFunctionNames();
    // Modules serc has no complete function list for: an unknown name may be one of theirs.
    const opaque = ctx.model.modules
      .filter(
        (m) =>
          m.lookup.kind === 'unknown' || m.lookup.kind === 'not-implemented' || m.lookup.kind === 'partial',
      )
      .map((m) => m.lookup.name);
    const reported = new Set<string>();
    for (const b of ctx.model.calls) {
      if (b.lookup.kind !== 'unknown' || reported.has(b.call.name)) continue;
      reported.add(b.call.name);
      const near = closest(b.call.name, known);
      if (near !== undefined) {
        ctx.report(`unknown function ${b.call.name}()`, b.call.nameRange, {
          hint: `did you mean ${near}()?`,
        });
      } else if (opaque.length > 0) {
        ctx.report(`unknown function ${b.call.name}()`, b.call.nameRange, {
          severity: 'warning',
          hint: `it may come from ${opaque.length === 1 ? 'module' : 'one of the modules'} ${opaque.join(', ')}, which serc does not implement`,
        });
      } else {
        ctx.report(`unknown function ${b.call.name}()`, b.call.nameRange);
      }
    }
  },
};
