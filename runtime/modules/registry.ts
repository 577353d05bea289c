// The module registry: one place where the checker, the code generator and the runtime learn which
// modules, functions, parameters and pseudo-variables exist. Pure data — importing it pulls in no
// sockets, databases or runtime code.
import type { CatalogEntry } from './catalog.js';
import { CATALOG, CATALOG_PVS } from './catalog.js';
import { coreModule, coreParams } from './core/descriptor.js';
import { maxfwdModule } from './maxfwd/descriptor.js';
import { msiloModule } from './msilo/descriptor.js';
import { pvModule } from './pv/descriptor.js';
import { registrarModule } from './registrar/descriptor.js';
import { rrModule } from './rr/descriptor.js';
import { siputilsModule } from './siputils/descriptor.js';
import { slModule } from './sl/descriptor.js';
import { textopsModule } from './textops/descriptor.js';
import { tmModule } from './tm/descriptor.js';
import type {
  CoreParamDescriptor,
  Dialect,
  FunctionDescriptor,
  ModparamDescriptor,
  ModuleDescriptor,
  Overload,
  PvDescriptor,
  TimeUnit,
  TransformationDescriptor,
} from './types.js';
import { usrlocModule } from './usrloc/descriptor.js';
import { xlogModule } from './xlog/descriptor.js';

export type { CatalogEntry } from './catalog.js';
export * from './types.js';

const MODULES: readonly ModuleDescriptor[] = [
  coreModule,
  slModule,
  tmModule,
  registrarModule,
  usrlocModule,
  msiloModule,
  maxfwdModule,
  textopsModule,
  xlogModule,
  pvModule,
  siputilsModule,
  rrModule,
];

/** Every module serc implements (including the `core` pseudo-module), in a stable order. */
export function listModules(): readonly ModuleDescriptor[] {
  return MODULES;
}

/** Modules that exist elsewhere but are not implemented by serc. */
export function listCatalog(): readonly CatalogEntry[] {
  return CATALOG;
}

/** `loadmodule` argument → module name: drops directories and a `.so` suffix (`/usr/lib/ser/modules/sl.so` → `sl`). */
export function normalizeModuleName(pathOrName: string): string {
  const base = pathOrName.trim().split('/').pop() ?? '';
  return base.endsWith('.so') ? base.slice(0, -3) : base;
}

const moduleByName = new Map<string, ModuleDescriptor>();
for (const m of MODULES) {
  moduleByName.set(m.name, m);
  for (const a of m.aliases ?? []) moduleByName.set(a, m);
}
const catalogByName = new Map<string, CatalogEntry>();
for (const c of CATALOG) {
  catalogByName.set(c.name, c);
  for (const a of c.aliases ?? []) catalogByName.set(a, c);
}

/** Implemented module by name, alias or `loadmodule` path; undefined when serc does not implement it. */
export function findModule(name: string): ModuleDescriptor | undefined {
  return moduleByName.get(normalizeModuleName(name));
}

export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return catalogByName.get(normalizeModuleName(name));
}

interface FunctionHome {
  readonly fn: FunctionDescriptor;
  readonly module: ModuleDescriptor;
}

// Function name (and alias) → implemented homes. Names are unique across modules (a test checks it).
const functionByName = new Map<string, FunctionHome>();
// Module names that also export implemented functions (OpenSIPS `sipmsgops`, OpenSER `uri`, …).
const providedBy = new Map<string, FunctionHome[]>();
for (const module of MODULES) {
  for (const fn of module.functions) {
    for (const name of [fn.name, ...(fn.aliases ?? [])]) functionByName.set(name, { fn, module });
    for (const other of fn.alsoIn ?? []) {
      const list = providedBy.get(other) ?? [];
      list.push({ fn, module });
      providedBy.set(other, list);
    }
  }
}

export type ModuleLookup =
  | { readonly kind: 'implemented'; readonly name: string; readonly module: ModuleDescriptor }
  /** Known module of which serc implements only some functions (through another module). */
  | {
      readonly kind: 'partial';
      readonly name: string;
      readonly entry: CatalogEntry | undefined;
      readonly provides: readonly FunctionDescriptor[];
    }
  | { readonly kind: 'not-implemented'; readonly name: string; readonly entry: CatalogEntry }
  | { readonly kind: 'unknown'; readonly name: string };

/** What serc knows about a `loadmodule` argument. */
export function classifyModule(pathOrName: string): ModuleLookup {
  const name = normalizeModuleName(pathOrName);
  const module = moduleByName.get(name);
  if (module) return { kind: 'implemented', name, module };
  const entry = catalogByName.get(name);
  const provides = providedBy.get(name) ?? providedBy.get(entry?.name ?? '');
  if (provides) return { kind: 'partial', name, entry, provides: provides.map((h) => h.fn) };
  if (entry) return { kind: 'not-implemented', name, entry };
  return { kind: 'unknown', name };
}

export type FunctionLookup =
  /** Usable: the function's module (or a module that also exports it) is loaded. */
  | {
      readonly kind: 'found';
      readonly fn: FunctionDescriptor;
      readonly module: ModuleDescriptor;
      /** False when the function does not exist in the script's dialect (warn, still usable). */
      readonly dialectOk: boolean;
    }
  /** Implemented by serc, but none of the modules that export it is loaded. */
  | {
      readonly kind: 'not-loaded';
      readonly fn: FunctionDescriptor;
      readonly module: ModuleDescriptor;
      /** Module names whose loading would provide the function. */
      readonly providers: readonly string[];
    }
  /** Known from a module serc does not implement. */
  | { readonly kind: 'not-implemented'; readonly modules: readonly string[]; readonly loaded: boolean }
  | { readonly kind: 'unknown' };

function isLoaded(name: string, loaded: ReadonlySet<string>): boolean {
  return loaded.has(name);
}

/**
 * Resolve a function call. `loadedModules` are the script's `loadmodule` arguments (paths allowed);
 * core functions need no module.
 */
export function findFunction(
  name: string,
  loadedModules: Iterable<string>,
  dialect?: Dialect,
): FunctionLookup {
  const loaded = new Set<string>();
  for (const m of loadedModules) {
    const n = normalizeModuleName(m);
    loaded.add(n);
    const real = moduleByName.get(n) ?? catalogByName.get(n);
    if (real) loaded.add(real.name);
  }
  const home = functionByName.get(name);
  if (home) {
    const providers = [home.module.name, ...(home.fn.alsoIn ?? [])];
    const builtin = dialect !== undefined && (home.fn.builtinIn ?? []).includes(dialect);
    const available = home.module.name === 'core' || builtin || providers.some((p) => isLoaded(p, loaded));
    if (available) {
      const dialectOk = dialect === undefined || home.fn.dialects.includes(dialect);
      return { kind: 'found', fn: home.fn, module: home.module, dialectOk };
    }
    return { kind: 'not-loaded', fn: home.fn, module: home.module, providers };
  }
  const modules = CATALOG.filter((c) => c.functions.includes(name)).map((c) => c.name);
  if (modules.length > 0) {
    return { kind: 'not-implemented', modules, loaded: modules.some((m) => loaded.has(m)) };
  }
  return { kind: 'unknown' };
}

/** The overload of `fn` taking `arity` parameters in `dialect` (any dialect when omitted). */
export function findOverload(fn: FunctionDescriptor, arity: number, dialect?: Dialect): Overload | undefined {
  return fn.overloads.find(
    (o) =>
      o.params.length === arity &&
      (dialect === undefined || o.dialects === undefined || o.dialects.includes(dialect)),
  );
}

/** Arities accepted by `fn` (in `dialect`), sorted — for "expects 1 or 2 parameters" messages. */
export function arities(fn: FunctionDescriptor, dialect?: Dialect): number[] {
  const set = new Set<number>();
  for (const o of fn.overloads) {
    if (dialect === undefined || o.dialects === undefined || o.dialects.includes(dialect))
      set.add(o.params.length);
  }
  return [...set].sort((a, b) => a - b);
}

// Core functions that send through the engine's SIP stack, so they live with the engine.
const ENGINE_CORE_FUNCTIONS = new Set(['forward', 'forward_udp', 'forward_tcp', 'send', 'send_tcp']);

/**
 * Where the generated code imports a function's implementation from: core functions live in the
 * script runtime, module functions in `runtime/modules/<module>/index.ts`, exported under the
 * function's primary name (aliases map to it). Paths are relative to the project root.
 */
export function implementationOf(
  fn: FunctionDescriptor,
  module: ModuleDescriptor,
): { from: string; exportName: string } {
  const from =
    module.name !== 'core'
      ? `runtime/modules/${module.name}/index.js`
      : ENGINE_CORE_FUNCTIONS.has(fn.name)
        ? 'runtime/engine/forward.js'
        : 'runtime/core/script/core-functions.js';
  return { from, exportName: fn.name };
}

const pvByName = new Map<string, { pv: PvDescriptor; module: ModuleDescriptor }>();
for (const module of MODULES) for (const pv of module.pvs) pvByName.set(pv.name, { pv, module });

/** Pseudo-variable class by name (`ru`, `$ru`, `hdr`, `T_reply_code`). */
export function findPv(name: string): { pv: PvDescriptor; module: ModuleDescriptor } | undefined {
  const bare = name.startsWith('$') && name.length > 1 ? name.slice(1) : name;
  return pvByName.get(bare);
}

/** Module names (not implemented by serc) that provide a PV class: `DLG_count` → ['dialog']. */
export function findCatalogPv(name: string): string[] {
  const bare = name.startsWith('$') && name.length > 1 ? name.slice(1) : name;
  return Object.entries(CATALOG_PVS)
    .filter(([, pvs]) => pvs.includes(bare))
    .map(([module]) => module);
}

export function listPvs(): readonly PvDescriptor[] {
  return [...pvByName.values()].map((e) => e.pv);
}

const transformationByName = new Map<string, TransformationDescriptor>();
for (const module of MODULES)
  for (const t of module.transformations ?? []) transformationByName.set(t.name, t);

/** Transformation by name (`s.len`, `uri.param`); `implemented: false` ones must be rejected at compile time. */
export function findTransformation(name: string): TransformationDescriptor | undefined {
  return transformationByName.get(name);
}

/** A module's parameter; `module` may be a name, alias or path. */
export function findModparam(module: string, param: string): ModparamDescriptor | undefined {
  return findModule(module)?.params.find((p) => p.name === param);
}

/** Unit of a time-valued modparam in a dialect (undefined for non-time parameters). */
export function modparamUnit(param: ModparamDescriptor, dialect: Dialect): TimeUnit | undefined {
  return param.unitByDialect?.[dialect];
}

/** Default of a modparam in a dialect. */
export function modparamDefault(param: ModparamDescriptor, dialect: Dialect): number | string | null {
  const byDialect = param.defaultByDialect?.[dialect];
  return byDialect === undefined ? param.default : byDialect;
}

/** A time-valued modparam as milliseconds, reading the script value in the dialect's unit. */
export function modparamToMs(param: ModparamDescriptor, value: number, dialect: Dialect): number {
  return modparamUnit(param, dialect) === 's' ? value * 1000 : value;
}

/** Modules named by a `modparam` first argument: K3 accepts `"a|b|c"` lists. */
export function modparamTargets(pattern: string): string[] {
  return pattern
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const coreParamByName = new Map<string, CoreParamDescriptor>();
for (const cp of coreParams) coreParamByName.set(cp.name, cp);

/** Global parameter (`children`, `listen`, …). */
export function findCoreParam(name: string): CoreParamDescriptor | undefined {
  return coreParamByName.get(name);
}

export function listCoreParams(): readonly CoreParamDescriptor[] {
  return coreParams;
}
