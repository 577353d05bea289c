// Message helpers for route names that came from a #!define.
import type { SourceRange } from '../../source.js';

/** " (name from #!define X)" when the range was produced by a define expansion. */
export function defineNote(range: SourceRange): string {
  const step = range.origin?.find((o) => o.kind === 'define');
  return step && step.kind === 'define' ? ` (name from #!define ${step.name})` : '';
}
