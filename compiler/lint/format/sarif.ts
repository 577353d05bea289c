// SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps): one run, serc as the tool driver
// with its rule table, one result per diagnostic.
import { relative, resolve } from 'node:path';
import type { Diagnostic, Severity } from '../../diagnostics.js';
import { ruleDocUri } from '../docs-link.js';
import { RULES } from '../rules/index.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  note: 'note',
};

export interface SarifOptions {
  version: string;
  /** Artifact URIs are made relative to this directory (SARIF's %SRCROOT%). */
  root: string;
}

export function renderSarif(diags: readonly Diagnostic[], opts: SarifOptions): string {
  const rules = RULES.map((r) => ({
    id: r.code,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    helpUri: ruleDocUri(r.code),
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const results = diags.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: relative(opts.root, resolve(opts.root, d.range.file)).split('\\').join('/'),
              uriBaseId: '%SRCROOT%',
            },
            region: {
              startLine: d.range.startLine,
              startColumn: d.range.startColumn,
              endLine: d.range.endLine,
              // SARIF end columns are exclusive; serc's are inclusive.
              endColumn: d.range.endColumn + 1,
            },
          },
        },
      ],
    };
    const i = index.get(d.code);
    if (i !== undefined) result.ruleIndex = i;
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'serc',
            version: opts.version,
            informationUri: ruleDocUri('index').replace(/index\.md$/, ''),
            rules,
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
