// What a compiled script hands to the engine: its dialect, core parameters, module parameters and
// route functions. Generated programs build one of these; tests write one by hand.
import type { ScriptContext } from '../core/script/context.js';
import type { Dialect } from '../modules/types.js';

/**
 * A route block. It returns the route's code synchronously unless it awaited an asynchronous module
 * function; `exit`/`drop` are thrown as the sentinels of runtime/core/script/control.ts.
 */
export type RouteFn = (ctx: ScriptContext) => number | void | Promise<number | void>;

export interface RouteTable {
  /** The main `route { … }` block. */
  readonly request: RouteFn;
  /** `failure_route[name]` (S08 `reply_route[n]`). */
  readonly failure?: Readonly<Record<string, RouteFn>>;
  /** `onreply_route[name]`; the unnamed `onreply_route { … }` is under the key "0". */
  readonly onreply?: Readonly<Record<string, RouteFn>>;
  /** `branch_route[name]`. */
  readonly branch?: Readonly<Record<string, RouteFn>>;
}

export type ModparamValue = number | string;

/** Core (global) parameters the engine honours; others are carried along and ignored. */
export interface CoreParams {
  /** `listen=` values as written (`udp:127.0.0.1:5060`). */
  readonly listen?: readonly string[];
  /** `alias=` / `domain=` values (`example.com`, `example.com:5060`). */
  readonly alias?: readonly string[];
  /** `debug=` log threshold. */
  readonly debug?: number;
  readonly [name: string]: number | string | boolean | readonly (string | number | boolean)[] | undefined;
}

export interface CompiledScript {
  readonly dialect: Dialect;
  readonly core?: CoreParams;
  /** Typed modparam values per module (repeatable ones as arrays), already validated by the compiler. */
  readonly modparams?: Readonly<
    Record<string, Readonly<Record<string, ModparamValue | readonly ModparamValue[]>>>
  >;
  /** Modules named by `loadmodule` (normalised names); modules with modparams count as loaded too. */
  readonly modules?: readonly string[];
  readonly routes: RouteTable;
}
