// What expression and statement emitters share for one script: hoisted declarations, module
// function bindings with route-typed contexts, pseudo-variable references and route lookups.
import type { Call, Expr, Pv, RouteBlock, RouteCall, Script } from '../ast.js';
import type { SourceRange } from '../source.js';
import {
  implementationOf,
  PARAM_TS_TYPE,
  type Dialect,
  type FunctionDescriptor,
  type ModuleDescriptor,
  type ParamKind,
  type RouteType,
} from '../../runtime/modules/registry.js';
import { Hoister } from './hoist.js';
import { CallResolver } from './resolve.js';
import type { ExpressionEmitter } from './expressions.js';

/** A construct the generator cannot translate; becomes a diagnostic at `range`. */
export class GenerateError extends Error {
  constructor(
    message: string,
    readonly range: SourceRange,
    readonly code = 'SERC5001',
  ) {
    super(message);
  }
}

const SCRIPT = 'serc/runtime/core/script';
/** SER's `max_len`: the largest message the core accepts (BUF_SIZE). */
export const MAX_LEN = 65535;
export const RUNTIME_ENTRY = 'serc/runtime/index.js';
const VALUES = `${SCRIPT}/values.js`;

/** `route(X)` targets are looked up by kind and name. */
export function routeKey(kind: string, name: string): string {
  return `${kind}:${name}`;
}

export interface RouteInfo {
  block: RouteBlock;
  fnName: string;
  isAsync: boolean;
  /** Route types this block runs in (its own, plus those of every caller of a sub-route). */
  routeTypes: RouteType[];
}

export class EmitContext {
  readonly hoist = new Hoister();
  readonly resolver: CallResolver;
  readonly routes = new Map<string, RouteInfo>();
  readonly flags = new Map<string, number>();
  /** The route being emitted; its route types type the bindings it calls. */
  current: RouteInfo | undefined;

  constructor(
    readonly script: Script,
    readonly dialect: Dialect,
    readonly attributes: 'always' | 'fallback' | 'never',
    private readonly runtimeExports: ReadonlySet<string>,
  ) {
    this.resolver = new CallResolver(script, dialect);
    for (const item of script.items) {
      if (item.kind !== 'flags') continue;
      let next = 0;
      for (const f of item.flags) {
        const pos = f.position ?? next;
        this.flags.set(f.name, pos);
        next = pos + 1;
      }
    }
  }

  pvRef(p: Pv): string {
    return this.pvRefFromText(p.text, p.range);
  }

  pvRefFromText(text: string, range: SourceRange): string {
    const compilePv = this.hoist.use(`${SCRIPT}/pv.js`, 'compilePv');
    const opts = `{ dialect: '${this.dialect}', attributes: '${this.attributes}' }`;
    return this.hoist.constant('pv', `${compilePv}(${JSON.stringify(text)}, ${opts})`, range);
  }

  /** `fmt_N(ctx)`, or `fmt_N` itself for xfmt: xlog formats only lines its level lets through. */
  format(text: string, kind: 'spve' | 'xfmt', range: SourceRange): string {
    if (!/[$%]/.test(text)) return JSON.stringify(text);
    const compileFormat = this.hoist.use(`${SCRIPT}/format.js`, 'compileFormat');
    const f = this.hoist.constant(
      'fmt',
      `${compileFormat}(${JSON.stringify(text)}, '${this.dialect}', '${kind}')`,
      range,
    );
    return kind === 'xfmt' ? f : `${f}(ctx)`;
  }

  /** `fn(ctx, args…)` with `await` when the function is asynchronous. */
  callExpression(c: Call, x: ExpressionEmitter): string {
    const r = this.resolver.resolve(c);
    if (!r.ok) throw new GenerateError(r.detail, c.nameRange, r.reason === 'arity' ? 'SERC5004' : 'SERC5002');
    const binding = this.bindFunction(r.fn, r.module, c);
    const args = r.overload.params.map((p, i) => this.argument(c.args[i] as Expr, p.kind, x));
    const call = `${binding}(${['ctx', ...args].join(', ')})`;
    return r.fn.async ? `(await ${call})` : call;
  }

  routeCallExpression(c: RouteCall): string {
    if (c.name === undefined)
      throw new GenerateError('route() with a computed name is not supported yet', c.range);
    if (c.args.length > 0) throw new GenerateError('route() with arguments is not supported yet', c.range);
    const target = this.routes.get(routeKey('request', c.name));
    if (!target)
      throw new GenerateError(
        `route(${c.name}) names a route that does not exist`,
        c.nameRange ?? c.range,
        'SERC2002',
      );
    const call = `${target.fnName}(ctx)`;
    return target.isAsync ? `(await ${call})` : call;
  }

  /**
   * The typed binding of a module function: its context parameter only accepts the route types the
   * function is allowed in, so a misuse is a TypeScript error at the call.
   */
  private bindFunction(fn: FunctionDescriptor, module: ModuleDescriptor, c: Call): string {
    // The runtime's public entry re-exports functions under their script names; a module it does not
    // re-export yet is imported from where the registry says its implementation lives.
    const impl = implementationOf(fn, module);
    const ns = this.runtimeExports.has(impl.exportName)
      ? this.hoist.namespace(RUNTIME_ENTRY, 'rt', c.nameRange)
      : this.hoist.namespace(
          `serc/${impl.from}`,
          module.name === 'core' ? 'core' : `mod_${module.name}`,
          c.nameRange,
        );
    const ctxType = `RouteCtx<${fn.routes.map((r) => `'${r}'`).join(' | ')}>`;
    const ret = fn.async ? 'number | Promise<number>' : 'number';
    const sigs = fn.overloads
      .filter((o) => o.dialects === undefined || o.dialects.includes(this.dialect))
      .map(
        (o) =>
          `(${['ctx: ' + ctxType, ...o.params.map((p) => `${safeName(p.name)}: ${PARAM_TS_TYPE[p.kind]}`)].join(', ')}): ${ret};`,
      );
    if (sigs.some((s) => s.includes(': PvRef'))) this.hoist.use(`${SCRIPT}/pv.js`, 'type PvRef');
    if (sigs.some((s) => s.includes(': SubstExpr'))) this.hoist.use(`${SCRIPT}/subst.js`, 'type SubstExpr');
    if (sigs.some((s) => s.includes(': LazyText'))) this.hoist.use(`${SCRIPT}/format.js`, 'type LazyText');
    const name = `fn_${fn.name}`;
    return this.hoist.binding(
      name,
      `const ${name}: { ${sigs.join(' ')} } = ${ns}.${impl.exportName};`,
      c.nameRange,
    );
  }

  private argument(e: Expr, kind: ParamKind, x: ExpressionEmitter): string {
    const h = this.hoist;
    switch (kind) {
      case 'str':
      case 'route':
        if (e.kind === 'string' || e.kind === 'word')
          return JSON.stringify(e.kind === 'string' ? e.value : e.text);
        if (e.kind === 'int') return JSON.stringify(String(e.value));
        throw new GenerateError('this parameter must be a constant string', e.range);
      case 'spve':
      case 'xfmt':
        // SER's `forward(uri:host, uri:port)`: the R-URI's host and port at call time.
        if (e.kind === 'word' && e.text === 'uri:host') return `${h.use(RUNTIME_ENTRY, 'ruriHost')}(ctx)`;
        if (e.kind === 'string') return this.format(e.value, kind, e.range);
        if (e.kind === 'int') return JSON.stringify(String(e.value));
        return `${h.use(VALUES, 'toStr')}(${x.value(e)})`;
      case 'int':
      case 'flag':
        return this.intArgument(e, kind);
      case 'igp':
        if (e.kind === 'word' && e.text === 'uri:port') return `${h.use(RUNTIME_ENTRY, 'ruriPort')}(ctx)`;
        if (e.kind === 'string' && e.value.trim().startsWith('$'))
          return `${h.use(VALUES, 'toInt')}(${this.pvRefFromText(e.value.trim(), e.range)}.get(ctx))`;
        if (e.kind === 'int' || e.kind === 'string') return this.intArgument(e, 'int');
        return `${h.use(VALUES, 'toInt')}(${x.value(e)})`;
      case 're':
        return x.regex(e);
      case 'pvw':
      case 'pvr':
        if (e.kind === 'pv') return this.pvRef(e);
        if (e.kind === 'string') return this.pvRefFromText(e.value, e.range);
        throw new GenerateError('this parameter must name a pseudo-variable', e.range);
      case 'subst': {
        // Parsed once at load time, as the module's fixup does at startup.
        if (e.kind !== 'string')
          throw new GenerateError('a subst expression must be a constant string', e.range);
        const parse = h.use(`${SCRIPT}/subst.js`, 'parseSubst');
        return h.constant('subst', `${parse}(${JSON.stringify(e.value)}, '${this.dialect}')`, e.range);
      }
    }
  }

  private intArgument(e: Expr, kind: 'int' | 'flag'): string {
    const constant = intConstant(e);
    if (constant !== undefined) return String(constant);
    if (e.kind === 'keyword' && e.name === 'max_len') return `${MAX_LEN} /* max_len */`;
    const text = e.kind === 'string' ? e.value.trim() : e.kind === 'word' ? e.text : undefined;
    if (text !== undefined && /^-?\d+$/.test(text)) return String(Number(text));
    if (kind === 'flag' && text !== undefined) {
      const pos = this.flags.get(text);
      if (pos !== undefined) return `${pos} /* ${text} */`;
      throw new GenerateError(`flag ${text} is not declared`, e.range);
    }
    throw new GenerateError('this parameter must be an integer constant', e.range);
  }
}

/** The value of an integer constant (`5`, `-1`), else undefined. */
export function intConstant(e: Expr): number | undefined {
  if (e.kind === 'int') return e.value;
  if (e.kind === 'unary' && e.meaning === 'negate' && e.operand.kind === 'int') return -e.operand.value;
  return undefined;
}

function safeName(name: string): string {
  const n = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(n) ? `p${n}` : n;
}
