// Inline suppression: `# serc-disable-next-line CODE[, CODE…]` (no code = every rule) silences
// diagnostics that start on the next line of the same file. Codes or rule ids are accepted.
import type { Diagnostic } from '../diagnostics.js';
import type { SourceSet } from '../source.js';
import { findRule } from './rules/index.js';

const DIRECTIVE = /(?:#|\/\/)\s*serc-disable-next-line\b([^\n]*)/;

/** file → line → codes suppressed on that line ('*' for all). */
export function suppressions(sources: SourceSet): Map<string, Map<number, Set<string>>> {
  const out = new Map<string, Map<number, Set<string>>>();
  for (const path of sources.paths()) {
    const file = sources.get(path);
    if (!file) continue;
    const lines = new Map<number, Set<string>>();
    for (let n = 1; n <= file.lineCount; n++) {
      const m = DIRECTIVE.exec(file.line(n));
      if (!m) continue;
      const codes = (m[1] ?? '')
        .split(/[\s,]+/)
        .filter((c) => c.length > 0)
        .map((c) => findRule(c)?.code ?? c.toUpperCase());
      lines.set(n + 1, new Set(codes.length > 0 ? codes : ['*']));
    }
    if (lines.size > 0) out.set(path, lines);
  }
  return out;
}

export function applySuppressions(diags: readonly Diagnostic[], sources: SourceSet): Diagnostic[] {
  const map = suppressions(sources);
  if (map.size === 0) return [...diags];
  return diags.filter((d) => {
    const codes = map.get(d.range.file)?.get(d.range.startLine);
    return !(codes && (codes.has('*') || codes.has(d.code)));
  });
}
