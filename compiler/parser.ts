// The Chevrotain grammar of routing scripts (LANGUAGE.md §4–§8). An embedded-actions parser that
// builds the AST directly; built once at module level and reused for every file. Expressions are
// parsed as a flat operand/operator list and folded with the dialect's precedence table.
import {
  EmbeddedActionsParser,
  EOF,
  type IToken,
  type TokenType,
  type IParserErrorMessageProvider,
  type ParserMethod,
} from 'chevrotain';
import type * as A from './ast.js';
import {
  BOOLEAN_WORDS,
  KEYWORD_OPERANDS,
  missingExpr,
  numberValue,
  pvFromText,
  socketAddress,
  stringValue,
} from './ast-build.js';
import { binaryOps, notOperandPower, PREFIX_POWER, type Dialect } from './dialect.js';
import * as T from './lexer.js';
import { tokenRange, type PpToken } from './preprocess.js';
import { spanRanges, type SourceRange } from './source.js';
import type { Diagnostic } from './diagnostics.js';

type Prefix = IToken;
interface OperandItem {
  prefixes: Prefix[];
  expr: A.Expr;
}
type FlatItem = { op: IToken } | OperandItem;

const TOKEN_LABELS: Record<string, string> = {
  Semicolon: "';'",
  Comma: "','",
  Colon: "':'",
  Dot: "'.'",
  LParen: "'('",
  RParen: "')'",
  LBrace: "'{'",
  RBrace: "'}'",
  LBracket: "'['",
  RBracket: "']'",
  Assign: "'='",
  AssignOperator: 'an assignment operator',
  BinaryOperator: 'an operator',
  Identifier: 'a name',
  AnyName: 'a name',
  DqString: 'a string',
  SqString: 'a string',
  Number: 'a number',
  Variable: 'a variable',
  EOF: 'end of file',
};

function label(t: TokenType): string {
  if (TOKEN_LABELS[t.name]) return TOKEN_LABELS[t.name] ?? t.name;
  if (t.name.startsWith('Kw_')) return `'${t.name.slice(3).split('|')[0]}'`;
  return t.name;
}

function shown(tok: IToken): string {
  return tok.tokenType === EOF
    ? 'end of file'
    : `'${tok.image.length > 30 ? `${tok.image.slice(0, 30)}…` : tok.image}'`;
}

const RULE_LABELS: Record<string, string> = {
  topItem: 'a top-level statement (parameter, loadmodule, modparam or route block)',
  statement: 'a statement',
  primary: 'a value',
  paramValue: 'a parameter value',
  valueAtom: 'a parameter value',
  routeNamePart: 'a route name',
  caseLabel: 'a case label',
  callStatement: "';'",
  block: "'}' or a statement",
  expression: 'an expression',
  prefixedOperand: 'a value',
  routeBlock: 'a route block',
  ifStatement: 'a condition',
};

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `expected ${label(expected)} but found ${shown(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${shown(firstRedundant)}`,
  buildNoViableAltMessage: ({ actual, ruleName }) =>
    `expected ${RULE_LABELS[ruleName] ?? ruleName} but found ${actual[0] ? shown(actual[0]) : 'nothing'}`,
  buildEarlyExitMessage: ({ actual, ruleName }) =>
    `expected ${RULE_LABELS[ruleName] ?? ruleName} but found ${actual[0] ? shown(actual[0]) : 'nothing'}`,
};

const ROUTE_KINDS: Record<string, A.RouteKind> = {
  route: 'request',
  request_route: 'request',
  failure_route: 'failure',
  onreply_route: 'onreply',
  reply_route: 'onreply',
  branch_route: 'branch',
  onsend_route: 'onsend',
  event_route: 'event',
  error_route: 'error',
  local_route: 'local',
  startup_route: 'startup',
  timer_route: 'timer',
};

class ScriptParser extends EmbeddedActionsParser {
  dialect: Dialect = { family: 'kamailio', era: 'K3', pvMode: 'maxcompat', reason: 'default' };
  fallback: SourceRange = { file: '<input>', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  /** Diagnostics of the grammar's own (lenient recoveries as warnings, dialect-specific errors). */
  warnings: Diagnostic[] = [];

  private warn(code: string, message: string, range: SourceRange, hint?: string): void {
    const d: Diagnostic = { severity: 'warning', code, message, range };
    if (hint) d.hint = hint;
    this.warnings.push(d);
  }

  private dialectError(message: string, range: SourceRange, hint: string): void {
    this.warnings.push({ severity: 'error', code: 'SERC1207', message, range, hint });
  }

  private dialectName(): string {
    return `${this.dialect.family} (${this.dialect.era})`;
  }

  /** `;` after a statement. (SER 0.8 leniency is applied to the resulting errors by the front end.) */
  private semicolon(): IToken {
    return this.CONSUME9(T.Semicolon);
  }

  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  /**
   * A grammar rule whose value after error recovery is a harmless placeholder of the right shape,
   * so AST-building actions never see `undefined` where a node is expected.
   */
  private rule<T>(name: string, impl: () => T): ParserMethod<[], T> {
    return this.RULE(name, impl, { recoveryValueFunc: () => this.recoveryValue(name) as T });
  }

  private recoveryValue(name: string): unknown {
    const range = this.lastRange();
    const missing = missingExpr(range);
    switch (name) {
      case 'script':
      case 'routeName':
      case 'valueChain':
      case 'valueAtom':
      case 'strings':
      case 'argumentList':
        return [];
      case 'block':
        return { kind: 'block', body: [], range } satisfies A.Block;
      case 'routeCall':
      case 'routeCallStatement':
        return { kind: 'route-call', name: undefined, args: [], range } satisfies A.RouteCall;
      case 'assignment':
      case 'assignStatement':
        return {
          kind: 'assign',
          op: '=',
          target: { kind: 'pv', text: '', name: '', form: 'pv', range },
          value: missing,
          range,
        } satisfies A.Assign;
      case 'call':
        return { kind: 'call', name: '', nameRange: range, args: [], parens: false, range } satisfies A.Call;
      case 'expression':
      case 'primary':
      case 'ipLiteral':
      case 'namedOperand':
      case 'caseLabel':
        return missing;
      case 'prefixedOperand':
        return { prefixes: [], expr: missing } satisfies OperandItem;
      case 'statement':
      case 'guardedActions':
      case 'guardedStatement':
      case 'ifStatement':
      case 'switchStatement':
      case 'whileStatement':
      case 'forStatement':
      case 'returnLike':
      case 'breakStatement':
      case 'callStatement':
        return { kind: 'empty', range } satisfies A.Empty;
      default:
        return undefined;
    }
  }

  /** Range of a token; tokens inserted by error recovery have no position and get the previous one. */
  private r(tok: IToken | undefined): SourceRange {
    if (!tok || tok.isInsertedInRecovery || !Number.isFinite(tok.startLine)) return this.lastRange();
    return tokenRange(tok as PpToken);
  }

  private lastRange(): SourceRange {
    for (let k = 0; k >= -3; k--) {
      const t = this.LA(k);
      if (t && t.tokenType !== EOF && !t.isInsertedInRecovery && Number.isFinite(t.startLine))
        return tokenRange(t as PpToken);
    }
    return this.fallback;
  }

  private span(a: SourceRange | undefined, b: SourceRange | undefined): SourceRange {
    if (!a) return b ?? this.lastRange();
    if (!b) return a;
    return spanRanges(a, b);
  }

  // ---------------------------------------------------------------------------------------------
  // Top level

  public script = this.rule('script', (): A.TopItem[] => {
    const items: (A.TopItem | undefined)[] = [];
    this.MANY(() => {
      const item = this.SUBRULE(this.topItem);
      this.ACTION(() => items.push(item));
    });
    return this.ACTION(() => items.filter((i): i is A.TopItem => i !== undefined && i !== null));
  });

  private topItem = this.rule('topItem', (): A.TopItem | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.routeBlock) },
      { ALT: () => this.SUBRULE(this.loadModule) },
      { ALT: () => this.SUBRULE(this.modParam) },
      { ALT: () => this.SUBRULE(this.loadPath) },
      { ALT: () => this.SUBRULE(this.flagsDecl) },
      { ALT: () => this.SUBRULE(this.param) },
      {
        ALT: () => {
          this.CONSUME(T.Semicolon);
          return undefined;
        },
      },
    ]),
  );

  private routeBlock = this.rule('routeBlock', (): A.RouteBlock => {
    const kw = this.OR(T.ROUTE_KEYWORDS.map((t) => ({ ALT: () => this.CONSUME(t) })));
    let nameParts: IToken[] = [];
    let close: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      nameParts = this.SUBRULE(this.routeName);
      close = this.CONSUME(T.RBracket);
    });
    const body = this.SUBRULE(this.block);
    return this.ACTION(() => {
      const keyword = kw.image;
      nameParts = nameParts.filter((t) => t !== undefined && t !== null);
      const text = nameParts
        .map((t) =>
          t.tokenType === T.DqString || t.tokenType === T.SqString ? stringValue(t.image) : t.image,
        )
        .join('');
      const [first = '', ...args] = text.split(',').map((s) => s.trim());
      let routeKind = ROUTE_KINDS[keyword] ?? 'request';
      // SER 0.8 reply_route[N] was armed by t_on_negative: the ancestor of failure_route.
      if (keyword === 'reply_route' && this.dialect.era === 'S08' && nameParts.length > 0)
        routeKind = 'failure';
      let name: string | undefined = first === '' ? undefined : first;
      if ((routeKind === 'request' || routeKind === 'onreply') && name === '0') name = undefined;
      const node: A.RouteBlock = {
        kind: 'route',
        routeKind,
        keyword,
        name,
        body: body ?? { kind: 'block', body: [], range: this.r(kw) },
        range: this.span(this.r(kw), body?.range ?? this.r(close)),
      };
      if (args.length > 0) node.args = args;
      if (body && body.body.length === 0)
        this.warnings.push({
          severity: this.dialect.family === 'ser' ? 'warning' : 'error',
          code: 'SERC1202',
          message: `${keyword} block is empty`,
          range: this.r(kw),
          hint: 'Kamailio and OpenSIPS need at least one action in a route block (a lone ; is enough)',
        });
      if (nameParts.length > 0)
        node.nameRange = this.span(this.r(nameParts[0]), this.r(nameParts[nameParts.length - 1]));
      return node;
    });
  });

  private routeName = this.rule('routeName', (): IToken[] => {
    const parts: IToken[] = [];
    parts.push(this.SUBRULE(this.routeNamePart));
    this.MANY(() => {
      parts.push(
        this.OR([
          { ALT: () => this.CONSUME(T.Colon) },
          { ALT: () => this.CONSUME(T.Minus) },
          { ALT: () => this.CONSUME(T.Dot) },
          { ALT: () => this.CONSUME(T.Comma) },
        ]),
      );
      parts.push(this.SUBRULE2(this.routeNamePart));
    });
    return parts;
  });

  private routeNamePart = this.rule('routeNamePart', (): IToken =>
    this.OR([
      { ALT: () => this.CONSUME(T.AnyName) },
      { ALT: () => this.CONSUME(T.NumberLit) },
      { ALT: () => this.CONSUME(T.DqString) },
      { ALT: () => this.CONSUME(T.SqString) },
    ]),
  );

  private loadModule = this.rule('loadModule', (): A.LoadModule => {
    const kw = this.CONSUME(T.LoadModule);
    let path: IToken[] = [];
    let options: IToken[] | undefined;
    let end: IToken | undefined;
    this.OR([
      { ALT: () => (path = this.SUBRULE(this.strings)) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          path = this.SUBRULE2(this.strings);
          this.OPTION(() => {
            this.CONSUME(T.Comma);
            options = this.SUBRULE3(this.strings);
          });
          end = this.CONSUME(T.RParen);
        },
      },
    ]);
    this.OPTION2(() => (end = this.CONSUME(T.Semicolon)));
    return this.ACTION(() => {
      const p = joinStrings(path);
      const node: A.LoadModule = {
        kind: 'loadmodule',
        path: p,
        module: (p.split('/').pop() ?? p).replace(/\.so$/, ''),
        expand: kw.image === 'loadmodulex',
        range: this.span(this.r(kw), this.r(end ?? path[path.length - 1])),
      };
      if (options) node.options = joinStrings(options);
      return node;
    });
  });

  private modParam = this.rule('modParam', (): A.ModParam => {
    const kw = this.CONSUME(T.ModParam);
    this.CONSUME(T.LParen);
    const mod = this.SUBRULE(this.strings);
    this.CONSUME(T.Comma);
    const param = this.SUBRULE2(this.strings);
    this.CONSUME2(T.Comma);
    const value = this.SUBRULE(this.expression);
    const close = this.CONSUME(T.RParen);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => {
      const moduleText = joinStrings(mod);
      return {
        kind: 'modparam',
        modules: moduleText.split('|').map((m) => m.trim()),
        moduleText,
        param: joinStrings(param),
        value: value ?? missingExpr(this.r(close)),
        expand: kw.image === 'modparamx',
        range: this.span(this.r(kw), this.r(close)),
      };
    });
  });

  private loadPath = this.rule('loadPath', (): A.LoadPath => {
    const kw = this.CONSUME(T.LoadPath);
    this.OPTION(() => this.CONSUME(T.Assign));
    const dirs = this.SUBRULE(this.strings);
    this.OPTION2(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => ({
      kind: 'loadpath',
      keyword: 'loadpath',
      dirs: joinStrings(dirs)
        .split(':')
        .filter((d) => d !== ''),
      range: this.span(this.r(kw), this.r(dirs[dirs.length - 1])),
    }));
  });

  private flagsDecl = this.rule('flagsDecl', (): A.FlagsDecl => {
    const kw = this.CONSUME(T.Flags);
    const flags: { name: IToken; pos?: IToken }[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const name = this.CONSUME(T.AnyName);
        let pos: IToken | undefined;
        this.OPTION(() => {
          this.CONSUME(T.Colon);
          pos = this.CONSUME(T.NumberLit);
        });
        flags.push(pos ? { name, pos } : { name });
      },
    });
    let end: IToken | undefined;
    this.OPTION2(() => (end = this.CONSUME(T.Semicolon)));
    return this.ACTION(() => ({
      kind: 'flags',
      keyword: kw.image === 'avpflags' ? 'avpflags' : 'flags',
      flags: flags.map((f) => {
        const e: A.FlagsDecl['flags'][number] = { name: f.name.image, range: this.r(f.name) };
        if (f.pos) e.position = numberValue(f.pos.image);
        return e;
      }),
      range: this.span(this.r(kw), this.r(end ?? flags[flags.length - 1]?.name)),
    }));
  });

  /** `name = value`, `group.var = value desc "…"`, `group[N].var = …`, `coreparam["x"] = …`, `listen = …`. */
  private param = this.rule('param', (): A.TopItem => {
    const first = this.CONSUME(T.Identifier);
    const names: IToken[] = [first];
    let instance: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      instance = this.OR([{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME(T.DqString) }]);
      this.CONSUME(T.RBracket);
    });
    this.MANY(() => {
      this.CONSUME(T.Dot);
      names.push(
        this.OR2([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME2(T.NumberLit) }]),
      );
    });
    this.OR4([
      { ALT: () => this.CONSUME(T.Assign) },
      // `cfgengine "lua"`: a string value may follow the name without `=`.
      { GATE: () => this.LA(1).tokenType === T.DqString, ALT: () => undefined },
    ]);
    const value = this.SUBRULE(this.paramValue);
    let desc: IToken[] | undefined;
    this.OPTION2({
      GATE: () => /^desc(r|ription)?$/.test(this.LA(1).image) && this.LA(1).tokenType === T.Identifier,
      DEF: () => {
        this.CONSUME2(T.Identifier);
        desc = this.SUBRULE(this.strings);
      },
    });
    let end: IToken | undefined;
    this.OPTION3(() => (end = this.CONSUME(T.Semicolon)));
    return this.ACTION(() => this.buildParam(names, instance, value, desc, end));
  });

  private buildParam(
    names: IToken[],
    instance: IToken | undefined,
    value: ParamValue | undefined,
    desc: IToken[] | undefined,
    end: IToken | undefined,
  ): A.TopItem {
    const first = names[0] as IToken;
    const v: ParamValue = value ?? { atoms: [], list: [], extras: [], range: this.r(first) };
    const range = this.span(
      this.r(first),
      this.r(end) === this.lastRange() && !end ? v.range : end ? this.r(end) : v.range,
    );
    const name = first.image;
    if (names.length > 1) {
      const node: A.CfgVar = {
        kind: 'cfgvar',
        group: name,
        name: names
          .slice(1)
          .map((t) => t.image)
          .join('.'),
        value: valueExpr(v, this.dialect),
        range,
      };
      if (instance) node.instance = numberValue(instance.image);
      if (desc) node.description = joinStrings(desc);
      return node;
    }
    if (name === 'listen' || name === 'socket') {
      const node: A.Listen = {
        kind: 'listen',
        keyword: name,
        addresses: addresses(v),
        virtual: false,
        range,
      };
      for (const x of v.extras) {
        if (x.word === 'advertise' || x.word === 'as') node.advertise = socketAddress(x.text, x.range);
        else if (x.word === 'name') node.name = x.text.replace(/^"(.*)"$/s, '$1');
        else if (x.word === 'virtual') node.virtual = x.text === '' || BOOLEAN_WORDS[x.text] !== 0;
      }
      return node;
    }
    if (name === 'alias') return { kind: 'alias', keyword: name, addresses: addresses(v), range };
    if (name === 'mpath' || name === 'loadpath')
      return {
        kind: 'loadpath',
        keyword: name === 'mpath' ? 'mpath' : 'loadpath',
        dirs: atomsText(v.atoms)
          .split(':')
          .filter((d) => d !== ''),
        range,
      };
    const paramName = instance ? `${name}[${instance.image}]` : name;
    return { kind: 'param', name: paramName, value: valueExpr(v, this.dialect), range };
  }

  /** A parameter value: `3`, `-1`, `"s"`, `yes`, `udp:1.2.3.4:5060 advertise 5.6.7.8:5060`, `(a, b)`. */
  private paramValue = this.rule('paramValue', (): ParamValue => {
    const atoms: IToken[] = [];
    const list: IToken[][] = [];
    const extras: { word: string; tokens: IToken[] }[] = [];
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => list.push(this.SUBRULE(this.valueChain)) });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          const chain = this.SUBRULE2(this.valueChain);
          this.ACTION(() => atoms.push(...chain));
        },
      },
      {
        // Kamailio 6: `socket = { bind = udp:1.2.3.4:5060; name = "s1"; advertise = …; }`.
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY2(() => {
            const word = this.CONSUME2(T.Identifier);
            this.CONSUME(T.Assign);
            const tokens = this.SUBRULE4(this.valueChain);
            this.OPTION2(() => this.CONSUME(T.Semicolon));
            this.ACTION(() => {
              if (word.image === 'bind') atoms.push(...tokens);
              else extras.push({ word: word.image, tokens });
            });
          });
          this.CONSUME(T.RBrace);
        },
      },
    ]);
    this.MANY({
      GATE: () =>
        this.LA(1).tokenType === T.Identifier && /^(advertise|as|name|virtual)$/.test(this.LA(1).image),
      DEF: () => {
        const word = this.CONSUME(T.Identifier);
        let tokens: IToken[] = [];
        this.OPTION({
          GATE: () => word.image !== 'virtual',
          DEF: () => (tokens = this.SUBRULE3(this.valueChain)),
        });
        extras.push({ word: word.image, tokens });
      },
    });
    return this.ACTION(() => {
      const all = [...atoms, ...list.flat(), ...extras.flatMap((e) => e.tokens)];
      const range =
        all.length > 0 ? this.span(this.r(all[0]), this.r(all[all.length - 1])) : this.lastRange();
      return {
        atoms,
        list,
        extras: extras.map((e) => ({
          word: e.word,
          text: atomsText(e.tokens),
          range:
            e.tokens.length > 0
              ? this.span(this.r(e.tokens[0]), this.r(e.tokens[e.tokens.length - 1]))
              : range,
        })),
        range,
      };
    });
  });

  private valueChain = this.rule('valueChain', (): IToken[] => {
    const toks: IToken[] = [];
    this.OPTION(() =>
      toks.push(this.OR3([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME2(T.Slash) }])),
    );
    const head = this.SUBRULE(this.valueAtom);
    this.ACTION(() => toks.push(...head));
    this.MANY(() => {
      toks.push(
        this.OR([
          { ALT: () => this.CONSUME(T.Colon) },
          { ALT: () => this.CONSUME(T.Dot) },
          { ALT: () => this.CONSUME2(T.Minus) },
          { ALT: () => this.CONSUME(T.Slash) },
        ]),
      );
      const more = this.SUBRULE2(this.valueAtom);
      this.ACTION(() => toks.push(...more));
    });
    return toks;
  });

  private valueAtom = this.rule('valueAtom', (): IToken[] =>
    this.OR([
      { ALT: () => [this.CONSUME(T.AnyName)] },
      { ALT: () => [this.CONSUME(T.NumberLit)] },
      { ALT: () => [this.CONSUME(T.Ipv4)] },
      { ALT: () => [this.CONSUME(T.Ipv6)] },
      { ALT: () => [this.CONSUME(T.Star)] },
      { ALT: () => [this.CONSUME(T.Variable)] },
      { ALT: () => this.SUBRULE(this.strings) },
    ]),
  );

  private strings = this.rule('strings', (): IToken[] => {
    const toks: IToken[] = [];
    this.AT_LEAST_ONE(() =>
      toks.push(this.OR([{ ALT: () => this.CONSUME(T.DqString) }, { ALT: () => this.CONSUME(T.SqString) }])),
    );
    return toks;
  });

  // ---------------------------------------------------------------------------------------------
  // Statements

  private block = this.rule('block', (): A.Block => {
    const open = this.CONSUME(T.LBrace);
    const body: (A.Statement | undefined)[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.statement);
      this.ACTION(() => body.push(s));
    });
    const close = this.OR([
      { ALT: () => this.CONSUME(T.RBrace) },
      {
        // A route block keyword where a statement was expected: the block was never closed.
        GATE: () => T.ROUTE_KEYWORDS.includes(this.LA(1).tokenType) && this.LA(2).tokenType !== T.LParen,
        ALT: () => {
          this.ACTION(() =>
            this.warn(
              'SERC1206',
              "block is not closed before the next route block; assuming a '}' here",
              this.r(this.LA(1)),
              'count the { and } of the block above',
            ),
          );
          return undefined;
        },
      },
    ]);
    return this.ACTION(() => ({
      kind: 'block',
      body: body.filter((s): s is A.Statement => s !== undefined && s !== null),
      range: this.span(this.r(open), this.r(close)),
    }));
  });

  private statement = this.rule('statement', (): A.Statement =>
    this.OR([
      { ALT: () => this.SUBRULE(this.block) },
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.switchStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.forStatement) },
      { ALT: () => this.SUBRULE(this.returnLike) },
      { ALT: () => this.SUBRULE(this.breakStatement) },
      { ALT: () => this.SUBRULE(this.routeCallStatement) },
      { ALT: () => this.SUBRULE(this.assignStatement) },
      {
        // SER 2001 guarded action: `(cond) forward(…);` / `! method=~"x" stm` means `if (…) stm`.
        ALT: () => this.SUBRULE(this.guardedStatement),
      },
      { ALT: () => this.SUBRULE(this.callStatement) },
      {
        ALT: () => {
          const semi = this.CONSUME(T.Semicolon);
          return this.ACTION((): A.Statement => ({ kind: 'empty', range: this.r(semi) }));
        },
      },
    ]),
  );

  /** A guard starting with `(`, `!` or `not` (other starts are handled by callStatement). */
  private guardedStatement = this.rule('guardedStatement', (): A.If => {
    const items: FlatItem[] = [];
    const first = this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.expression);
          const close = this.CONSUME(T.RParen);
          return this.ACTION((): OperandItem => ({
            prefixes: [],
            expr: { ...(inner ?? missingExpr(this.r(open))), range: this.span(this.r(open), this.r(close)) },
          }));
        },
      },
      {
        ALT: () => {
          const bang = this.OR2([{ ALT: () => this.CONSUME(T.Bang) }, { ALT: () => this.CONSUME(T.Not) }]);
          const operand = this.SUBRULE(this.prefixedOperand);
          return this.ACTION((): OperandItem => ({
            prefixes: [bang, ...operand.prefixes],
            expr: operand.expr,
          }));
        },
      },
    ]);
    this.ACTION(() => items.push(first));
    this.MANY(() => {
      const op = this.CONSUME(T.BinaryOperator);
      const operand = this.SUBRULE2(this.prefixedOperand);
      this.ACTION(() => items.push({ op }, operand));
    });
    const then = this.SUBRULE(this.guardedActions);
    return this.ACTION(() => this.guard(this.fold(items), then));
  });

  /**
   * The actions a SER 2001 guard covers: the rest of its line (`cond a(); b(); drop`), lines joined
   * with a trailing backslash. In later dialects a guard (a warning there) covers one statement.
   */
  private guardedActions = this.rule('guardedActions', (): A.Statement => {
    const body: (A.Statement | undefined)[] = [];
    const first = this.SUBRULE(this.statement);
    this.ACTION(() => body.push(first));
    this.MANY({
      GATE: () => this.dialect.era === 'S08' && this.sameLogicalLine(),
      DEF: () => {
        const more = this.SUBRULE2(this.statement);
        this.ACTION(() => body.push(more));
      },
    });
    return this.ACTION((): A.Statement => {
      const stmts = body.filter((b): b is A.Statement => b !== undefined && b !== null);
      if (stmts.length === 1 && stmts[0]) return stmts[0];
      const a = stmts[0]?.range;
      const b = stmts[stmts.length - 1]?.range;
      return { kind: 'block', body: stmts, range: this.span(a, b) };
    });
  });

  /** Whether the next token is on the line of the previous one (or a line continued with `\`). */
  private sameLogicalLine(): boolean {
    const prev = this.LA(0) as PpToken;
    const next = this.LA(1) as PpToken;
    if (next.tokenType === EOF || prev.file !== next.file || prev.origin !== next.origin) return false;
    for (let line = prev.endLine ?? 0; line < (next.startLine ?? 0); line++)
      if (!this.continuedLine(prev.file, line)) return false;
    return true;
  }

  /** Set by the front end: whether a line of a file ends with a backslash continuation. */
  continuedLine: (file: string, line: number) => boolean = () => false;

  /** Kamailio reads a bare name as a function call missing its `()`: `if (a)` is a syntax error there. */
  private checkCondition(condition: A.Expr | undefined): void {
    const inner = condition?.kind === 'unary' ? condition.operand : condition;
    if (inner?.kind === 'word' && inner.text !== '' && this.dialect.family === 'kamailio')
      this.warnings.push({
        severity: 'error',
        code: 'SERC1201',
        message: `'${inner.text}' is not a value; a function call needs ()`,
        range: inner.range,
        hint: `write ${inner.text}() to call a function, or $var(${inner.text}) / "${inner.text}" for a value`,
      });
  }

  private guard(condition: A.Expr, then: A.Statement | undefined): A.If {
    const range = this.span(condition.range, then?.range);
    if (this.dialect.era !== 'S08')
      this.warn(
        'SERC1203',
        'a condition without `if` is only accepted by the SER 2001 grammar',
        condition.range,
        'write if (condition) statement',
      );
    return { kind: 'if', condition, then: then ?? { kind: 'empty', range }, range };
  }

  private ifStatement = this.rule('ifStatement', (): A.If => {
    const kw = this.CONSUME(T.If);
    const condition = this.OR([
      {
        // Kamailio's grammar takes `{ actions }` as a value (E17); SER 2001 tests use `if { … } stm`.
        ALT: () => {
          const b = this.SUBRULE(this.block);
          return this.ACTION((): A.Expr => ({ kind: 'block-expr', block: b, range: b.range }));
        },
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ]);
    this.MANY(() => {
      const extra = this.CONSUME(T.RParen);
      this.ACTION(() =>
        this.warn('SERC1205', "unbalanced ')' after the condition is ignored", this.r(extra)),
      );
    });
    const then = this.SUBRULE(this.statement);
    let otherwise: A.Statement | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Else);
      otherwise = this.SUBRULE2(this.statement);
    });
    this.ACTION(() => {
      this.checkCondition(condition);
      for (const body of [then, otherwise])
        if (body?.kind === 'block' && body.body.length === 0 && this.dialect.family !== 'opensips')
          this.warnings.push({
            severity: 'error',
            code: 'SERC1208',
            message: 'empty block',
            range: body.range,
            hint: 'Kamailio needs at least one action in a block; write { ; } or drop the branch (only OpenSIPS accepts {})',
          });
    });
    return this.ACTION(() => {
      const node: A.If = {
        kind: 'if',
        condition: condition ?? missingExpr(this.r(kw)),
        then: then ?? { kind: 'empty', range: this.r(kw) },
        range: this.span(this.r(kw), (otherwise ?? then)?.range),
      };
      if (otherwise) node.else = otherwise;
      return node;
    });
  });

  private switchStatement = this.rule('switchStatement', (): A.Switch => {
    const kw = this.CONSUME(T.Switch);
    const subject = this.SUBRULE(this.expression);
    this.CONSUME(T.LBrace);
    const cases: (A.SwitchCase | undefined)[] = [];
    this.MANY(() => {
      const c = this.SUBRULE(this.caseClause);
      this.ACTION(() => cases.push(c));
    });
    const close = this.CONSUME(T.RBrace);
    return this.ACTION(() => ({
      kind: 'switch',
      subject: subject ?? missingExpr(this.r(kw)),
      cases: cases.filter((c): c is A.SwitchCase => c !== undefined && c !== null),
      range: this.span(this.r(kw), this.r(close)),
    }));
  });

  private caseClause = this.rule('caseClause', (): A.SwitchCase => {
    let labelExpr: A.Expr | undefined;
    let regex = false;
    const kw = this.OR([
      {
        ALT: () => {
          const k = this.CONSUME(T.Case);
          this.OPTION(() => {
            this.CONSUME(T.Slash);
            regex = true;
          });
          labelExpr = this.SUBRULE(this.caseLabel);
          return k;
        },
      },
      { ALT: () => this.CONSUME(T.Default) },
    ]);
    const colon = this.CONSUME(T.Colon);
    const body: (A.Statement | undefined)[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.statement);
      this.ACTION(() => body.push(s));
    });
    return this.ACTION(() => {
      const stmts = body.filter((s): s is A.Statement => s !== undefined && s !== null);
      const last = stmts[stmts.length - 1];
      return {
        kind: 'case',
        label: kw.tokenType === T.Default ? undefined : (labelExpr ?? missingExpr(this.r(kw))),
        regex,
        body: stmts,
        range: this.span(this.r(kw), last?.range ?? this.r(colon)),
      };
    });
  });

  private caseLabel = this.rule('caseLabel', (): A.Expr => {
    let minus: IToken | undefined;
    return this.OR([
      {
        ALT: () => {
          this.OPTION(() => (minus = this.CONSUME(T.Minus)));
          const n = this.CONSUME(T.NumberLit);
          return this.ACTION((): A.Expr => {
            const v = numberValue(n.image);
            return {
              kind: 'int',
              value: minus ? -v : v,
              text: (minus ? '-' : '') + n.image,
              range: this.span(this.r(minus ?? n), this.r(n)),
            };
          });
        },
      },
      {
        ALT: () => {
          const s = this.SUBRULE(this.strings);
          return this.ACTION(() => this.stringLit(s));
        },
      },
      {
        ALT: () => {
          const id = this.CONSUME(T.Identifier);
          return this.ACTION((): A.Expr => {
            this.warnings.push({
              severity: 'error',
              code: 'SERC1201',
              message: `case label '${id.image}' must be a number or a string`,
              range: this.r(id),
              hint: `write case "${id.image}": (or #!define ${id.image} as a number or string)`,
            });
            return { kind: 'word', text: id.image, range: this.r(id) };
          });
        },
      },
    ]);
  });

  private whileStatement = this.rule('whileStatement', (): A.While => {
    const kw = this.CONSUME(T.While);
    const condition = this.SUBRULE(this.expression);
    const body = this.SUBRULE(this.statement);
    this.ACTION(() => this.checkCondition(condition));
    return this.ACTION(() => ({
      kind: 'while',
      condition: condition ?? missingExpr(this.r(kw)),
      body: body ?? { kind: 'empty', range: this.r(kw) },
      range: this.span(this.r(kw), body?.range),
    }));
  });

  private forStatement = this.rule('forStatement', (): A.For => {
    const kw = this.CONSUME(T.For);
    this.CONSUME(T.LParen);
    const v = this.CONSUME(T.Variable);
    this.CONSUME(T.Identifier); // `in`
    const iterable = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    const body = this.SUBRULE(this.statement);
    return this.ACTION(() => ({
      kind: 'for',
      variable: pvFromText(v.image, this.r(v), this.dialect),
      iterable: iterable ?? missingExpr(this.r(kw)),
      body: body ?? { kind: 'empty', range: this.r(kw) },
      range: this.span(this.r(kw), body?.range),
    }));
  });

  /** `return [expr];`, `exit [expr];`, `drop [expr];`, also `drop();`. */
  private returnLike = this.rule('returnLike', (): A.Statement => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.Return) },
      { ALT: () => this.CONSUME(T.Exit) },
      { ALT: () => this.CONSUME(T.Drop) },
    ]);
    let value: A.Expr | undefined;
    const extra: A.Expr[] = [];
    this.OR2([
      {
        GATE: () => this.LA(1).tokenType === T.LParen && this.LA(2).tokenType === T.RParen,
        ALT: () => {
          this.CONSUME(T.LParen);
          this.CONSUME(T.RParen);
        },
      },
      {
        // OpenSIPS 3: `return(code, v1, …)` hands extra values to the caller's $return(idx).
        GATE: () =>
          this.dialect.family === 'opensips' && this.LA(1).tokenType === T.LParen && this.isReturnListAhead(),
        ALT: () => {
          this.CONSUME2(T.LParen);
          value = this.SUBRULE3(this.expression);
          this.AT_LEAST_ONE(() => {
            this.CONSUME(T.Comma);
            const e = this.SUBRULE4(this.expression);
            this.ACTION(() => extra.push(e));
          });
          this.CONSUME2(T.RParen);
        },
      },
      {
        GATE: () => this.dialect.era !== 'S08',
        ALT: () => (value = this.SUBRULE(this.expression)),
      },
      { ALT: () => undefined },
    ]);
    const semi = this.semicolon();
    return this.ACTION((): A.Statement => {
      const range = this.span(this.r(kw), this.r(semi));
      if (kw.tokenType === T.Return) {
        const node: A.Return = value ? { kind: 'return', value, range } : { kind: 'return', range };
        if (extra.length > 0) node.extra = extra;
        return node;
      }
      // SER 2.0: `drop` is the same token as `exit`.
      if (kw.tokenType === T.Exit || this.dialect.era === 'S2')
        return value
          ? { kind: 'exit', keyword: kw.image, value, range }
          : { kind: 'exit', keyword: kw.image, range };
      return value ? { kind: 'drop', value, range } : { kind: 'drop', range };
    });
  });

  private breakStatement = this.rule('breakStatement', (): A.Break => {
    const kw = this.CONSUME(T.Break);
    const semi = this.semicolon();
    return this.ACTION(() => ({
      kind: 'break',
      meaning: 'leave-route',
      range: this.span(this.r(kw), this.r(semi)),
    }));
  });

  private routeCallStatement = this.rule('routeCallStatement', (): A.RouteCall => {
    const call = this.SUBRULE(this.routeCall);
    const semi = this.semicolon();
    return this.ACTION(() => ({ ...call, range: this.span(call.range, this.r(semi)) }));
  });

  private routeCall = this.rule('routeCall', (): A.RouteCall => {
    const kw = this.CONSUME(T.Route);
    this.CONSUME(T.LParen);
    const args: A.Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const e = this.SUBRULE(this.expression);
        this.ACTION(() => args.push(e));
      },
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const [target, ...rest] = args.filter((a) => a !== undefined && a !== null);
      const node: A.RouteCall = {
        kind: 'route-call',
        name: undefined,
        args: rest,
        range: this.span(this.r(kw), this.r(close)),
      };
      if (target?.kind === 'word' || target?.kind === 'keyword')
        node.name = target.kind === 'word' ? target.text : target.name;
      else if (target?.kind === 'int') node.name = String(target.value);
      else if (target?.kind === 'string') node.name = target.value;
      else if (target) node.dynamic = target;
      if (target && node.name !== undefined) node.nameRange = target.range;
      return node;
    });
  });

  private assignStatement = this.rule('assignStatement', (): A.Assign => {
    const a = this.SUBRULE(this.assignment);
    const semi = this.semicolon();
    return this.ACTION(() => ({ ...a, range: this.span(a.range, this.r(semi)) }));
  });

  private assignment = this.rule('assignment', (): A.Assign => {
    const target = this.OR([
      { ALT: () => this.CONSUME(T.Variable) },
      { ALT: () => this.CONSUME(T.PercentAttr) },
      { ALT: () => this.CONSUME(T.SelectToken) },
    ]);
    const op = this.CONSUME(T.AssignOperator);
    const value = this.SUBRULE(this.expression);
    this.ACTION(() => {
      // Kamailio 3+ lexes += and := but its grammar rejects them; SER has only `=`.
      if (op.image !== '=' && (this.dialect.era === 'K3' || this.dialect.family === 'ser'))
        this.dialectError(
          `assignment operator ${op.image} is not supported by ${this.dialectName()}`,
          this.r(op),
          'write $x = $x + …; (only OpenSIPS and OpenSER 1.x have compound assignments)',
        );
    });
    return this.ACTION(() => ({
      kind: 'assign',
      op: op.image as A.AssignOp,
      target: pvFromText(target.image, this.r(target), this.dialect),
      value: value ?? missingExpr(this.r(op)),
      range: this.span(this.r(target), value?.range ?? this.r(op)),
    }));
  });

  /** `f(…);`, `force_rport;` — or, in SER 2001 scripts, `src_ip==x stm` (a guard whose operand starts with a name). */
  private callStatement = this.rule('callStatement', (): A.Statement => {
    const call = this.SUBRULE(this.call);
    return this.OR([
      {
        ALT: () => {
          const semi = this.semicolon();
          return this.ACTION((): A.Statement => ({ ...call, range: this.span(call.range, this.r(semi)) }));
        },
      },
      {
        ALT: () => {
          const items: FlatItem[] = [];
          this.AT_LEAST_ONE(() => {
            const op = this.CONSUME(T.BinaryOperator);
            const operand = this.SUBRULE(this.prefixedOperand);
            this.ACTION(() => items.push({ op }, operand));
          });
          const then = this.SUBRULE2(this.guardedActions);
          return this.ACTION((): A.Statement => {
            const first: A.Expr = call.parens
              ? { kind: 'call-expr', call, range: call.range }
              : this.buildNamedFromText(call.name, call.range);
            const condition = this.fold([{ prefixes: [], expr: first }, ...items]);
            return this.guard(condition, then);
          });
        },
      },
      {
        // SER 2001: `if false log("x") else …` — the call ends without `;`.
        GATE: () => this.dialect.era === 'S08',
        ALT: () =>
          this.ACTION((): A.Statement => {
            this.warn(
              'SERC1203',
              "missing ';' (accepted by early SER, an error in later versions)",
              call.range,
            );
            return call;
          }),
      },
    ]);
  });

  /** `name(args)` or bare `name` (core commands written without parentheses). */
  private call = this.rule('call', (): A.Call => {
    const name = this.CONSUME(T.Identifier);
    let args: A.Expr[] | undefined;
    let close: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      args = this.SUBRULE(this.argumentList);
      close = this.CONSUME(T.RParen);
    });
    this.ACTION(() => {
      // MAX_ACTIONS: Kamailio passes at most 6 parameters to a module function.
      if (args && args.length > 6 && this.dialect.family === 'kamailio')
        this.warnings.push({
          severity: 'error',
          code: 'SERC1204',
          message: `${name.image}() has ${args.length} parameters; Kamailio allows at most 6`,
          range: this.r(name),
        });
    });
    return this.ACTION(() => ({
      kind: 'call',
      name: name.image,
      nameRange: this.r(name),
      args: args ?? [],
      parens: args !== undefined,
      range: this.span(this.r(name), close ? this.r(close) : undefined),
    }));
  });

  /** Arguments; OpenSIPS 3 allows empty ones (`f("a",,"c")`), kept as empty words. */
  private argumentList = this.rule('argumentList', (): A.Expr[] => {
    const args: (A.Expr | undefined)[] = [];
    let sawComma = false;
    this.OPTION(() => {
      const e = this.SUBRULE(this.expression);
      this.ACTION(() => args.push(e));
    });
    this.MANY(() => {
      const comma = this.CONSUME(T.Comma);
      this.ACTION(() => {
        if (!sawComma && args.length === 0) {
          if (this.dialect.family !== 'opensips')
            this.warnings.push({
              severity: 'error',
              code: 'SERC1201',
              message: 'empty argument (only OpenSIPS allows them)',
              range: this.r(comma),
            });
          args.push(missingExpr(this.r(comma)));
        }
        sawComma = true;
      });
      let e: A.Expr | undefined;
      this.OPTION2(() => (e = this.SUBRULE2(this.expression)));
      this.ACTION(() => {
        if (!e && this.dialect.family !== 'opensips')
          this.warnings.push({
            severity: 'error',
            code: 'SERC1201',
            message: 'empty argument (only OpenSIPS allows them)',
            range: this.r(comma),
          });
        args.push(e ?? missingExpr(this.r(comma)));
      });
    });
    return this.ACTION(() => args.filter((a): a is A.Expr => a !== undefined && a !== null));
  });

  // ---------------------------------------------------------------------------------------------
  // Expressions

  public expression = this.rule('expression', (): A.Expr => {
    const items: FlatItem[] = [];
    const first = this.SUBRULE(this.prefixedOperand);
    this.ACTION(() => items.push(first));
    this.MANY(() => {
      const op = this.CONSUME(T.BinaryOperator);
      const operand = this.SUBRULE2(this.prefixedOperand);
      this.ACTION(() => items.push({ op }, operand));
    });
    return this.ACTION(() => this.fold(items));
  });

  private prefixedOperand = this.rule('prefixedOperand', (): OperandItem => {
    const prefixes: IToken[] = [];
    this.MANY(() =>
      prefixes.push(
        this.OR([
          { ALT: () => this.CONSUME(T.Bang) },
          { ALT: () => this.CONSUME(T.Not) },
          { ALT: () => this.CONSUME(T.Minus) },
          { ALT: () => this.CONSUME(T.Tilde) },
          { ALT: () => this.CONSUME(T.Defined) },
          { ALT: () => this.CONSUME(T.Cast) },
        ]),
      ),
    );
    const expr = this.SUBRULE(this.primary);
    return this.ACTION(() => ({ prefixes, expr: expr ?? missingExpr(this.lastRange()) }));
  });

  private primary = this.rule('primary', (): A.Expr =>
    this.OR([
      {
        ALT: () => {
          const n = this.CONSUME(T.NumberLit);
          return this.ACTION((): A.Expr => ({
            kind: 'int',
            value: numberValue(n.image),
            text: n.image,
            range: this.r(n),
          }));
        },
      },
      {
        ALT: () => {
          const s = this.SUBRULE(this.strings);
          return this.ACTION(() => this.stringLit(s));
        },
      },
      {
        ALT: () => {
          const v = this.OR2([
            { ALT: () => this.CONSUME(T.Variable) },
            { ALT: () => this.CONSUME(T.SelectToken) },
            { ALT: () => this.CONSUME(T.PercentAttr) },
          ]);
          return this.ACTION(() => pvFromText(v.image, this.r(v), this.dialect));
        },
      },
      { ALT: () => this.SUBRULE(this.ipLiteral) },
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.OR3([
            {
              GATE: () => this.isAssignAhead(),
              ALT: () => {
                const a = this.SUBRULE(this.assignment);
                return this.ACTION((): A.Expr => ({ kind: 'assign-expr', assign: a, range: a.range }));
              },
            },
            { ALT: () => this.SUBRULE(this.expression) },
          ]);
          const close = this.CONSUME(T.RParen);
          return this.ACTION((): A.Expr => {
            const e = inner ?? missingExpr(this.r(open));
            // Parentheses only group; the node covers them so carets include them.
            return { ...e, range: this.span(this.r(open), this.r(close)) };
          });
        },
      },
      {
        // OpenSIPS arithmetic in conditions: `[ expr ]`.
        ALT: () => {
          const open = this.CONSUME(T.LBracket);
          const inner = this.SUBRULE2(this.expression);
          const close = this.CONSUME(T.RBracket);
          return this.ACTION((): A.Expr => ({
            ...(inner ?? missingExpr(this.r(open))),
            range: this.span(this.r(open), this.r(close)),
          }));
        },
      },
      {
        ALT: () => {
          const call = this.SUBRULE(this.routeCall);
          return this.ACTION((): A.Expr => ({ kind: 'route-call-expr', call, range: call.range }));
        },
      },
      { ALT: () => this.SUBRULE(this.namedOperand) },
    ]),
  );

  /** A comma at depth 1 inside the parentheses that follow (OpenSIPS `return(a, b)`). */
  private isReturnListAhead(): boolean {
    let depth = 0;
    for (let k = 1; k < 200; k++) {
      const t = this.LA(k).tokenType;
      if (t === EOF || t === T.Semicolon) return false;
      if (t === T.LParen) depth++;
      else if (t === T.RParen && --depth === 0) return false;
      else if (t === T.Comma && depth === 1) return true;
    }
    return false;
  }

  private isAssignAhead(): boolean {
    const t = this.LA(1).tokenType;
    return (
      (t === T.PvToken || t === T.PvTokenNoAttr || t === T.PercentAttr || t === T.SelectToken) &&
      (this.LA(2).tokenType.CATEGORIES?.includes(T.AssignOperator) ?? false)
    );
  }

  private ipLiteral = this.rule('ipLiteral', (): A.Expr => {
    const ip = this.OR([{ ALT: () => this.CONSUME(T.Ipv4) }, { ALT: () => this.CONSUME(T.Ipv6) }]);
    let mask: IToken | undefined;
    let port: IToken | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Slash);
      mask = this.OR2([{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME2(T.Ipv4) }]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      port = this.CONSUME2(T.NumberLit);
    });
    return this.ACTION((): A.Expr => {
      const range = this.span(this.r(ip), this.r(port ?? mask ?? ip));
      if (port) return { kind: 'word', text: `${ip.image}:${port.image}`, range };
      const node: A.IpLit = {
        kind: 'ip',
        family: ip.tokenType === T.Ipv4 ? 4 : 6,
        address: ip.image.replace(/^\[|\]$/g, ''),
        range,
      };
      if (mask) node.mask = mask.image;
      return node;
    });
  });

  /** An identifier operand: function call, `strlen(…)`, `msg:len`, `uri:host`, host.name, keyword, word. */
  private namedOperand = this.rule('namedOperand', (): A.Expr => {
    const name = this.CONSUME(T.Identifier);
    let args: A.Expr[] | undefined;
    let close: IToken | undefined;
    const tail: IToken[] = [];
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          args = this.SUBRULE(this.argumentList);
          close = this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.AT_LEAST_ONE(() => {
            tail.push(this.CONSUME(T.Colon));
            tail.push(
              this.OR2([
                { ALT: () => this.CONSUME2(T.Identifier) },
                { ALT: () => this.CONSUME(T.NumberLit) },
                { ALT: () => this.CONSUME(T.Ipv4) },
                { ALT: () => this.CONSUME(T.Ipv6) },
                { ALT: () => this.CONSUME(T.Star) },
              ]),
            );
          });
        },
      },
      {
        ALT: () => {
          this.AT_LEAST_ONE2(() => {
            tail.push(this.CONSUME(T.Dot));
            tail.push(
              this.OR3([
                { ALT: () => this.CONSUME3(T.Identifier) },
                { ALT: () => this.CONSUME2(T.NumberLit) },
              ]),
            );
          });
        },
      },
      { ALT: () => undefined },
    ]);
    return this.ACTION(() => this.buildNamed(name, args, close, tail));
  });

  private buildNamedFromText(text: string, range: SourceRange): A.Expr {
    if (KEYWORD_OPERANDS.has(text)) return { kind: 'keyword', name: text, range };
    return { kind: 'word', text, range };
  }

  private buildNamed(
    name: IToken,
    args: A.Expr[] | undefined,
    close: IToken | undefined,
    tail: IToken[],
  ): A.Expr {
    const range = this.span(this.r(name), this.r(close ?? tail[tail.length - 1] ?? name));
    if (args) {
      const a = args;
      if ((name.image === 'strlen' || name.image === 'strempty') && a.length === 1 && a[0])
        return { kind: name.image, operand: a[0], range };
      if (name.image === 'selval' && a.length === 3 && a[0] && a[1] && a[2])
        return { kind: 'selval', condition: a[0], then: a[1], else: a[2], range };
      const call: A.Call = {
        kind: 'call',
        name: name.image,
        nameRange: this.r(name),
        args: a,
        parens: true,
        range,
      };
      return { kind: 'call-expr', call, range };
    }
    const text = name.image + tail.map((t) => t.image).join('');
    if (KEYWORD_OPERANDS.has(text)) return { kind: 'keyword', name: text, range };
    if (tail.length === 0) {
      const b = BOOLEAN_WORDS[text];
      if (b !== undefined) return { kind: 'int', value: b, text, range };
      if (this.dialect.family === 'opensips' && (text === 'NULL' || text === 'null'))
        return { kind: 'null', range };
    }
    return { kind: 'word', text, range };
  }

  private stringLit(toks: IToken[]): A.StrLit {
    const first = toks[0] as IToken;
    return {
      kind: 'string',
      value: toks.map((t) => stringValue(t.image)).join(''),
      text: first.image,
      quote: first.image.startsWith("'") ? "'" : '"',
      range: this.span(this.r(first), this.r(toks[toks.length - 1])),
    };
  }

  /** `sip-gw.example.com` written without spaces is one host name (`host: ID (DOT|MINUS) ID`), not a subtraction. */
  private hostName(left: A.Expr, op: IToken, right: A.Expr): A.Word | undefined {
    if (
      op.image !== '-' ||
      left.kind !== 'word' ||
      right.kind !== 'word' ||
      left.text === '' ||
      right.text === ''
    )
      return undefined;
    const o = this.r(op);
    const touching =
      !left.range.origin &&
      !right.range.origin &&
      left.range.file === o.file &&
      right.range.file === o.file &&
      left.range.endLine === o.startLine &&
      right.range.startLine === o.startLine &&
      left.range.endColumn + 1 === o.startColumn &&
      o.startColumn + 1 === right.range.startColumn;
    return touching
      ? { kind: 'word', text: `${left.text}-${right.text}`, range: this.span(left.range, right.range) }
      : undefined;
  }

  /** Folds operands and binary operators with the dialect's precedence (Pratt). */
  private fold(items: FlatItem[]): A.Expr {
    const ops = binaryOps(this.dialect);
    let pos = 0;
    const peekOp = (): { tok: IToken; power: number; meaning: A.BinaryMeaning } | undefined => {
      const it = items[pos];
      if (!it || !('op' in it)) return undefined;
      const info = ops[it.op.image];
      return { tok: it.op, power: info?.power ?? 11, meaning: info?.meaning ?? 'mod' };
    };
    const continueBinary = (left: A.Expr, min: number): A.Expr => {
      for (let op = peekOp(); op && op.power > min; op = peekOp()) {
        pos++;
        const right = parseBinary(op.power);
        if (op.tok.image === '!~' && this.dialect.family !== 'opensips')
          this.dialectError(
            `!~ is not supported by ${this.dialectName()}`,
            this.r(op.tok),
            'write !(a =~ b)',
          );
        const host = this.hostName(left, op.tok, right);
        left = host ?? {
          kind: 'binary',
          op: op.tok.image,
          meaning: op.meaning,
          left,
          right,
          range: this.span(left.range, right.range),
        };
      }
      return left;
    };
    const parseOperand = (): A.Expr => {
      const it = items[pos++];
      if (!it || 'op' in it) return missingExpr(this.lastRange());
      return applyPrefixes(it, 0);
    };
    const applyPrefixes = (it: OperandItem, k: number): A.Expr => {
      const pf = it.prefixes[k];
      if (!pf) return it.expr;
      let power = PREFIX_POWER;
      const logicalNot = pf.tokenType === T.Bang || pf.tokenType === T.Not;
      if (logicalNot) {
        power = notOperandPower(this.dialect);
        // Keyword compares are atomic everywhere: `!uri==myself` is `!(uri==myself)`.
        if (it.expr.kind === 'keyword' && k === it.prefixes.length - 1) power = Math.min(power, 8);
      }
      let operand = applyPrefixes(it, k + 1);
      if (power < PREFIX_POWER) operand = continueBinary(operand, power - 1);
      const range = this.span(this.r(pf), operand.range);
      if (pf.tokenType === T.Defined) return { kind: 'defined', operand, range };
      if (pf.tokenType === T.Cast)
        return { kind: 'cast', to: pf.image.includes('int') ? 'int' : 'str', operand, range };
      if (logicalNot)
        return {
          kind: 'unary',
          op: pf.image === 'not' ? 'not' : '!',
          meaning: 'logical-not',
          operand,
          range,
        };
      if (pf.tokenType === T.Minus) return { kind: 'unary', op: '-', meaning: 'negate', operand, range };
      return { kind: 'unary', op: '~', meaning: 'bitwise-not', operand, range };
    };
    const parseBinary = (min: number): A.Expr => continueBinary(parseOperand(), min);
    return parseBinary(0);
  }
}

interface ParamValue {
  atoms: IToken[];
  list: IToken[][];
  extras: { word: string; text: string; range: SourceRange }[];
  range: SourceRange;
}

function joinStrings(toks: IToken[]): string {
  return toks.map((t) => stringValue(t.image)).join('');
}

function atomsText(toks: IToken[]): string {
  return toks
    .map((t) => (t.tokenType === T.DqString || t.tokenType === T.SqString ? stringValue(t.image) : t.image))
    .join('');
}

function addresses(v: ParamValue): A.SocketAddress[] {
  const groups = v.list.length > 0 ? v.list : [v.atoms];
  return groups
    .filter((g) => g.length > 0)
    .map((g) =>
      socketAddress(
        atomsText(g),
        spanRanges(tokenRange(g[0] as PpToken), tokenRange(g[g.length - 1] as PpToken)),
      ),
    );
}

/** The value of a core param / cfg var as an expression (literal when it is one token). */
function valueExpr(v: ParamValue, dialect: Dialect): A.Expr {
  const atoms = v.atoms;
  const range = v.range;
  const only = atoms[0];
  if (atoms.length === 1 && only) {
    if (only.tokenType === T.NumberLit)
      return { kind: 'int', value: numberValue(only.image), text: only.image, range };
    if (only.tokenType === T.Ipv4 || only.tokenType === T.Ipv6)
      return {
        kind: 'ip',
        family: only.tokenType === T.Ipv4 ? 4 : 6,
        address: only.image.replace(/^\[|\]$/g, ''),
        range,
      };
    if (only.tokenType.CATEGORIES?.includes(T.Variable)) return pvFromText(only.image, range, dialect);
    const b = BOOLEAN_WORDS[only.image];
    if (b !== undefined && only.tokenType === T.Identifier)
      return { kind: 'int', value: b, text: only.image, range };
  }
  if (atoms.length === 2 && atoms[0]?.tokenType === T.Minus && atoms[1]?.tokenType === T.NumberLit)
    return { kind: 'int', value: -numberValue(atoms[1].image), text: `-${atoms[1].image}`, range };
  if (atoms.length > 0 && atoms.every((t) => t.tokenType === T.DqString || t.tokenType === T.SqString)) {
    const first = atoms[0] as IToken;
    return {
      kind: 'string',
      value: joinStrings(atoms),
      text: first.image,
      quote: first.image.startsWith("'") ? "'" : '"',
      range,
    };
  }
  const text = v.list.length > 0 ? `(${v.list.map(atomsText).join(', ')})` : atomsText(atoms);
  return { kind: 'word', text, range };
}

/** The one parser instance: Chevrotain parsers are expensive to build and cheap to reuse. */
export const parser = new ScriptParser();
