// Descriptor types for the module registry. Pure data shapes: the compiler's checker and code
// generator read them, the runtime implements what they describe. Nothing here imports runtime code.

/**
 * Script dialects (LANGUAGE.md legend). `K3` stands for "Kamailio 3.0 and later" (the spec's K3+).
 */
export type Dialect = 'S0' | 'S08' | 'S2' | 'K1' | 'K3' | 'O1' | 'O3';

export const ALL_DIALECTS: readonly Dialect[] = ['S0', 'S08', 'S2', 'K1', 'K3', 'O1', 'O3'];

/** Route block kinds a function may be used in. */
export type RouteType =
  'request' | 'failure' | 'onreply' | 'branch' | 'onsend' | 'local' | 'event' | 'error' | 'startup' | 'timer';

export const ALL_ROUTE_TYPES: readonly RouteType[] = [
  'request',
  'failure',
  'onreply',
  'branch',
  'onsend',
  'local',
  'event',
  'error',
  'startup',
  'timer',
];

/**
 * Parameter kinds of module functions (MODULES.md conventions):
 * - `str`   static string, known at compile time
 * - `spve`  string with embedded pseudo-variables, evaluated per call
 * - `xfmt`  xlog-style format: `$` PVs (K1.2+, K3, O*) or `%xx` specifiers (S08, S2, K1.0–1.1)
 * - `int`   integer constant
 * - `igp`   integer or a PV holding an integer (`"10"`, `10`, `$var(x)`)
 * - `re`    POSIX extended regex, compiled once at startup
 * - `subst` sed-like `/re/replacement/flags` expression
 * - `pvw`   writable pseudo-variable (the function stores into it)
 * - `pvr`   pseudo-variable reference that the function inspects (pv_isset, is_int)
 * - `route` a route name (see ParamSpec.routeKind for which block kind it names)
 * - `flag`  a flag number 0–31 or a declared flag name
 */
export type ParamKind =
  'str' | 'spve' | 'xfmt' | 'int' | 'igp' | 're' | 'subst' | 'pvw' | 'pvr' | 'route' | 'flag';

/**
 * TypeScript type of the argument the generated code passes for each kind. The generator evaluates
 * spve formats and igp values before the call, passes xfmt formats unevaluated (a log line below the
 * threshold is never formatted), precompiles regexes and subst expressions once
 * at module level, and passes PV references as accessor objects (runtime/core/script/pv.ts `PvRef`).
 */
export const PARAM_TS_TYPE: Readonly<Record<ParamKind, string>> = {
  str: 'string',
  spve: 'string',
  xfmt: 'LazyText',
  int: 'number',
  igp: 'number',
  re: 'RegExp',
  subst: 'SubstExpr',
  pvw: 'PvRef',
  pvr: 'PvRef',
  route: 'string',
  flag: 'number',
};

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  /** For `route` parameters: the kind of block the name refers to. */
  readonly routeKind?: RouteType;
  /** For `re` parameters: POSIX compile flags (default DEFAULT_RE_FLAGS). */
  readonly reFlags?: { readonly icase: boolean; readonly newline: boolean };
  /** Free-form note for diagnostics/hover text. */
  readonly doc?: string;
}

/** regcomp flags of most module regexes and of `=~`: REG_EXTENDED | REG_ICASE. */
export const DEFAULT_RE_FLAGS = { icase: true, newline: false } as const;
/** textops search functions add REG_NEWLINE (`^`/`$` match at line breaks). */
export const SEARCH_RE_FLAGS = { icase: true, newline: true } as const;

/** One accepted arity of a function, optionally restricted to some dialects. */
export interface Overload {
  readonly params: readonly ParamSpec[];
  /** Dialects that accept this overload; absent = every dialect of the function. */
  readonly dialects?: readonly Dialect[];
}

export interface ReturnCode {
  readonly code: number;
  readonly meaning: string;
}

export interface FunctionDescriptor {
  readonly name: string;
  /** Other script names for the same function (e.g. `sl_reply` for `sl_send_reply`). */
  readonly aliases?: readonly string[];
  readonly overloads: readonly Overload[];
  /** Route kinds in which a call is allowed. */
  readonly routes: readonly RouteType[];
  readonly returns: readonly ReturnCode[];
  /** True when the function can return 0, which stops the script. */
  readonly mayReturnZero: boolean;
  readonly dialects: readonly Dialect[];
  readonly implemented: boolean;
  /** True when the implementation returns a Promise (database, network, transactions). */
  readonly async?: boolean;
  /** Core keywords that S08/S2 accept without parentheses (`force_rport;`). */
  readonly bareKeyword?: boolean;
  /**
   * Other module names that export this same function in some dialect (OpenSIPS `sipmsgops`,
   * OpenSER `uri`, Kamailio `kex`/`corex`): loading any of them makes the function available.
   */
  readonly alsoIn?: readonly string[];
  /** Dialects in which the function is part of the core (no loadmodule needed): OpenSIPS 3 xlog. */
  readonly builtinIn?: readonly Dialect[];
  readonly doc: string;
}

export type ModparamType = 'int' | 'str';
export type TimeUnit = 's' | 'ms';

export interface ModparamDescriptor {
  readonly name: string;
  readonly type: ModparamType;
  readonly default: number | string | null;
  /** Per-dialect default when it differs from `default` (tm timers). */
  readonly defaultByDialect?: Partial<Readonly<Record<Dialect, number | string | null>>>;
  /** Unit of a time value per dialect (tm timers: seconds in S08/K1/O*, ms in S2/K3). */
  readonly unitByDialect?: Partial<Readonly<Record<Dialect, TimeUnit>>>;
  /** Parameters that may be given several times (pv `shvset`). */
  readonly repeatable?: boolean;
  readonly dialects: readonly Dialect[];
  readonly implemented: boolean;
  readonly doc: string;
}

export interface PvDescriptor {
  /** Class name without `$`: `ru`, `avp`, `hdr`, `T_reply_code`. */
  readonly name: string;
  /** `none`: `$ru`; `required`: `$hdr(name)`; `optional`: either form. */
  readonly inner: 'none' | 'required' | 'optional';
  readonly writable: boolean;
  /** Route kinds where the value is meaningful; absent = everywhere. */
  readonly routes?: readonly RouteType[];
  readonly dialects: readonly Dialect[];
  readonly implemented: boolean;
  readonly doc: string;
}

export interface TransformationDescriptor {
  /** `s.len`, `uri.param`. */
  readonly name: string;
  /** Accepted parameter counts. */
  readonly arities: readonly number[];
  readonly implemented: boolean;
  readonly doc: string;
}

export interface ModuleDescriptor {
  readonly name: string;
  /** Other module names accepted by `loadmodule` for this module (SER `mysql` = `db_mysql`). */
  readonly aliases?: readonly string[];
  readonly dialects: readonly Dialect[];
  readonly implemented: boolean;
  readonly functions: readonly FunctionDescriptor[];
  readonly params: readonly ModparamDescriptor[];
  readonly pvs: readonly PvDescriptor[];
  readonly transformations?: readonly TransformationDescriptor[];
  /**
   * True for descriptors whose functions and PVs are usable without `loadmodule` (the core, and
   * `pv` whose variables OpenSIPS/SER keep in the core).
   */
  readonly builtin?: boolean;
  readonly doc: string;
}

/** Global (core) parameter types. */
export type CoreParamType = 'int' | 'bool' | 'str' | 'id' | 'addr' | 'addrlist' | 'path';

export interface CoreParamDescriptor {
  readonly name: string;
  readonly type: CoreParamType;
  readonly default?: number | string | boolean | null;
  /** `listen`, `alias` may be given many times. */
  readonly repeatable?: boolean;
  readonly dialects: readonly Dialect[];
  /** True when serc's runtime honours the value (others are accepted and ignored). */
  readonly implemented: boolean;
  readonly doc: string;
}

// Small builders used by the descriptor files to keep them readable.

export const ROUTES_ANY: readonly RouteType[] = ALL_ROUTE_TYPES;
export const ROUTES_RFB: readonly RouteType[] = ['request', 'failure', 'branch'];
export const ROUTES_RFOB: readonly RouteType[] = ['request', 'failure', 'onreply', 'branch'];

export const DIALECTS_ALL: readonly Dialect[] = ['S08', 'S2', 'K1', 'K3', 'O1', 'O3'];
export const DIALECTS_K_O: readonly Dialect[] = ['K1', 'K3', 'O1', 'O3'];
export const DIALECTS_PV: readonly Dialect[] = ['K1', 'K3', 'O1', 'O3'];

export function p(name: string, kind: ParamKind, doc?: string): ParamSpec {
  return doc === undefined ? { name, kind } : { name, kind, doc };
}

export function routeParam(name: string, routeKind: RouteType): ParamSpec {
  return { name, kind: 'route', routeKind };
}

export function rc(code: number, meaning: string): ReturnCode {
  return { code, meaning };
}

/**
 * Builders of modparam descriptors for every dialect of DIALECTS_ALL (`extra` narrows or adds):
 * `const ip = intParams(true)` then `ip('timer_interval', 60, 'doc')`.
 */
export function intParams(implemented: boolean) {
  return (
    name: string,
    def: number,
    doc: string,
    extra: Partial<ModparamDescriptor> = {},
  ): ModparamDescriptor => ({
    name,
    type: 'int',
    default: def,
    dialects: DIALECTS_ALL,
    implemented,
    doc,
    ...extra,
  });
}

export function strParams(implemented: boolean) {
  return (
    name: string,
    def: string | null,
    doc: string,
    extra: Partial<ModparamDescriptor> = {},
  ): ModparamDescriptor => ({
    name,
    type: 'str',
    default: def,
    dialects: DIALECTS_ALL,
    implemented,
    doc,
    ...extra,
  });
}
