// In-process type-check of a generated module against the runtime's own types (ts-morph). Every
// TypeScript error is mapped back to the .cfg range that produced it; one that cannot be mapped is
// a bug in serc (internal error).
import { resolve } from 'node:path';
import { Project, ts, type Diagnostic as TsDiagnostic, type SourceFile } from 'ts-morph';
import type { Call, Script } from './ast.js';
import { internalErrorDiagnostic, registerCodes, type Diagnostic } from './diagnostics.js';
import type { SourceRange } from './source.js';
import type { LineMap } from './sourcemap.js';
import { SERC_ROOT } from './generate/paths.js';
import { forEachNode } from './generate/walk.js';
import { findFunction, findModparam, modparamTargets } from '../runtime/modules/registry.js';

registerCodes({
  SERC5100: { title: 'the generated code does not type-check', severity: 'error' },
  SERC5101: { title: 'function not allowed in this route type', severity: 'error' },
  SERC5102: { title: 'modparam value has the wrong type', severity: 'error' },
  SERC5103: { title: "serc's runtime does not implement this yet", severity: 'error' },
});

let shared: Project | undefined;

/** One project per process: the runtime's files are parsed once and reused by later checks. */
function project(): Project {
  shared ??= new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      typeRoots: [resolve(SERC_ROOT, 'node_modules/@types')],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      paths: { 'serc/*': [`${SERC_ROOT}/*`] },
    },
  });
  return shared;
}

/** Formats generated text with the TypeScript formatter (2-space indent) for stable, readable output. */
export function formatGenerated(text: string, name: string): string {
  const file = project().createSourceFile(virtualPath(`${name}.format`), text, { overwrite: false });
  file.formatText({
    indentSize: 2,
    tabSize: 2,
    convertTabsToSpaces: true,
    semicolons: ts.SemicolonPreference.Insert,
  });
  const out = file.getFullText();
  project().removeSourceFile(file);
  return out;
}

let entryExports: ReadonlySet<string> | undefined;

/** Names exported by the runtime's public entry (runtime/index.ts), read once per process. */
export function runtimeEntryExports(): ReadonlySet<string> {
  if (!entryExports) {
    const file = project().addSourceFileAtPath(resolve(SERC_ROOT, 'runtime', 'index.ts'));
    entryExports = new Set(file.getExportedDeclarations().keys());
  }
  return entryExports;
}

let serial = 0;

/**
 * A fresh in-memory path per use: re-creating a file at a path the project has seen lets the
 * compiler reuse stale parse state, so every check gets its own (never written) file.
 */
function virtualPath(name: string): string {
  serial++;
  return resolve(SERC_ROOT, '.serc-generated', `${name}.${serial}.ts`);
}

export interface TypecheckInput {
  name: string;
  text: string;
  map: LineMap;
  script: Script;
}

export function typecheck(input: TypecheckInput): Diagnostic[] {
  const file = project().createSourceFile(virtualPath(input.name), input.text, { overwrite: false });
  try {
    const diags = file
      .getPreEmitDiagnostics()
      .filter((d) => d.getSourceFile()?.getFilePath() === file.getFilePath());
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const d of diags) {
      const mapped = mapDiagnostic(d, file, input);
      const key = `${mapped.code}:${mapped.range.file}:${mapped.range.startLine}:${mapped.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(mapped);
    }
    return out;
  } finally {
    project().removeSourceFile(file);
  }
}

function mapDiagnostic(d: TsDiagnostic, file: SourceFile, input: TypecheckInput): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ');
  const line = d.getLineNumber();
  const range = line === undefined ? undefined : input.map.lines[line - 1];
  if (!range) {
    const internal = internalErrorDiagnostic(
      new Error(`unmapped TypeScript error TS${d.getCode()} at ${input.name}.ts:${line ?? '?'}: ${message}`),
    );
    return internal;
  }
  const start = d.getStart() ?? 0;
  const called = calledFunction(file, start);
  const code = d.getCode();
  if (called && /__sercRoute|RouteCtx</.test(message)) {
    const fn = findFunction(called, [], undefined);
    const allowed =
      fn.kind === 'found' || fn.kind === 'not-loaded' ? fn.fn.routes.join(', ') : 'other routes';
    const kind = routeKindAt(input.script, range);
    return {
      severity: 'error',
      code: 'SERC5101',
      message: `${called}() cannot be used in ${kind ? `a ${kind} route` : 'this route'}; it is allowed in: ${allowed}`,
      range: callRange(input.script, range, called) ?? range,
    };
  }
  if (code === 2339 || code === 2305 || code === 2307 || code === 2614 || code === 2724) {
    const what = /'([^']+)'/.exec(message)?.[1] ?? 'this';
    const name = called ?? what;
    return {
      severity: 'error',
      code: 'SERC5103',
      message: `serc's runtime does not implement ${name.replace(/^serc\//, '')} yet`,
      range: called ? (callRange(input.script, range, called) ?? range) : range,
    };
  }
  const modparam = modparamAt(input.script, range);
  if (modparam && code === 2322) {
    const desc = modparamTargets(modparam.module)
      .map((m) => findModparam(m, modparam.param))
      .find((p) => p !== undefined);
    const expected = desc?.type === 'int' ? 'an integer' : 'a string';
    return {
      severity: 'error',
      code: 'SERC5102',
      message: `modparam("${modparam.module}", "${modparam.param}") expects ${expected}`,
      range: modparam.valueRange,
    };
  }
  return { severity: 'error', code: 'SERC5100', message: `TS${code}: ${message}`, range };
}

/** `fn_save(...)` around a position → `save`. */
function calledFunction(file: SourceFile, pos: number): string | undefined {
  let node = file.getDescendantAtPos(pos);
  while (node && !node.isKind(ts.SyntaxKind.CallExpression)) node = node.getParent();
  const callee = node?.asKind(ts.SyntaxKind.CallExpression)?.getExpression().getText();
  if (callee?.startsWith('fn_')) return callee.slice(3);
  if (node) {
    const inner = node
      .getDescendantsOfKind(ts.SyntaxKind.Identifier)
      .find((i) => i.getText().startsWith('fn_'));
    if (inner) return inner.getText().slice(3);
  }
  return undefined;
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  if (inner.file !== outer.file) return false;
  const a = inner.startLine * 1e5 + inner.startColumn;
  return a >= outer.startLine * 1e5 + outer.startColumn && a <= outer.endLine * 1e5 + outer.endColumn;
}

/** The kind of route block containing a range (`failure` for failure_route[…]). */
function routeKindAt(script: Script, range: SourceRange): string | undefined {
  for (const item of script.items)
    if (item.kind === 'route' && within(range, item.range)) return item.routeKind;
  return undefined;
}

/** The name range of the call to `name` inside the statement at `stmt` (a finer caret). */
function callRange(script: Script, stmt: SourceRange, name: string): SourceRange | undefined {
  let found: SourceRange | undefined;
  forEachNode(script, (n) => {
    if (found || n.kind !== 'call') return;
    const c = n as Call;
    if (c.name === name && within(c.nameRange, stmt)) found = c.nameRange;
  });
  return found;
}

function modparamAt(
  script: Script,
  range: SourceRange,
): { module: string; param: string; valueRange: SourceRange } | undefined {
  for (const item of script.items)
    if (
      item.kind === 'modparam' &&
      item.range.file === range.file &&
      item.range.startLine === range.startLine &&
      item.range.startColumn === range.startColumn
    )
      return { module: item.moduleText, param: item.param, valueRange: item.value.range };
  return undefined;
}
