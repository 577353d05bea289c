// Kamailio-style preprocessor, token-driven: lexes a file, runs #! directives in order, skips
// inactive #!ifdef regions without lexing them, replaces define IDs by their re-lexed values,
// inlines include_file, and gives every token its origin chain (define expansion / inclusion).
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { IToken } from 'chevrotain';
import { DiagnosticBag } from './diagnostics.js';
import type { DialectFamily } from './dialect.js';
import {
  BlockComment,
  Directive,
  DqString,
  Identifier,
  IncludeDirective,
  LoadModule,
  LParen,
  ModeHeader,
  Variable,
  SqString,
  tokenize,
  UnknownHashBang,
  UnterminatedString,
} from './lexer.js';
import type { OriginStep, SourceFile, SourceRange, SourceSet } from './source.js';
import { evalPpExpression } from './pp-expr.js';

/** A token after preprocessing: Chevrotain's IToken plus the file it came from and its origin chain. */
export interface PpToken extends IToken {
  file: string;
  origin?: OriginStep[];
}

export interface DefineInfo {
  name: string;
  /** undefined: defined without a value (`#!define X`). */
  value: string | undefined;
  range: SourceRange;
}

export interface PreprocessOptions {
  family: DialectFamily;
  /** `-A NAME` (true) / `-A NAME=VALUE`. */
  defines?: Record<string, string | true>;
  env?: Record<string, string | undefined>;
  /** Base for relative include paths before the including file's folder (Kamailio: the CWD). */
  cwd?: string;
}

export interface PreprocessResult {
  tokens: PpToken[];
  defines: Map<string, DefineInfo>;
  /** Mode headers seen (#!KAMAILIO …), in order. */
  headers: string[];
  /** Files included, in order. */
  includes: string[];
}

interface Conditional {
  range: SourceRange;
  /** Some branch of this #!if… was already taken. */
  taken: boolean;
  elseSeen: boolean;
}

interface SubstRule {
  re: RegExp;
  replacement: string;
}

const COMMAND_LINE: SourceRange = {
  file: '<command line>',
  startLine: 1,
  startColumn: 1,
  endLine: 1,
  endColumn: 1,
};
const MAX_INCLUDE_DEPTH = 10;
const MAX_EXPANSION_DEPTH = 64;

export function tokenRange(tok: IToken & { file?: string; origin?: OriginStep[] }): SourceRange {
  const r: SourceRange = {
    file: tok.file ?? '<unknown>',
    startLine: tok.startLine ?? 1,
    startColumn: tok.startColumn ?? 1,
    endLine: tok.endLine ?? tok.startLine ?? 1,
    endColumn: tok.endColumn ?? tok.startColumn ?? 1,
  };
  if (tok.origin && tok.origin.length > 0) r.origin = tok.origin;
  return r;
}

class Preprocessor {
  readonly tokens: PpToken[] = [];
  readonly defines = new Map<string, DefineInfo>();
  readonly headers: string[] = [];
  readonly includes: string[] = [];
  private readonly conditionals: Conditional[] = [];
  private readonly substs: SubstRule[] = [];

  constructor(
    private readonly sources: SourceSet,
    private readonly diags: DiagnosticBag,
    private readonly options: PreprocessOptions,
  ) {
    if (options.family === 'kamailio') {
      for (const [name, value] of [
        ['KAMAILIO_6', undefined],
        ['KAMAILIO_6_2', undefined],
        ['KAMAILIO_6_2_0', undefined],
        ['KAMAILIO_VERSION', '6002000'],
        ['OS_NAME', '"linux"'],
      ] as const)
        this.defines.set(name, { name, value, range: COMMAND_LINE });
    }
    for (const [name, value] of Object.entries(options.defines ?? {}))
      this.defines.set(name, { name, value: value === true ? undefined : value, range: COMMAND_LINE });
  }

  run(file: SourceFile): void {
    this.processFile(file, undefined, 0);
    for (const open of this.conditionals)
      this.diags.report('SERC1101', '#!ifdef/#!ifndef is never closed', open.range, {
        hint: 'add a matching #!endif (it needs a line break after it)',
      });
  }

  private processFile(file: SourceFile, origin: OriginStep[] | undefined, depth: number): void {
    const text = file.text;
    const baseDepth = this.conditionals.length;
    let offset = 0;
    outer: while (offset < text.length) {
      const lexed = this.lexFrom(file, offset, origin);
      let errorIndex = 0;
      const flushErrors = (upTo: number): void => {
        while (errorIndex < lexed.errors.length && (lexed.errors[errorIndex]?.offset ?? 0) < upTo) {
          const e = lexed.errors[errorIndex++];
          if (!e) continue;
          const ch = text.slice(e.offset, e.offset + Math.min(e.length, 10));
          this.diags.report(
            'SERC1001',
            `stray character${e.length > 1 ? 's' : ''} ${JSON.stringify(ch)} ignored`,
            {
              ...file.range(e.offset, e.offset + e.length, origin),
            },
          );
        }
      };
      for (const tok of lexed.tokens) {
        flushErrors(tok.startOffset);
        const resume = this.handleToken(tok, file, origin, depth);
        if (resume !== undefined) {
          offset = resume;
          continue outer;
        }
      }
      flushErrors(Number.MAX_SAFE_INTEGER);
      break;
    }
    // Conditionals opened in an included file must close there too (Kamailio checks at EOF).
    if (depth > 0 && this.conditionals.length > baseDepth) {
      for (const open of this.conditionals.splice(baseDepth))
        this.diags.report('SERC1101', '#!ifdef/#!ifndef is never closed in this file', open.range);
    }
  }

  /** Lexes `file` from `offset`, with positions relative to the whole file. */
  private lexFrom(
    file: SourceFile,
    offset: number,
    origin: OriginStep[] | undefined,
  ): { tokens: PpToken[]; errors: { offset: number; length: number }[] } {
    const result = tokenize(offset === 0 ? file.text : file.text.slice(offset), this.options.family);
    const base = file.position(offset);
    const shiftLine = base.line - 1;
    const shiftCol = base.column - 1;
    const tokens = result.tokens.map((t) => {
      const tok = t as PpToken;
      if (offset > 0) {
        if (tok.startLine === 1) tok.startColumn = (tok.startColumn ?? 1) + shiftCol;
        if (tok.endLine === 1) tok.endColumn = (tok.endColumn ?? 1) + shiftCol;
        tok.startOffset += offset;
        tok.endOffset = (tok.endOffset ?? tok.startOffset) + offset;
        tok.startLine = (tok.startLine ?? 1) + shiftLine;
        tok.endLine = (tok.endLine ?? 1) + shiftLine;
      }
      tok.file = file.path;
      if (origin) tok.origin = origin;
      return tok;
    });
    const errors = result.errors.map((e) => ({ offset: e.offset + offset, length: e.length }));
    return { tokens, errors };
  }

  /** Handles one lexed token; returns an offset when lexing must restart there (after a skipped region). */
  private handleToken(
    tok: PpToken,
    file: SourceFile,
    origin: OriginStep[] | undefined,
    depth: number,
  ): number | undefined {
    switch (tok.tokenType) {
      case ModeHeader:
        this.headers.push(tok.image.replace(/^(#!|\/\/!)/, '').trim());
        return undefined;
      case BlockComment:
        if (!tok.image.endsWith('*/') || tok.image.length < 4)
          this.diags.report(
            'SERC1003',
            'block comment is not closed before the end of the file',
            startOf(tok),
            {
              hint: 'block comments nest: every /* needs its own */',
            },
          );
        return undefined;
      case UnterminatedString:
        this.diags.report('SERC1002', 'string is not closed before the end of the file', startOf(tok), {
          hint: `add the closing ${tok.image[0] === "'" ? "'" : '"'}`,
        });
        return undefined;
      case UnknownHashBang:
        if (this.options.family === 'kamailio' && !/^#!\//.test(tok.image))
          this.diags.report(
            'SERC1004',
            `unknown directive ${JSON.stringify(tok.image.split(/\s/)[0])} is ignored as a comment`,
            startOf(tok),
            {
              hint: 'known directives: #!define #!ifdef #!ifndef #!else #!endif #!trydef #!redefine #!subst #!substdef #!defenv; write "# " for a comment',
            },
          );
        return undefined;
      case Directive:
        return this.directive(tok, file);
      case IncludeDirective:
        this.include(tok, file, origin, depth);
        return undefined;
      default:
        this.emit(tok, 0, []);
        return undefined;
    }
  }

  /** Appends a token, expanding defines (IDs) and applying #!subst (strings, PVs). */
  private emit(tok: PpToken, level: number, stack: string[]): void {
    if (tok.tokenType === Identifier) {
      const def = this.defines.get(tok.image);
      if (def) {
        this.expand(tok, def, level, stack);
        return;
      }
    }
    if (
      (tok.tokenType === DqString ||
        tok.tokenType === SqString ||
        tok.tokenType.CATEGORIES?.includes(Variable)) &&
      this.substs.length > 0
    )
      tok.image = this.applySubst(tok.image);
    this.noteLoadModule(tok);
    this.tokens.push(tok);
  }

  private expand(use: PpToken, def: DefineInfo, level: number, stack: string[]): void {
    if (stack.includes(def.name) || level > MAX_EXPANSION_DEPTH) {
      this.diags.report('SERC1107', `#!define ${def.name} expands to itself`, tokenRange(use), {
        secondary: [{ range: def.range, label: 'defined here' }],
      });
      return;
    }
    if (def.value === undefined || def.value.trim() === '') return;
    const lexed = tokenize(def.value, this.options.family);
    const origin: OriginStep[] = [
      { kind: 'define', name: def.name, definedAt: def.range },
      ...(use.origin ?? []),
    ];
    if (lexed.errors.length > 0)
      this.diags.report(
        'SERC1001',
        `the value of #!define ${def.name} contains characters that are not valid here`,
        tokenRange({ ...use, origin }),
      );
    for (const t of lexed.tokens) {
      if (t.tokenType === BlockComment || t.tokenType === ModeHeader || t.tokenType === UnknownHashBang)
        continue;
      const copy: PpToken = {
        ...t,
        startOffset: use.startOffset,
        endOffset: use.endOffset,
        startLine: use.startLine,
        startColumn: use.startColumn,
        endLine: use.endLine,
        endColumn: use.endColumn,
        file: use.file,
        origin,
      };
      if (
        t.tokenType === Directive ||
        t.tokenType === IncludeDirective ||
        t.tokenType === UnterminatedString
      ) {
        this.diags.report(
          'SERC1104',
          `#!define ${def.name} expands to a directive or an unclosed string`,
          tokenRange(copy),
        );
        continue;
      }
      this.emit(copy, level + 1, [...stack, def.name]);
    }
  }

  private lastLoadModule = -1;

  /** Kamailio predefines MOD_<name> for each loadmodule, so `#!ifdef MOD_xlog` works. */
  private noteLoadModule(tok: PpToken): void {
    if (tok.tokenType === LoadModule) this.lastLoadModule = this.tokens.length;
    else if (tok.tokenType === DqString && this.options.family === 'kamailio') {
      const gap = this.tokens.length - this.lastLoadModule;
      if (
        this.lastLoadModule >= 0 &&
        (gap === 1 || (gap === 2 && this.tokens[this.tokens.length - 1]?.tokenType === LParen))
      ) {
        const name = moduleNameOf(tok.image.slice(1, -1));
        const key = `MOD_${name}`;
        if (!this.defines.has(key))
          this.defines.set(key, { name: key, value: undefined, range: tokenRange(tok) });
        this.lastLoadModule = -1;
      }
    }
  }

  private applySubst(image: string): string {
    let out = image;
    const quoted = /^["']/.test(out);
    let body = quoted ? out.slice(1, -1) : out;
    for (const rule of this.substs) body = body.replace(rule.re, rule.replacement);
    out = quoted ? `${image[0]}${body}${image[image.length - 1]}` : body;
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Directives

  private directive(tok: PpToken, file: SourceFile): number | undefined {
    const text = tok.image.replace(/\\\r?\n/g, ' ');
    const m = /^(?:#!|!!)([a-z]+)[ \t]*([\s\S]*)$/.exec(text);
    const name = m?.[1] ?? '';
    const args = (m?.[2] ?? '').trim();
    const range = startOf(tok);
    const after = (tok.endOffset ?? tok.startOffset) + 1;
    switch (name) {
      case 'define':
      case 'def':
      case 'trydefine':
      case 'trydef':
      case 'redefine':
      case 'redef':
        this.define(name, args, range);
        return undefined;
      case 'undefine':
      case 'undef':
      case 'tryundefine':
      case 'tryundef': {
        const id = args.split(/\s+/)[0] ?? '';
        if (!this.defines.delete(id) && !name.startsWith('try'))
          this.diags.report('SERC1108', `#!${name} ${id}: ${id} is not defined`, range);
        return undefined;
      }
      case 'ifdef':
      case 'ifndef':
      case 'ifexp': {
        let cond: boolean;
        if (name === 'ifexp') cond = this.evalCondition(args, range);
        else {
          const id = args.split(/\s+/)[0] ?? '';
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(id)) {
            this.diags.report('SERC1104', `#!${name} needs a name`, range);
          }
          cond = this.defines.has(id) === (name === 'ifdef');
        }
        this.conditionals.push({ range, taken: cond, elseSeen: false });
        return cond ? undefined : this.skip(file, after);
      }
      case 'else': {
        const top = this.conditionals[this.conditionals.length - 1];
        if (!top) {
          // Kamailio only counts #!if…/#!endif, so a stray #!else is ignored there: a warning.
          this.diags.report('SERC1102', '#!else without #!ifdef is ignored', range, { severity: 'warning' });
          return undefined;
        }
        if (top.elseSeen)
          this.diags.report('SERC1102', 'second #!else for the same #!ifdef', range, {
            secondary: [{ range: top.range, label: 'opened here' }],
          });
        top.elseSeen = true;
        return this.skip(file, after);
      }
      case 'endif':
        if (after >= file.text.length) this.endifAtEof(range);
        if (!this.conditionals.pop()) this.diags.report('SERC1102', '#!endif without #!ifdef', range);
        return undefined;
      case 'subst':
      case 'substdef':
      case 'substdefs':
        this.subst(name, args, range);
        return undefined;
      case 'defenv':
      case 'defenvs':
      case 'trydefenv':
      case 'trydefenvs':
        this.defenv(name, args, range);
        return undefined;
      case 'defexp':
      case 'defexps': {
        const dm = /^([A-Za-z_][A-Za-z0-9_]*)\s+([\s\S]+)$/.exec(args);
        if (!dm?.[1] || !dm[2]) {
          this.diags.report('SERC1104', `#!${name} needs a name and an expression`, range);
          return undefined;
        }
        const value = evalPpExpression(dm[2], this.defineValues());
        if (value === undefined)
          this.diags.report('SERC1104', `cannot evaluate the expression of #!${name}`, range);
        else
          this.setDefine(
            dm[1],
            name === 'defexps' ? JSON.stringify(String(value)) : String(value),
            range,
            'define',
          );
        return undefined;
      }
      default:
        this.diags.report('SERC1104', `unsupported directive #!${name}`, range);
        return undefined;
    }
  }

  /** Kamailio recognises #!endif only with a line break after it. */
  private endifAtEof(range: SourceRange): void {
    this.diags.report('SERC1101', '#!endif at the very end of the file needs a line break after it', range, {
      hint: 'Kamailio does not see this #!endif and reports an unclosed #!ifdef',
    });
  }

  private define(kind: string, args: string, range: SourceRange): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)([\s\S]*)$/.exec(args);
    if (!m?.[1]) {
      this.diags.report('SERC1104', `#!${kind} needs a name ([A-Za-z_][A-Za-z0-9_]*)`, range);
      return;
    }
    const rest = m[2] ?? '';
    // Kamailio stops the name at the first non-ID character; only a `-` there is fatal
    // (`#!define C(x) x` defines C as "(x) x": there are no macro parameters).
    if (rest.startsWith('-')) {
      this.diags.report('SERC1104', `#!${kind} ${m[1]}-…: a define name cannot contain '-'`, range, {
        hint: 'define names may only contain letters, digits and _',
      });
      return;
    }
    const value = rest.trim() === '' ? undefined : rest.trim();
    this.setDefine(m[1], value, range, kind);
  }

  private setDefine(name: string, value: string | undefined, range: SourceRange, kind: string): void {
    const existing = this.defines.get(name);
    if (existing && (kind === 'define' || kind === 'def')) {
      this.diags.report('SERC1103', `${name} is already defined`, range, {
        secondary: [{ range: existing.range, label: 'first defined here' }],
        hint: 'use #!redefine to replace a definition, or #!trydef to keep the first one',
      });
      return;
    }
    if (existing && kind.startsWith('try')) return;
    this.defines.set(name, { name, value, range });
  }

  private defineValues(): Map<string, string | undefined> {
    const m = new Map<string, string | undefined>();
    for (const [k, v] of this.defines) m.set(k, v.value);
    return m;
  }

  private evalCondition(expr: string, range: SourceRange): boolean {
    const v = evalPpExpression(expr, this.defineValues());
    if (v === undefined) {
      this.diags.report('SERC1104', 'cannot evaluate the #!ifexp expression', range);
      return false;
    }
    return typeof v === 'number' ? v !== 0 : v !== '';
  }

  private subst(kind: string, args: string, range: SourceRange): void {
    const m = /^"([\s\S]*)"$/.exec(args);
    const body = m?.[1];
    const sep = body?.[0];
    if (!body || !sep || sep === '\\') {
      this.diags.report('SERC1104', `#!${kind} expects "/regex/replacement/flags"`, range);
      return;
    }
    const parts = splitUnescaped(body.slice(1), sep);
    if (parts.length < 2) {
      this.diags.report('SERC1104', `#!${kind} expects "/regex/replacement/flags"`, range);
      return;
    }
    const [pattern = '', replacement = '', flags = ''] = parts;
    let re: RegExp;
    try {
      re = new RegExp(pattern, `${flags.includes('g') ? 'g' : ''}${flags.includes('i') ? 'i' : ''}`);
    } catch (err) {
      this.diags.report(
        'SERC1104',
        `#!${kind}: invalid regular expression (${(err as Error).message})`,
        range,
      );
      return;
    }
    this.substs.push({ re, replacement: replacement.replace(/\\(\d)/g, '$$$1') });
    if (kind !== 'subst') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(pattern)) {
        this.diags.report('SERC1104', `#!${kind}: the pattern must be a define name`, range);
        return;
      }
      this.setDefine(
        pattern,
        kind === 'substdefs' ? JSON.stringify(replacement) : replacement,
        range,
        'define',
      );
    }
  }

  private defenv(kind: string, args: string, range: SourceRange): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([A-Za-z_][A-Za-z0-9_]*))?/.exec(args);
    if (!m?.[1]) {
      this.diags.report('SERC1104', `#!${kind} expects ID=ENVVAR or ENVVAR`, range);
      return;
    }
    const id = m[1];
    const envName = m[2] ?? m[1];
    const env = this.options.env ?? process.env;
    const value = env[envName];
    if (value === undefined) {
      if (!kind.startsWith('try'))
        this.diags.report('SERC1109', `environment variable ${envName} is not set`, range);
      return;
    }
    this.setDefine(id, kind.endsWith('s') ? JSON.stringify(value) : value, range, 'redefine');
  }

  /**
   * Skips an inactive region without lexing it, as Kamailio does: only #!if…/#!else/#!endif are
   * tracked. Returns where lexing resumes.
   */
  private skip(file: SourceFile, from: number): number {
    const re = /(?:#!|!!)(ifdef|ifndef|ifexp|else|endif)(?![A-Za-z0-9_])[^\n]*/g;
    re.lastIndex = from;
    let depth = 0;
    for (let m = re.exec(file.text); m; m = re.exec(file.text)) {
      const kind = m[1];
      if (kind === 'ifdef' || kind === 'ifndef' || kind === 'ifexp') depth++;
      else if (depth > 0) {
        if (kind === 'endif') depth--;
      } else {
        const top = this.conditionals[this.conditionals.length - 1];
        const range = file.range(m.index, m.index + m[0].length);
        if (kind === 'endif') {
          if (m.index + m[0].length >= file.text.length) this.endifAtEof(range);
          this.conditionals.pop();
          return m.index + m[0].length;
        }
        if (top) {
          if (top.elseSeen) {
            this.diags.report('SERC1102', 'second #!else for the same #!ifdef', range);
            continue;
          }
          top.elseSeen = true;
          if (!top.taken) {
            top.taken = true;
            return m.index + m[0].length;
          }
        }
      }
    }
    return file.text.length;
  }

  // -------------------------------------------------------------------------------------------
  // Includes

  private include(tok: PpToken, file: SourceFile, origin: OriginStep[] | undefined, depth: number): void {
    const optional = /import_file/.test(tok.image);
    const raw = /"((?:[^"\\]|\\.)*)"/.exec(tok.image)?.[1] ?? '';
    let name = raw.replace(/\\([tnr])|\\(.)/g, (_s, esc: string | undefined, other: string | undefined) =>
      esc === 't' ? '\t' : esc === 'n' ? '\n' : esc === 'r' ? '\r' : (other ?? ''),
    );
    if (this.substs.length > 0) name = this.applySubst(name);
    const range = tokenRange(tok);
    if (depth + 1 > MAX_INCLUDE_DEPTH) {
      this.diags.report('SERC1106', `include nesting deeper than ${MAX_INCLUDE_DEPTH} (loop?)`, range);
      return;
    }
    const candidates = isAbsolute(name)
      ? [name]
      : [resolve(this.options.cwd ?? process.cwd(), name), resolve(dirname(file.path), name)];
    const found = candidates.find((p) => existsSync(p));
    if (!found) {
      if (!optional)
        this.diags.report('SERC1105', `cannot find include file ${JSON.stringify(name)}`, range, {
          hint: "relative paths are tried from the current directory, then from the including file's folder",
        });
      return;
    }
    let included: SourceFile;
    try {
      included = this.sources.read(found);
    } catch (err) {
      this.diags.report(
        'SERC0002',
        `cannot read include file ${JSON.stringify(name)}: ${(err as Error).message}`,
        range,
      );
      return;
    }
    this.includes.push(found);
    const step: OriginStep = { kind: 'include', at: { ...range, origin: undefined } };
    delete step.at.origin;
    if (origin) step.at.origin = origin;
    this.processFile(included, [step], depth + 1);
  }
}

function startOf(tok: PpToken): SourceRange {
  const r = tokenRange(tok);
  if (r.endLine !== r.startLine) {
    r.endLine = r.startLine;
    r.endColumn = r.startColumn + (tok.image.split('\n')[0]?.length ?? 1) - 1;
  }
  return r;
}

function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\\' && s[i + 1] === sep) {
      cur += sep;
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** "/usr/lib/ser/modules/sl.so" → "sl"; "tm" → "tm". */
export function moduleNameOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.so$/, '');
}

export function preprocess(
  file: SourceFile,
  sources: SourceSet,
  options: PreprocessOptions,
  diags: DiagnosticBag,
): PreprocessResult {
  const pp = new Preprocessor(sources, diags, options);
  pp.run(file);
  return { tokens: pp.tokens, defines: pp.defines, headers: pp.headers, includes: pp.includes };
}
