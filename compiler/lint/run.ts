// The lint pipeline over one front-end result: bind, run every enabled rule, apply configuration
// and suppression comments. `checkProgram` is also what `serc compile` calls before generating code.
import { bindProgram, type SemanticModel } from '../bind.js';
import {
  internalErrorDiagnostic,
  registerCodes,
  sortDiagnostics,
  type Diagnostic,
  type Severity,
} from '../diagnostics.js';
import type { FrontendResult } from '../frontend.js';
import { SourceSet } from '../source.js';
import type { RuleSetting } from './config.js';
import type { LintRule, RuleContext } from './rule.js';
import { RULES } from './rules/index.js';
import { applySuppressions } from './suppress.js';

registerCodes(Object.fromEntries(RULES.map((r) => [r.code, { title: r.title, severity: r.severity }])));

export interface CheckOptions {
  /** Rule code → setting (from the project file and --rule). */
  rules?: Record<string, RuleSetting>;
  /** Honour `# serc-disable-next-line` comments (default true). */
  suppressions?: boolean;
}

export interface CheckResult {
  /** Front-end diagnostics followed by the rules', sorted by position. */
  diagnostics: Diagnostic[];
  /** undefined when the front end produced no AST. */
  model: SemanticModel | undefined;
}

function runRule(
  rule: LintRule,
  model: SemanticModel,
  frontend: FrontendResult,
  severity: Severity,
  out: Diagnostic[],
  /** Compile blockers: every report is an error, whatever the report's own severity. */
  force = false,
): void {
  const ctx: RuleContext = {
    model,
    script: model.script,
    frontend,
    report(message, range, extra) {
      // A report's own severity (e.g. a softened "unknown function") scales with the configured one.
      const sev = !force && extra?.severity && severity === rule.severity ? extra.severity : severity;
      const d: Diagnostic = { severity: sev, code: rule.code, message, range };
      if (extra?.secondary && extra.secondary.length > 0) d.secondary = extra.secondary;
      d.hint = extra?.hint ?? rule.hint;
      out.push(d);
    },
  };
  try {
    rule.run(ctx);
  } catch (err) {
    // One failing rule must not hide the others' findings; the failure itself is an internal error.
    const d = internalErrorDiagnostic(err, model.script.range.file);
    d.message = `internal error in lint rule ${rule.code} (${rule.id}): ${d.message.replace(/^internal error: /, '')}`;
    out.push(d);
  }
}

/** Binds the script and runs the lint rules. Never throws for bad input. */
export function checkProgram(frontend: FrontendResult, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [...frontend.diagnostics];
  if (!frontend.ast || frontend.ast.dialect.era === 'S0')
    return { diagnostics: sortDiagnostics(diagnostics), model: undefined };
  const model = bindProgram(frontend.ast);
  // Codes the front end already reported (e.g. a checker stage that reports duplicate routes) are not repeated.
  const frontCodes = new Set(frontend.diagnostics.map((d) => d.code));
  for (const rule of RULES) {
    const setting = options.rules?.[rule.code] ?? rule.severity;
    if (setting === 'off' || frontCodes.has(rule.code)) continue;
    runRule(rule, model, frontend, setting, diagnostics);
  }
  const kept =
    options.suppressions === false ? diagnostics : applySuppressions(diagnostics, frontend.sources);
  return { diagnostics: sortDiagnostics(kept), model };
}

/**
 * What keeps serc from compiling a script it can lint: modules, functions and pseudo-variables the
 * runtime lacks, and unknown names — one error per distinct name at its first use.
 */
export function compileBlockers(model: SemanticModel, frontend?: FrontendResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fe: FrontendResult = frontend ?? { ast: model.script, diagnostics: [], sources: new SourceSet() };
  for (const rule of RULES) if (rule.blocksCompile) runRule(rule, model, fe, 'error', out, true);
  return sortDiagnostics(out);
}
