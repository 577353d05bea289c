// What a lint rule is: a stable code, its documentation, and a function that inspects the bound model.
import type { Script } from '../ast.js';
import type { SemanticModel } from '../bind.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { FrontendResult } from '../frontend.js';
import type { SourceRange } from '../source.js';

export type RuleCategory = 'names' | 'types' | 'flow' | 'modules';

export interface RuleReport {
  hint?: string;
  secondary?: Diagnostic['secondary'];
  /** Overrides the rule's default severity for this one report (before configuration applies). */
  severity?: Severity;
}

export interface RuleContext {
  readonly model: SemanticModel;
  readonly script: Script;
  readonly frontend: FrontendResult;
  report(message: string, range: SourceRange, extra?: RuleReport): void;
}

export interface LintRule {
  /** Stable code, e.g. SERC3004; never reused for another meaning. */
  readonly code: string;
  /** Readable id usable in configuration instead of the code (`unknown-function`). */
  readonly id: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly title: string;
  /** What the rule finds and why it matters (Markdown, for the docs page). */
  readonly description: string;
  /** Default hint attached to reports that give none. */
  readonly hint: string;
  /** A script that triggers the rule and one that does not (shown in the docs). */
  readonly example: { readonly bad: string; readonly good: string };
  /** True when a report means serc can lint the script but not compile it. */
  readonly blocksCompile?: boolean;
  run(ctx: RuleContext): void;
}
