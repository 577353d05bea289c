// usrloc options from the script's modparams. Names and defaults come from the descriptor through
// the reader (runtime/engine's ModuleParams fits it), so nothing is listed twice.
import type { Database, LocationColumns } from '../../db/index.js';
import type { Dialect } from '../types.js';
import { locationBackend } from './db-backend.js';
import { LOCATION_COLUMN_PARAMS } from './descriptor.js';
import { systemClock, type Clock, type LocationBackend } from './ports.js';
import type { MatchingMode } from './record.js';
import { Usrloc, type DbMode, type UsrlocOptions } from './usrloc.js';

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

/** Column names the script renamed (the others keep Kamailio's names). */
export function locationColumnsFrom(p: ModparamReader): Partial<LocationColumns> {
  const out: Partial<Record<keyof LocationColumns, string>> = {};
  for (const [param, key] of Object.entries(LOCATION_COLUMN_PARAMS)) {
    const v = p.has(param) ? p.str(param) : undefined;
    if (v) out[key] = v;
  }
  return out;
}

/**
 * A usrloc instance for the script's modparams; the location tables (one per save/lookup table
 * name) come from `db` when db_mode needs one.
 */
export function createUsrloc(
  p: ModparamReader,
  db?: Pick<Database, 'location'>,
  extra: { clock?: Clock; onTimerError?: (err: unknown) => void } = {},
): Usrloc {
  const clock = extra.clock ?? systemClock;
  const columns = locationColumnsFrom(p);
  const openTable = db
    ? (table: string) => locationBackend(() => db.location({ table, columns }), clock)
    : undefined;
  return new Usrloc({
    ...usrlocOptionsFrom(p, openTable),
    clock,
    ...(extra.onTimerError ? { onTimerError: extra.onTimerError } : {}),
  });
}
