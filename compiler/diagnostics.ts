// Diagnostics shared by every stage: a code registry, a collector, and renderers (human and JSON).
import type { SourceRange, SourceSet } from './source.js';
import { formatPosition } from './source.js';

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  severity: Severity;
  /** Stable code from CODES, e.g. SERC1201. */
  code: string;
  message: string;
  range: SourceRange;
  secondary?: { range: SourceRange; label: string }[];
  hint?: string;
}

export interface CodeInfo {
  title: string;
  severity: Severity;
}

/**
 * Every diagnostic code serc emits. Ranges: 0xxx serc itself, 10xx lexer, 11xx preprocessor,
 * 12xx parser, 20xx module-independent checks. Later stages add theirs with `registerCodes`.
 */
export const CODES: Record<string, CodeInfo> = {
  SERC0001: { title: 'internal error', severity: 'error' },
  SERC0002: { title: 'cannot read file', severity: 'error' },
  SERC1001: { title: 'stray character (ignored)', severity: 'warning' },
  SERC1002: { title: 'unterminated string', severity: 'error' },
  SERC1003: { title: 'unterminated block comment', severity: 'error' },
  SERC1004: { title: 'unknown #! directive (treated as a comment)', severity: 'warning' },
  SERC1101: { title: '#!ifdef without #!endif', severity: 'error' },
  SERC1102: { title: '#!else or #!endif without #!ifdef', severity: 'error' },
  SERC1103: { title: 'duplicate #!define', severity: 'error' },
  SERC1104: { title: 'malformed preprocessor directive', severity: 'error' },
  SERC1105: { title: 'include file not found', severity: 'error' },
  SERC1106: { title: 'include nesting too deep', severity: 'error' },
  SERC1107: { title: 'recursive #!define expansion', severity: 'error' },
  SERC1108: { title: '#!undef of a name that is not defined', severity: 'error' },
  SERC1109: { title: 'environment variable not set', severity: 'error' },
  SERC1201: { title: 'syntax error', severity: 'error' },
  SERC1202: { title: 'empty route block', severity: 'error' },
  SERC1203: { title: 'construct not supported by this dialect', severity: 'warning' },
  SERC1204: { title: 'too many parameters', severity: 'error' },
  SERC1205: { title: "unbalanced ')' (ignored)", severity: 'warning' },
  SERC1206: { title: 'block not closed before the next route block', severity: 'warning' },
  SERC1207: { title: 'operator not supported by this dialect', severity: 'error' },
  SERC1208: { title: 'empty block', severity: 'error' },
  SERC2001: { title: 'duplicate route block', severity: 'error' },
  SERC2002: { title: 'route(…) names a route that does not exist', severity: 'error' },
  SERC2003: { title: 't_on_*(…) names a route that does not exist', severity: 'error' },
  SERC2004: { title: 'invalid regular expression', severity: 'error' },
  SERC2005: { title: 'unreachable statement', severity: 'warning' },
  SERC2006: { title: 'module loaded twice', severity: 'error' },
  SERC2007: { title: 'action not allowed in this route block', severity: 'error' },
  SERC2008: { title: 'type mismatch in a constant expression', severity: 'error' },
};

/** Adds codes of a later stage (lint rules, TypeScript mapping); a code may be registered once. */
export function registerCodes(codes: Record<string, CodeInfo>): void {
  for (const [code, info] of Object.entries(codes)) {
    const existing = CODES[code];
    if (existing && existing.title !== info.title)
      throw new Error(`diagnostic code ${code} registered twice`);
    CODES[code] = info;
  }
}

/** Collects diagnostics of one run; rendering is separate (see renderHuman / renderJson). */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  /** Reports with the code's default severity. */
  report(
    code: string,
    message: string,
    range: SourceRange,
    extra?: { hint?: string; secondary?: Diagnostic['secondary']; severity?: Severity },
  ): Diagnostic {
    const d: Diagnostic = {
      severity: extra?.severity ?? CODES[code]?.severity ?? 'error',
      code,
      message,
      range,
    };
    if (extra?.secondary && extra.secondary.length > 0) d.secondary = extra.secondary;
    if (extra?.hint) d.hint = extra.hint;
    this.items.push(d);
    return d;
  }

  addAll(ds: readonly Diagnostic[]): void {
    for (const d of ds) this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then position, keeping the original order for ties. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags
    .map((d, i) => ({ d, i }))
    .sort(
      (x, y) =>
        cmp(x.d.range.file, y.d.range.file) ||
        x.d.range.startLine - y.d.range.startLine ||
        x.d.range.startColumn - y.d.range.startColumn ||
        x.i - y.i,
    )
    .map((e) => e.d);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An unexpected exception turned into a diagnostic; commands exit 3 with it and print no stack. */
export function internalErrorDiagnostic(err: unknown, file = '<serc>'): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return {
    severity: 'error',
    code: 'SERC0001',
    message: `internal error: ${message}`,
    range: { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    hint: 'this is a bug in serc, not in your script; please report it with the script that triggers it',
  };
}

/** rustc/Elm-style text: header, location, source line with a caret, notes for origin chains, hint. */
export function renderHuman(diags: readonly Diagnostic[], sources?: SourceSet): string {
  const out: string[] = [];
  for (const d of diags) {
    out.push(`${d.severity}[${d.code}]: ${d.message}`);
    out.push(...renderSnippet(d.range, sources, ''));
    for (const s of d.secondary ?? []) {
      out.push(...renderSnippet(s.range, sources, s.label));
    }
    for (const step of d.range.origin ?? []) {
      if (step.kind === 'define')
        out.push(`  = note: expanded from #!define ${step.name} at ${formatPosition(step.definedAt)}`);
      else out.push(`  = note: included from ${formatPosition(step.at)}`);
    }
    if (d.hint) out.push(`  = hint: ${d.hint}`);
    out.push('');
  }
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  if (errors + warnings > 0) out.push(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderSnippet(range: SourceRange, sources: SourceSet | undefined, label: string): string[] {
  const lines = [`  --> ${formatPosition(range)}${label ? ` (${label})` : ''}`];
  const file = sources?.get(range.file);
  if (!file || range.startLine > file.lineCount) return lines;
  const text = file.line(range.startLine).replace(/\t/g, ' ');
  const gutter = String(range.startLine);
  const pad = ' '.repeat(gutter.length);
  const endColumn = range.endLine === range.startLine ? range.endColumn : text.length;
  const width = Math.max(1, endColumn - range.startColumn + 1);
  lines.push(`${pad} |`);
  lines.push(`${gutter} | ${text}`);
  lines.push(
    `${pad} | ${' '.repeat(Math.max(0, range.startColumn - 1))}${'^'.repeat(width)}${label ? ` ${label}` : ''}`,
  );
  return lines;
}

/** One JSON document for tools: `{ diagnostics: [...], summary }`. */
export function renderJson(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.filter((d) => d.severity === 'warning').length;
  return JSON.stringify({ diagnostics: diags, summary: { errors, warnings } }, null, 2) + '\n';
}
