// Forms real servers accept that the module registry does not describe yet (reported to the
// registry's owner). Kept here, small and explicit, so the linter raises no false errors meanwhile.
import { p, type Dialect, type Overload } from '../../runtime/modules/registry.js';

const GAPS: Record<string, readonly Overload[]> = {
  // OpenSIPS t_relay([flags]) and t_relay(proxy, [flags]).
  t_relay: [
    { params: [p('flags', 'igp')], dialects: ['O1', 'O3'] },
    { params: [p('proxy', 'spve'), p('flags', 'igp')], dialects: ['O1', 'O3'] },
  ],
};

/** An overload missing from the registry for `name` with `arity` parameters in `dialect`. */
export function gapOverload(name: string, arity: number, dialect: Dialect): Overload | undefined {
  return GAPS[name]?.find(
    (o) => o.params.length === arity && (o.dialects === undefined || o.dialects.includes(dialect)),
  );
}
