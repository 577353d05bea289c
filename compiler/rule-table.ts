// The 2001 SER rule table (seed ser-first.cfg): one rule per line, `method_re uri_re host[:port]`,
// `#` comments; the first matching rule forwards statelessly. No blocks, so no grammar needed.
import type { Rule, TopItem } from './ast.js';
import type { DiagnosticBag } from './diagnostics.js';
import type { SourceFile } from './source.js';

export function parseRuleTable(file: SourceFile, diags: DiagnosticBag): TopItem[] {
  const items: TopItem[] = [];
  for (let n = 1; n <= file.lineCount; n++) {
    const raw = file.line(n);
    const code = raw.replace(/#.*$/, '');
    if (code.trim() === '') continue;
    const start = code.length - code.trimStart().length;
    const fields = code.trim().split(/\s+/);
    const range = {
      file: file.path,
      startLine: n,
      startColumn: start + 1,
      endLine: n,
      endColumn: code.trimEnd().length,
    };
    if (fields.length !== 3) {
      diags.report(
        'SERC1201',
        `a rule needs 3 fields (method regex, URI regex, host[:port]), found ${fields.length}`,
        range,
      );
      continue;
    }
    const [method = '', uri = '', dest = ''] = fields;
    for (const re of [method, uri]) {
      try {
        new RegExp(re);
      } catch {
        diags.report('SERC2004', `invalid regular expression ${JSON.stringify(re)}`, range);
      }
    }
    const m = /^(.*?)(?::(\d+))?$/.exec(dest);
    const rule: Rule = { kind: 'rule', method, uri, host: m?.[1] ?? dest, range };
    if (m?.[2]) rule.port = Number(m[2]);
    items.push(rule);
  }
  return items;
}
