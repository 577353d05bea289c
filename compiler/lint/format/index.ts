// The output formats of `serc lint`.
import { renderHuman, renderJson, type Diagnostic } from '../../diagnostics.js';
import type { SourceSet } from '../../source.js';
import { ruleDocPath } from '../docs-link.js';
import { findRule } from '../rules/index.js';
import { renderGithub } from './github.js';
import { renderSarif } from './sarif.js';

export const FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type LintFormat = (typeof FORMATS)[number];

export function isLintFormat(s: string): s is LintFormat {
  return (FORMATS as readonly string[]).includes(s);
}

/** Adds the rule's documentation page to the hint, so every lint diagnostic links its docs. */
function withDocs(d: Diagnostic): Diagnostic {
  if (!findRule(d.code)) return d;
  const docs = `see ${ruleDocPath(d.code)}`;
  return { ...d, hint: d.hint ? `${d.hint} (${docs})` : docs };
}

export function renderLint(
  format: LintFormat,
  diags: readonly Diagnostic[],
  opts: { sources?: SourceSet; version: string; root: string },
): string {
  switch (format) {
    case 'human':
      return renderHuman(diags.map(withDocs), opts.sources);
    case 'json':
      return renderJson(diags.map((d) => (findRule(d.code) ? { ...d, docs: ruleDocPath(d.code) } : d)));
    case 'sarif':
      return renderSarif(diags, { version: opts.version, root: opts.root });
    case 'github':
      return renderGithub(diags.map(withDocs));
  }
}
