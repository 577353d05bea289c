// The bound semantic model of a script: every call, route reference, modparam and pseudo-variable
// resolved against the module registry and the script's own `loadmodule`s. The linter's rules and
// the code generator read this model instead of re-resolving names.
import type {
  Call,
  Expr,
  LoadModule,
  ModParam,
  Pv,
  RouteBlock,
  RouteCall,
  Script,
  Statement,
} from './ast.js';
import type { SourceRange } from './source.js';
import { gapOverload } from './lint/registry-gaps.js';
import { walkStatement, walkStatements } from './lint/walk.js';
import {
  classifyModule,
  findFunction,
  findModule,
  findOverload,
  modparamTargets,
  type Dialect,
  type FunctionLookup,
  type ModparamDescriptor,
  type ModuleLookup,
  type Overload,
  type ParamSpec,
  type RouteType,
} from '../runtime/modules/registry.js';

/** One route block with what the binder learned about it. */
export interface RouteInfo {
  /** `request:NAME`, `failure:1`, `request:` for the main route. */
  readonly key: string;
  readonly block: RouteBlock;
  /** The block's route type (Kamailio `reply_route {}` is 'onreply'). */
  readonly type: RouteType;
  readonly name: string | undefined;
  /** Entry points: every block except named request routes (`route[X]`), which only run via route(). */
  readonly isRoot: boolean;
  /** Where this route is named: route(X) calls, t_on_failure("X") and friends. */
  readonly references: RouteReference[];
  /** Route types this block runs in: its own for roots, the callers' (transitively) for sub-routes. */
  readonly reachableFrom: Set<RouteType>;
  /** For each reachable type of a sub-route, the route() call that first brought it. */
  readonly via: Map<RouteType, RouteReference>;
}

/** A place that names a route: `route(X)` or a route-typed function parameter. */
export interface RouteReference {
  readonly via: 'route' | 'function';
  /** The calling function's name for `function` references (`t_on_failure`). */
  readonly functionName?: string;
  readonly name: string;
  readonly targetType: RouteType;
  readonly range: SourceRange;
  readonly from: RouteInfo;
  readonly node: RouteCall | Call;
  readonly target: RouteInfo | undefined;
}

/** A module or core function call resolved against the registry. */
export interface CallBinding {
  readonly call: Call;
  readonly route: RouteInfo;
  readonly lookup: FunctionLookup;
  /** The overload matching the argument count in the script's dialect (found functions only). */
  readonly overload: Overload | undefined;
}

export interface PvUse {
  readonly pv: Pv;
  readonly route: RouteInfo | undefined;
  readonly write: boolean;
}

export interface ModuleLoad {
  readonly node: LoadModule;
  readonly lookup: ModuleLookup;
}

export interface ModparamBinding {
  readonly node: ModParam;
  /** One module name of the (possibly `a|b`) module argument. */
  readonly moduleName: string;
  readonly lookup: ModuleLookup;
  readonly loaded: boolean;
  /** The parameter's descriptor, for implemented modules that declare it. */
  readonly param: ModparamDescriptor | undefined;
}

export interface SemanticModel {
  readonly script: Script;
  readonly dialect: Dialect;
  readonly modules: readonly ModuleLoad[];
  /** Normalized names of every loaded module (and the canonical name of aliases). */
  readonly loadedNames: ReadonlySet<string>;
  readonly routes: readonly RouteInfo[];
  readonly calls: readonly CallBinding[];
  readonly routeReferences: readonly RouteReference[];
  readonly modparams: readonly ModparamBinding[];
  readonly pvUses: readonly PvUse[];
  /** Sub-route call graph through route(): caller → callees. */
  readonly callGraph: ReadonlyMap<RouteInfo, ReadonlySet<RouteInfo>>;
  routeOf(block: RouteBlock): RouteInfo | undefined;
  bindingOf(call: Call): CallBinding | undefined;
  /** The route a route(X) / t_on_*(X) names, or undefined. */
  findRoute(type: RouteType, name: string): RouteInfo | undefined;
}

/** The block type of an AST route kind (the AST's 'reply' is Kamailio's onreply). */
export function routeTypeOf(block: RouteBlock): RouteType {
  return block.routeKind === 'reply' ? 'onreply' : block.routeKind;
}

export function routeKey(type: RouteType, name: string | undefined): string {
  return `${type}:${name ?? ''}`;
}

/** Human name of a route block for messages: `failure_route[1]`, `route[AUTH]`, `request_route`. */
export function routeLabel(r: RouteInfo): string {
  return r.name === undefined ? r.block.keyword : `${r.block.keyword}[${r.name}]`;
}

/** A static name given as a route argument (`"1"`, `1`, `AUTH`), undefined when computed at run time. */
export function staticName(e: Expr): string | undefined {
  if (e.kind === 'string') return e.value.includes('$') ? undefined : e.value;
  if (e.kind === 'int') return String(e.value);
  if (e.kind === 'word') return e.text;
  return undefined;
}

/** The parameter spec at `index` of the call's overload, or of any overload long enough. */
export function paramAt(b: CallBinding, index: number): ParamSpec | undefined {
  if (b.overload) return b.overload.params[index];
  if (b.lookup.kind !== 'found' && b.lookup.kind !== 'not-loaded') return undefined;
  for (const o of b.lookup.fn.overloads) if (o.params.length > index) return o.params[index];
  return undefined;
}

export function bindProgram(script: Script): SemanticModel {
  const dialect: Dialect = script.dialect.era;
  const modules: ModuleLoad[] = [];
  const loadedNames = new Set<string>();
  for (const item of script.items) {
    if (item.kind !== 'loadmodule') continue;
    const lookup = classifyModule(item.module);
    modules.push({ node: item, lookup });
    loadedNames.add(lookup.name);
    if (lookup.kind === 'implemented') loadedNames.add(lookup.module.name);
    if (lookup.kind === 'not-implemented') loadedNames.add(lookup.entry.name);
    if (lookup.kind === 'partial' && lookup.entry) loadedNames.add(lookup.entry.name);
  }

  const modparams: ModparamBinding[] = [];
  for (const item of script.items) {
    if (item.kind !== 'modparam') continue;
    for (const moduleName of modparamTargets(
      item.modules.length > 0 ? item.modules.join('|') : item.moduleText,
    )) {
      const lookup = classifyModule(moduleName);
      const canonical = lookup.kind === 'implemented' ? lookup.module.name : lookup.name;
      const loaded = loadedNames.has(lookup.name) || loadedNames.has(canonical);
      const param = findModule(moduleName)?.params.find((p) => p.name === item.param);
      modparams.push({ node: item, moduleName: lookup.name, lookup, loaded, param });
    }
  }

  const routes: RouteInfo[] = [];
  const byBlock = new Map<RouteBlock, RouteInfo>();
  const byKey = new Map<string, RouteInfo>();
  for (const item of script.items) {
    if (item.kind !== 'route') continue;
    const type = routeTypeOf(item);
    const info: RouteInfo = {
      key: routeKey(type, item.name),
      block: item,
      type,
      name: item.name,
      isRoot: !(type === 'request' && item.name !== undefined),
      references: [],
      reachableFrom: new Set(),
      via: new Map(),
    };
    routes.push(info);
    byBlock.set(item, info);
    // The first of duplicate blocks wins, as in Kamailio (the duplicate is an error anyway).
    if (!byKey.has(info.key)) byKey.set(info.key, info);
  }
  const findRoute = (type: RouteType, name: string): RouteInfo | undefined => byKey.get(routeKey(type, name));

  const loadedList = [...loadedNames];
  const calls: CallBinding[] = [];
  const byCall = new Map<Call, CallBinding>();
  const references: RouteReference[] = [];
  const pvUses: PvUse[] = [];
  const callGraph = new Map<RouteInfo, Set<RouteInfo>>();

  const addReference = (ref: RouteReference): void => {
    references.push(ref);
    ref.target?.references.push(ref);
    if (ref.via === 'route' && ref.target) {
      const set = callGraph.get(ref.from) ?? new Set<RouteInfo>();
      set.add(ref.target);
      callGraph.set(ref.from, set);
    }
  };

  for (const route of routes) {
    const visit = (s: Statement): void => {
      if (s.kind === 'route-call' && s.name !== undefined) {
        addReference({
          via: 'route',
          name: s.name,
          targetType: 'request',
          range: s.nameRange ?? s.range,
          from: route,
          node: s,
          target: findRoute('request', s.name),
        });
      } else if (s.kind === 'call') {
        const lookup = builtinInDialect(findFunction(s.name, loadedList, dialect), dialect);
        const overload =
          lookup.kind === 'found' || lookup.kind === 'not-loaded'
            ? (findOverload(lookup.fn, s.args.length, dialect) ??
              gapOverload(lookup.fn.name, s.args.length, dialect))
            : undefined;
        const binding: CallBinding = { call: s, route, lookup, overload };
        calls.push(binding);
        byCall.set(s, binding);
        s.args.forEach((arg, i) => {
          const spec = paramAt(binding, i);
          if (spec?.kind === 'route' && spec.routeKind) {
            const raw = staticName(arg);
            if (raw === undefined) return;
            // Kamailio arms event_route[tm:branch-failure:NAME] with t_on_branch_failure("NAME").
            const name = s.name === 't_on_branch_failure' ? `tm:branch-failure:${raw}` : raw;
            addReference({
              via: 'function',
              functionName: s.name,
              name,
              targetType: spec.routeKind,
              range: arg.range,
              from: route,
              node: s,
              target: findRoute(spec.routeKind, name),
            });
          } else if (spec?.kind === 'pvw' && arg.kind === 'pv') {
            pvUses.push({ pv: arg, route, write: true });
          }
        });
      } else if (s.kind === 'assign') {
        pvUses.push({ pv: s.target, route, write: true });
      }
    };
    const writeTargets = new Set<Pv>();
    walkStatement(route.block.body, {
      statement: visit,
      expr: (e) => {
        if (e.kind === 'assign-expr') writeTargets.add(e.assign.target);
      },
    });
    // Reads: every Pv node that is not an assignment target or a pvw argument.
    const written = new Set<Pv>(pvUses.filter((u) => u.route === route).map((u) => u.pv));
    walkStatements(route.block.body.body, {
      expr: (e) => {
        if (e.kind === 'pv' && !written.has(e) && !writeTargets.has(e))
          pvUses.push({ pv: e, route, write: false });
      },
    });
  }

  propagateRouteTypes(routes, callGraph, references);

  return {
    script,
    dialect,
    modules,
    loadedNames,
    routes,
    calls,
    routeReferences: references,
    modparams,
    pvUses,
    callGraph,
    routeOf: (block) => byBlock.get(block),
    bindingOf: (call) => byCall.get(call),
    findRoute,
  };
}

// Modules whose functions a dialect has in its core (OpenSIPS has no xlog module: xlog is core).
const CORE_IN_DIALECT: Partial<Record<Dialect, readonly string[]>> = { O1: ['xlog'], O3: ['xlog'] };

function builtinInDialect(lookup: FunctionLookup, dialect: Dialect): FunctionLookup {
  if (lookup.kind !== 'not-loaded' || !CORE_IN_DIALECT[dialect]?.includes(lookup.module.name)) return lookup;
  return {
    kind: 'found',
    fn: lookup.fn,
    module: lookup.module,
    dialectOk: lookup.fn.dialects.includes(dialect),
  };
}

/** Roots run in their own type; sub-routes in every type of a route that reaches them via route(). */
function propagateRouteTypes(
  routes: readonly RouteInfo[],
  graph: ReadonlyMap<RouteInfo, ReadonlySet<RouteInfo>>,
  references: readonly RouteReference[],
): void {
  const queue: RouteInfo[] = [];
  for (const r of routes) {
    if (!r.isRoot) continue;
    r.reachableFrom.add(r.type);
    queue.push(r);
  }
  while (queue.length > 0) {
    const from = queue.shift() as RouteInfo;
    for (const to of graph.get(from) ?? []) {
      let grew = false;
      for (const t of from.reachableFrom) {
        if (to.reachableFrom.has(t)) continue;
        to.reachableFrom.add(t);
        const ref = references.find((x) => x.via === 'route' && x.from === from && x.target === to);
        if (ref) to.via.set(t, ref);
        grew = true;
      }
      if (grew) queue.push(to);
    }
  }
}

/** The chain of route() calls that makes `route` run in `type`, outermost first. */
export function callChain(route: RouteInfo, type: RouteType): RouteReference[] {
  const chain: RouteReference[] = [];
  const seen = new Set<RouteInfo>();
  let cur: RouteInfo | undefined = route;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    const ref = cur.via.get(type);
    if (!ref) break;
    chain.unshift(ref);
    cur = ref.from;
  }
  return chain;
}
