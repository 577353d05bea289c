// SERC2004: a regular expression that is not a valid POSIX ERE (function parameters, =~, subst).
import { paramAt } from '../../bind.js';
import type { Expr } from '../../ast.js';
import { validatePosixRegex } from '../../../runtime/core/script/regex.js';
import type { LintRule } from '../rule.js';
import { reportFrontChecks } from './front-checks.js';

/** The regex part of a sed-like `/re/replacement/flags` (any delimiter), undefined when malformed. */
export function substRegex(text: string): string | undefined {
  const delim = text[0];
  if (delim === undefined) return undefined;
  let i = 1;
  let re = '';
  while (i < text.length && text[i] !== delim) {
    if (text[i] === '\\' && text[i + 1] === delim) {
      re += delim;
      i += 2;
      continue;
    }
    re += text[i];
    i++;
  }
  return i < text.length ? re : undefined;
}

export const invalidRegex: LintRule = {
  code: 'SERC2004',
  id: 'invalid-regex',
  category: 'types',
  severity: 'error',
  title: 'invalid regular expression',
  description:
    'A regular expression (right side of `=~`, a regex parameter such as `search("…")`, the pattern of a `subst`) does not compile as a POSIX extended regex. `kamailio -c` does not compile regexes; the server fails at start or the match never succeeds.',
  hint: 'fix the expression; remember POSIX ERE has no \\d, lazy quantifiers or lookarounds',
  example: {
    bad: 'request_route { if ($ru =~ "sip:(abc") exit; }',
    good: 'request_route { if ($ru =~ "sip:\\\\(abc") exit; }',
  },
  run(ctx) {
    const check = (re: string, range: Expr['range'], what: string): void => {
      const problem = validatePosixRegex(re);
      if (problem !== undefined) ctx.report(`${what}: ${problem}`, range);
    };
    // `=~` operands: compiler/check.ts; function parameters: here.
    reportFrontChecks(ctx, 'SERC2004');
    for (const b of ctx.model.calls) {
      b.call.args.forEach((arg, i) => {
        const spec = paramAt(b, i);
        if (!spec || arg.kind !== 'string') return;
        if (spec.kind === 're') check(arg.value, arg.range, `invalid regular expression in ${b.call.name}()`);
        else if (spec.kind === 'subst') {
          const re = substRegex(arg.value);
          if (re === undefined)
            ctx.report(`${b.call.name}() expects /regex/replacement/flags, got ${arg.text}`, arg.range);
          else check(re, arg.range, `invalid regular expression in ${b.call.name}()`);
        }
      });
    }
  },
};
