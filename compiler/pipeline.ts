// The whole compiler as one call: preprocess → parse → check → generate → format → type-check →
// bundle. Commands call `compileScript` and write what it returns; nothing here prints or exits.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Script } from './ast.js';
import { bundle } from './bundle.js';
import { checkProgram, compileBlockers as lintBlockers } from './lint/run.js';
import { hasErrors, internalErrorDiagnostic, type Diagnostic } from './diagnostics.js';
import type { DialectFamily } from './dialect.js';
import { EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { parseFile, type FrontendResult } from './frontend.js';
import { compileBlockers } from './generate/blockers.js';
import { generateModule } from './generate/module.js';
import { render } from './generate/output.js';
import { displayPathFrom, SERC_VERSION } from './generate/paths.js';
import type { SourceSet } from './source.js';
import { MAP_BASE, relocateSourceMap } from './map-location.js';
import { buildLineMap, toV3, type LineMap } from './sourcemap.js';
import { formatGenerated, runtimeEntryExports, typecheck } from './typecheck.js';

export type EmitKind = 'ts' | 'bundle' | 'both';

export interface CompileOptions {
  defines?: Record<string, string | true>;
  dialect?: DialectFamily;
  /** What to produce; `ts` skips the bundle. Default `both`. */
  emit?: EmitKind;
  /** Output base name; default the script's name without `.cfg`. */
  name?: string;
}

export interface OutputFile {
  /** File name inside the output directory. */
  name: string;
  contents: string;
  /** For a source map: the folder its `sources` are relative to (re-based on the folder written to). */
  sourceMapBase?: string;
}

export interface CompileResult {
  exitCode: number;
  diagnostics: Diagnostic[];
  sources: SourceSet | undefined;
  files: OutputFile[];
  /** The formatted generated module (also in `files` when emitted). */
  typescript?: string;
}

export async function compileScript(path: string, options: CompileOptions = {}): Promise<CompileResult> {
  const name = options.name ?? basename(path).replace(/\.cfg$/, '');
  const emit = options.emit ?? 'both';
  let fe: FrontendResult | undefined;
  try {
    fe = parseFile(path, { defines: options.defines, dialect: options.dialect });
    const diagnostics = [...fe.diagnostics];
    const done = (exitCode: number, files: OutputFile[] = [], typescript?: string): CompileResult => ({
      exitCode,
      diagnostics,
      sources: fe?.sources,
      files,
      typescript,
    });
    if (!fe.ast || hasErrors(diagnostics)) return done(exitOf(diagnostics));
    const ast = fe.ast;

    diagnostics.push(...moduleChecks(fe, ast));
    if (hasErrors(diagnostics)) return done(exitOf(diagnostics));

    const gen = generateTypeScript(ast, path, name);
    diagnostics.push(...gen.diagnostics);
    if (hasErrors(diagnostics)) return done(exitOf(diagnostics), [], gen.text);
    const { text, map } = gen;

    const tsMap = toV3(map, `${name}.ts`, displayPathFrom(MAP_BASE), (f) => fe?.sources.get(f)?.text);
    const files: OutputFile[] = [];
    if (emit !== 'bundle') {
      files.push({ name: `${name}.ts`, contents: `${text}//# sourceMappingURL=${name}.ts.map\n` });
      files.push({ name: `${name}.ts.map`, contents: tsMap, sourceMapBase: MAP_BASE });
    }
    if (emit !== 'ts') {
      const b = await bundle({ name, text, sourceMap: tsMap });
      files.push({ name: `${name}.mjs`, contents: b.code });
      files.push({ name: `${name}.mjs.map`, contents: b.map, sourceMapBase: MAP_BASE });
    }
    return done(EXIT_OK, files, text);
  } catch (err) {
    const diagnostics = [...(fe?.diagnostics ?? []), internalErrorDiagnostic(err, path)];
    return { exitCode: EXIT_INTERNAL, diagnostics, sources: fe?.sources, files: [] };
  }
}

export interface GeneratedTypeScript {
  /** Formatted module text ('' when generation failed). */
  text: string;
  map: LineMap;
  display: (file: string) => string;
  /** Generator and type-check diagnostics, mapped to the .cfg. */
  diagnostics: Diagnostic[];
}

/** Generate, format and type-check one script's module (no checker, no bundle). */
export function generateTypeScript(ast: Script, path: string, name: string): GeneratedTypeScript {
  const display = displayPathFrom(dirname(resolve(path)));
  const generated = generateModule(ast, {
    displayPath: display,
    mainFile: path,
    version: SERC_VERSION,
    runtimeExports: runtimeEntryExports(),
  });
  if (hasErrors(generated.diagnostics))
    return { text: '', map: { lines: [] }, display, diagnostics: generated.diagnostics };
  const rendered = render(generated.items, display);
  const text = formatGenerated(rendered.text, name);
  const map = buildLineMap(text, rendered.markers);
  const diagnostics = [...generated.diagnostics, ...typecheck({ name, text, map, script: ast })];
  return { text, map, display, diagnostics };
}

export async function writeOutputs(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const p = join(dir, f.name);
    await writeFile(p, f.sourceMapBase ? relocateSourceMap(f.contents, f.sourceMapBase, dir) : f.contents);
    written.push(p);
  }
  return written;
}

function exitOf(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.some((d) => d.code === 'SERC0001')
    ? EXIT_INTERNAL
    : hasErrors(diagnostics)
      ? EXIT_ERRORS
      : EXIT_OK;
}

/**
 * The module-aware checker: when something the runtime lacks blocks compilation, only those blockers
 * are reported (one per distinct name); otherwise every checker diagnostic. The generator's own
 * blocker scan backs it up for calls the generator cannot bind.
 */
function moduleChecks(fe: FrontendResult, ast: Script): Diagnostic[] {
  const checked = checkProgram(fe);
  const blockers = checked.model ? lintBlockers(checked.model, fe) : [];
  if (blockers.length > 0) return blockers;
  if (hasErrors(checked.diagnostics)) return checked.diagnostics.filter((d) => !fe.diagnostics.includes(d));
  const own = compileBlockers(ast);
  const rest = checked.diagnostics.filter((d) => !fe.diagnostics.includes(d));
  return [...rest, ...own];
}
