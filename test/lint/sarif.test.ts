// SARIF output validates against the SARIF 2.1.0 schema (a transcribed subset committed under
// test/fixtures/sarif, see its $comment) with ajv, and carries rules, levels and regions.
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../compiler/commands/lint.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema: unknown = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'),
    'utf8',
  ),
);

function sarifOf(text: string): { log: unknown; code: number } {
  const dir = mkdtempSync(join(tmpdir(), 'serc-sarif-'));
  writeFileSync(join(dir, 'bad.cfg'), text);
  let out = '';
  const code = runLint(
    { paths: ['bad.cfg'], format: 'sarif', cwd: dir },
    { out: (t) => (out += t), err: () => undefined },
  );
  return { log: JSON.parse(out), code };
}

describe('serc lint --format sarif', () => {
  const { log, code } = sarifOf(
    '#!KAMAILIO\nloadmodule "tm.so"\nloadmodule "xlog.so"\nmodparam("tm", "fr_timer", "ten")\nrequest_route {\n  xlog("$fuu");\n  route(NOPE);\n}\nroute[OLD] { exit; }\n',
  );

  it('validates against the SARIF 2.1.0 schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema as object);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('reports results with rule ids, levels, relative URIs and regions', () => {
    expect(code).toBe(1);
    const run = (
      log as { runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[] }
    ).runs[0];
    expect(run?.tool.driver.rules.some((r) => r.id === 'SERC3101')).toBe(true);
    const results = run?.results ?? [];
    const modparam = results.find((r) => r.ruleId === 'SERC3101') as
      | {
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> };
          }[];
        }
      | undefined;
    expect(modparam?.level).toBe('error');
    expect(modparam?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('bad.cfg');
    expect(modparam?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: 28,
      endLine: 4,
      endColumn: 33,
    });
    expect(results.find((r) => r.ruleId === 'SERC3001')?.level).toBe('warning');
  });

  it('is rejected by the schema when a required property is missing (the validator is not vacuous)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema as object);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { tool: { driver: { name?: string } } }[] };
    const driver = broken.runs[0]?.tool.driver;
    if (driver) delete driver.name;
    expect(validate(broken)).toBe(false);
  });
});
