// Shared helpers for the front-end tests: parse snippets, find nodes, read the corpus.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Expr, RouteBlock, Script, Statement } from '../../compiler/ast.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import type { DialectFamily } from '../../compiler/dialect.js';
import { parseText, type FrontendOptions, type FrontendResult } from '../../compiler/frontend.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Real scripts live outside the project (never copied in); tests say so when they are absent. */
export const CORPUS_DIR = resolve(ROOT, '../shared/corpus');
export const CORPUS_PRESENT = existsSync(CORPUS_DIR);
export const CORPUS_ABSENT_MESSAGE = `corpus folder ${CORPUS_DIR} is absent: corpus tests are not run`;

export function corpusFiles(): string[] {
  if (!CORPUS_PRESENT) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.cfg'))
    .sort()
    .map((f) => join(CORPUS_DIR, f));
}

export const SEED_FILES = [
  'ser-first.cfg',
  'ser-0.8.8.cfg',
  'ser-3.x-default.cfg',
  'kamailio-3.1-default.cfg',
  'msilo-opensips.cfg',
  'msilo-ser.cfg',
].map((f) => join(ROOT, 'configs', f));

export function parse(text: string, dialect?: DialectFamily, options: FrontendOptions = {}): FrontendResult {
  return parseText(text, 'test.cfg', { ...options, ...(dialect ? { dialect } : {}) });
}

/** Kamailio snippets get the #!KAMAILIO header so they are read as Kamailio 3+ (not OpenSER 1.x). */
function withHeader(body: string, dialect: DialectFamily): string {
  return dialect === 'kamailio' ? `#!KAMAILIO\n${body}` : body;
}

export function errors(r: FrontendResult): Diagnostic[] {
  return r.diagnostics.filter((d) => d.severity === 'error');
}

/** Parses and asserts there are no errors; returns the AST. */
export function ast(text: string, dialect?: DialectFamily, options: FrontendOptions = {}): Script {
  const r = parse(text, dialect, options);
  const errs = errors(r);
  if (errs.length > 0 || !r.ast)
    throw new Error(
      `unexpected errors: ${errs.map((e) => `${e.range.startLine}:${e.range.startColumn} ${e.message}`).join('; ')}`,
    );
  return r.ast;
}

export function routes(script: Script): RouteBlock[] {
  return script.items.filter((i): i is RouteBlock => i.kind === 'route');
}

/** The statements of the first route block of `body` wrapped as `route { body }`. */
export function statements(body: string, dialect: DialectFamily = 'kamailio'): Statement[] {
  const r = routes(ast(withHeader(`route {\n${body}\n}\n`, dialect), dialect))[0];
  if (!r) throw new Error('no route');
  return r.body.body;
}

/** The condition of `if (<expr>) exit;` parsed in `dialect`. */
export function condition(expr: string, dialect: DialectFamily = 'kamailio'): Expr {
  const s = statements(`if (${expr}) exit;`, dialect)[0];
  if (s?.kind !== 'if') throw new Error('not an if');
  return s.condition;
}

/** Renders an expression tree as a parenthesised string with meanings, for precedence tests. */
export function shape(e: Expr): string {
  switch (e.kind) {
    case 'binary':
      return `(${shape(e.left)} ${e.meaning} ${shape(e.right)})`;
    case 'unary':
      return `(${e.meaning} ${shape(e.operand)})`;
    case 'int':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'pv':
      return e.text;
    case 'keyword':
      return e.name;
    case 'word':
      return e.text;
    case 'call-expr':
      return `${e.call.name}()`;
    case 'cast':
      return `(${e.to} ${shape(e.operand)})`;
    case 'defined':
      return `(defined ${shape(e.operand)})`;
    case 'ip':
      return `${e.address}${e.mask ? `/${e.mask}` : ''}`;
    default:
      return e.kind;
  }
}
