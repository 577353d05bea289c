// Shared helpers for the lint tests: lint a script given as text, list codes and lines.
import { parseText } from '../../compiler/frontend.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import { checkProgram, type CheckOptions } from '../../compiler/lint/run.js';

export function lintText(text: string, options: CheckOptions = {}): Diagnostic[] {
  return checkProgram(parseText(text, 'test.cfg'), options).diagnostics;
}

export function codes(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => d.code);
}

export function codeLines(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.code}:${d.range.startLine}`);
}
