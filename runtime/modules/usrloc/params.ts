// usrloc options from the script's modparams. Names and defaults come from the descriptor through
// the reader (runtime/engine's ModuleParams fits it), so nothing is listed twice.
import type { Dialect } from '../types.js';
import type { LocationBackend } from './ports.js';
import type { MatchingMode } from './record.js';
import type { DbMode, UsrlocOptions } from './usrloc.js';

/** Reads one module's modparams: the script's value, else the descriptor default for the dialect. */
export interface ModparamReader {
  readonly dialect: Dialect;
  has(name: string): boolean;
  int(name: string): number;
  str(name: string): string | undefined;
}

export function usrlocOptionsFrom(
  p: ModparamReader,
  openTable?: (table: string) => LocationBackend,
): UsrlocOptions {
  const dbMode = p.int('db_mode');
  if (dbMode < 0 || dbMode > 3) throw new Error(`usrloc db_mode must be 0-3, not ${dbMode}`);
  const matching = p.int('matching_mode');
  return {
    dbMode: dbMode as DbMode,
    ...(openTable ? { openTable } : {}),
    useDomain: p.int('use_domain') !== 0,
    matchingMode: (matching >= 0 && matching <= 3 ? matching : 0) as MatchingMode,
    cseqDelay: p.int('cseq_delay'),
    descTimeOrder: p.int('desc_time_order') !== 0,
    timerInterval: p.int('timer_interval'),
  };
}
