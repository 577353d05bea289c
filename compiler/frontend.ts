// The front end in one call: read → detect dialect → preprocess → parse → AST, with all
// diagnostics. Never throws on bad input; unexpected exceptions become an internal-error diagnostic.
import { resolve } from 'node:path';
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Script } from './ast.js';
import { resolveBreaks } from './ast-build.js';
import { DiagnosticBag, internalErrorDiagnostic, type Diagnostic } from './diagnostics.js';
import { detectDialect, type Dialect, type DialectFamily } from './dialect.js';
import { parser } from './parser.js';
import { preprocess, tokenRange, type DefineInfo, type PpToken } from './preprocess.js';
import { parseRuleTable } from './rule-table.js';
import { SourceSet, type SourceFile, type SourceRange } from './source.js';

export interface FrontendOptions {
  /** `-A NAME` / `-A NAME=VALUE`. */
  defines?: Record<string, string | true>;
  dialect?: DialectFamily;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface FrontendResult {
  /** undefined only when the file could not be read or serc failed internally. */
  ast: Script | undefined;
  diagnostics: Diagnostic[];
  sources: SourceSet;
  dialect?: Dialect;
  defines?: Map<string, DefineInfo>;
  /** Files pulled in by include_file/import_file. */
  includes?: string[];
}

export function parseFile(path: string, options: FrontendOptions = {}): FrontendResult {
  const sources = new SourceSet();
  let file: SourceFile;
  try {
    file = sources.read(path);
  } catch (err) {
    const reason =
      err instanceof Error && 'code' in err && err.code === 'ENOENT'
        ? 'no such file'
        : (err as Error).message;
    const range: SourceRange = { file: path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    return {
      ast: undefined,
      diagnostics: [
        { severity: 'error', code: 'SERC0002', message: `cannot read ${path}: ${reason}`, range },
      ],
      sources,
    };
  }
  return run(file, sources, { cwd: resolve(path, '..'), ...options });
}

export function parseText(text: string, virtualPath: string, options: FrontendOptions = {}): FrontendResult {
  const sources = new SourceSet();
  return run(sources.add(virtualPath, text), sources, options);
}

function run(file: SourceFile, sources: SourceSet, options: FrontendOptions): FrontendResult {
  const diags = new DiagnosticBag();
  try {
    const dialect = detectDialect(file.text, options.dialect);
    if (dialect.era === 'S0') {
      const items = parseRuleTable(file, diags);
      const ast: Script = { kind: 'script', dialect, items, range: file.range(0, file.text.length) };
      return { ast, diagnostics: diags.items, sources, dialect };
    }
    const pp = preprocess(
      file,
      sources,
      { family: dialect.family, defines: options.defines, env: options.env, cwd: options.cwd },
      diags,
    );
    if (pp.headers.length > 0 && !options.dialect) {
      const h = pp.headers[0];
      if (h === 'SER') dialect.pvMode = 'ser';
      else if (h === 'KAMAILIO' || h === 'OPENSER') dialect.pvMode = 'kamailio';
    }
    parser.dialect = dialect;
    parser.fallback = file.range(0, 1);
    parser.input = pp.tokens;
    parser.warnings = [];
    parser.continuedLine = (path, line) => /\\\s*$/.test(sources.get(path)?.line(line) ?? '');
    const items = parser.script();
    diags.addAll(parser.warnings);
    // One syntax error per offending token: recovery that inserts `)` and then `;` before the
    // same token would otherwise report the same spot twice.
    const seen = new Set<IToken>();
    for (const e of parser.errors) {
      if (seen.has(e.token)) continue;
      seen.add(e.token);
      const d = syntaxDiagnostic(e, pp.tokens, file);
      // The SER 2001/0.8 grammar let a line end without `;` (`… log("x"); drop`).
      if (dialect.era === 'S08' && d.message.startsWith("expected ';'")) {
        d.severity = 'warning';
        d.code = 'SERC1203';
        d.message = "missing ';' (accepted by early SER, an error in later versions)";
      }
      diags.add(d);
    }
    const ast: Script = {
      kind: 'script',
      dialect,
      items: items ?? [],
      range: file.range(0, file.text.length),
    };
    resolveBreaks(ast);
    return { ast, diagnostics: diags.items, sources, dialect, defines: pp.defines, includes: pp.includes };
  } catch (err) {
    diags.add(internalErrorDiagnostic(err, file.path));
    return { ast: undefined, diagnostics: diags.items, sources };
  }
}

function syntaxDiagnostic(e: IRecognitionException, tokens: PpToken[], file: SourceFile): Diagnostic {
  let tok: IToken | undefined = e.token;
  const usable = (t: IToken | undefined): boolean =>
    t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startLine) && t.tokenType.name !== 'EOF';
  let atEnd = false;
  if (!usable(tok)) {
    const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
    tok = usable(prev) ? prev : tokens[tokens.length - 1];
    atEnd = true;
  }
  let range: SourceRange;
  if (tok && usable(tok)) {
    range = tokenRange(tok as PpToken);
    if (atEnd)
      range = {
        ...range,
        startLine: range.endLine,
        startColumn: range.endColumn,
        endLine: range.endLine,
        endColumn: range.endColumn,
      };
  } else range = file.range(Math.max(0, file.text.length - 1), file.text.length);
  if (range.endLine !== range.startLine)
    range = { ...range, endLine: range.startLine, endColumn: range.startColumn };
  // A missing `;` (or a missing `)` before a line break) belongs right after what precedes it,
  // not on the next line's first token.
  if (!atEnd && tok) {
    const i = tokens.indexOf(tok as PpToken);
    const prev = i > 0 ? tokens[i - 1] : undefined;
    const missingSemicolon = e.message.startsWith("expected ';'");
    const nextLine =
      e.name === 'MismatchedTokenException' &&
      prev !== undefined &&
      (tok.startLine ?? 0) > (prev.endLine ?? 0);
    if (prev && usable(prev) && !prev.origin && !(tok as PpToken).origin && (missingSemicolon || nextLine)) {
      const p = tokenRange(prev);
      range = {
        ...p,
        startLine: p.endLine,
        startColumn: p.endColumn + 1,
        endLine: p.endLine,
        endColumn: p.endColumn + 1,
      };
    }
  }
  return { severity: 'error', code: 'SERC1201', message: e.message, range, ...hintFor(e.message) };
}

function hintFor(message: string): { hint?: string } {
  if (message.startsWith("expected ';'")) return { hint: 'statements, assignments and calls end with ;' };
  if (message.startsWith("expected '}'")) return { hint: 'a block opened with { is not closed' };
  return {};
}
