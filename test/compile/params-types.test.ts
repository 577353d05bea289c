// runtime/engine/params-types.ts is generated from the registry (scripts/gen-params-types.ts): the
// committed file must match what the generator writes today, and generated modules import its types
// instead of inlining them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { renderParamsTypes } from '../../compiler/generate/params-types.js';
import { compileScript } from '../../compiler/pipeline.js';
import { findCoreParam, findModparam } from '../../runtime/modules/registry.js';
import { ScratchDir } from './helpers.js';

const FILE = resolve(import.meta.dirname, '..', '..', 'runtime', 'engine', 'params-types.ts');

describe('runtime/engine/params-types.ts', () => {
  it('is up to date (run npx tsx scripts/gen-params-types.ts)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(renderParamsTypes());
  });

  it('types core params and modparams as the registry declares them', () => {
    const text = renderParamsTypes();
    expect(findCoreParam('children')?.type).toBe('int');
    expect(text).toContain('  readonly children?: number;');
    expect(text).toContain('  readonly listen?: readonly string[];');
    expect(findModparam('msilo', 'db_url')?.type).toBe('str');
    expect(text).toMatch(/ {2}readonly msilo\?: \{\n(?: {4}.*\n)* {4}readonly db_url\?: string;/);
  });
});

describe('generated modules', () => {
  it('import the params types instead of inlining them', async () => {
    const ok = await compileScript('configs/msilo.cfg', { emit: 'ts' });
    expect(ok.exitCode).toBe(0);
    const ts = ok.typescript ?? '';
    expect(ts).toContain(
      "import type { ScriptCoreParams, ScriptModparams } from 'serc/runtime/engine/params-types.js';",
    );
    expect(ts).toContain('} as const satisfies ScriptCoreParams;');
    expect(ts).toContain('} as const satisfies ScriptModparams;');
    expect(ts).not.toMatch(/type (CoreParams|Modparams) =/);
    expect(ts).not.toContain('readonly children?:');
  }, 120_000);
});

describe('the types', () => {
  const scratch = new ScratchDir();
  let checks = 0;
  afterAll(() => scratch.dispose());

  /** TypeScript's errors for `values` checked against the generated types. */
  function errorsFor(values: string): string[] {
    const file = scratch.write(
      `check-${++checks}.ts`,
      `import type { ScriptCoreParams, ScriptModparams } from '${FILE.replace(/\.ts$/, '.js')}';\n${values}\n`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  }

  it('accept what a script may set and reject a mistyped or unknown value', () => {
    expect(
      errorsFor(
        "export const c = { children: 2, listen: ['udp:127.0.0.1:5060'] } as const satisfies ScriptCoreParams;\n" +
          "export const m = { msilo: { db_url: 'sqlite:///x.db' } } as const satisfies ScriptModparams;",
      ),
    ).toEqual([]);
    expect(
      errorsFor('export const m = { msilo: { db_url: 5 } } as const satisfies ScriptModparams;'),
    ).toHaveLength(1);
    expect(
      errorsFor("export const c = { children: 'two' } as const satisfies ScriptCoreParams;"),
    ).toHaveLength(1);
    expect(
      errorsFor('export const c = { no_such_param: 1 } as const satisfies ScriptCoreParams;'),
    ).toHaveLength(1);
  }, 60_000);
});
