// Resolves calls, modules and modparams against the module registry for the generator. A small
// adapter so the generator does not depend on how the checker (compiler/bind.ts) models them; when
// the checker's model lands, only this file changes.
import type { Call, Script } from '../ast.js';
import {
  findFunction,
  findOverload,
  type Dialect,
  type FunctionDescriptor,
  type ModuleDescriptor,
  type Overload,
} from '../../runtime/modules/registry.js';

export type ResolvedCall =
  | { ok: true; fn: FunctionDescriptor; module: ModuleDescriptor; overload: Overload }
  | { ok: false; reason: 'unknown' | 'not-loaded' | 'not-implemented' | 'arity'; detail: string };

export class CallResolver {
  private readonly loaded: string[];

  constructor(
    script: Script,
    private readonly dialect: Dialect,
  ) {
    this.loaded = script.items.flatMap((i) => (i.kind === 'loadmodule' ? [i.module] : []));
  }

  resolve(call: Call): ResolvedCall {
    const found = findFunction(call.name, this.loaded, this.dialect);
    switch (found.kind) {
      case 'unknown':
        return { ok: false, reason: 'unknown', detail: `unknown function ${call.name}` };
      case 'not-implemented':
        return {
          ok: false,
          reason: 'not-implemented',
          detail: `${call.name} (module ${found.modules.join('/')}) is not implemented by serc`,
        };
      case 'not-loaded':
        return {
          ok: false,
          reason: 'not-loaded',
          detail: `${call.name} needs loadmodule "${found.providers[0] ?? found.module.name}"`,
        };
      case 'found': {
        const overload =
          findOverload(found.fn, call.args.length, this.dialect) ?? findOverload(found.fn, call.args.length);
        if (!overload)
          return {
            ok: false,
            reason: 'arity',
            detail: `${call.name} does not take ${call.args.length} parameter${call.args.length === 1 ? '' : 's'}`,
          };
        return { ok: true, fn: found.fn, module: found.module, overload };
      }
    }
  }
}
