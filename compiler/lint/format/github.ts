// GitHub Actions workflow commands: `::error file=…,line=…::message` lines become annotations.
import type { Diagnostic } from '../../diagnostics.js';

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderGithub(diags: readonly Diagnostic[]): string {
  return diags
    .map((d) => {
      const r = d.range;
      const props = [
        `file=${escapeProperty(r.file)}`,
        `line=${r.startLine}`,
        `col=${r.startColumn}`,
        `endLine=${r.endLine}`,
        `endColumn=${r.endColumn}`,
        `title=${escapeProperty(`${d.code} ${d.severity}`)}`,
      ].join(',');
      const text = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
      return `::${COMMAND[d.severity]} ${props}::${escapeData(text)}\n`;
    })
    .join('');
}
