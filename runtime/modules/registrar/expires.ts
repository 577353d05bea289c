// Expiry and q of one contact (Kamailio registrar regtime/common: calc_contact_expires, str2q).
import type { RegistrarConfig } from './config.js';
import { RegistrarFailure, R } from './errors.js';

/** Parses an Expires header body; undefined when absent, a RegistrarFailure when malformed. */
export function parseExpiresHeader(values: readonly string[]): number | undefined {
  if (values.length === 0) return undefined;
  const text = values[0]!.trim();
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) throw new RegistrarFailure(R.PARSE_EXP);
  return Number(text);
}

/**
 * Relative expires of a contact: its `expires` param, else the Expires header, else
 * default_expires (also when the param is not a number); then min/max clamping.
 * Returns 0 for "remove this binding".
 */
export function contactExpires(
  param: string | undefined,
  header: number | undefined,
  cfg: RegistrarConfig,
): number {
  let e: number;
  if (param !== undefined && param !== '') {
    e = /^\d{1,10}$/.test(param.trim()) ? Number(param.trim()) : cfg.defaultExpires;
  } else {
    e = header ?? cfg.defaultExpires;
  }
  if (e === 0) return 0;
  if (e < cfg.minExpires) {
    if (cfg.minExpiresMode === 1) throw new RegistrarFailure(R.LOW_EXP);
    e = cfg.minExpires;
  }
  if (cfg.maxExpires > 0 && e > cfg.maxExpires) e = cfg.maxExpires;
  return e;
}

/** Parses a q parameter ("0", "1", "0.5", "0.125", "1.000") into q × 1000. */
export function parseQ(text: string | undefined, defaultQ: number): number {
  if (text === undefined) return defaultQ;
  const m = /^(?:(0)(?:\.(\d{0,3}))?|(1)(?:\.(0{0,3}))?)$/.exec(text.trim());
  if (!m) throw new RegistrarFailure(R.INV_Q);
  if (m[3] !== undefined) return 1000;
  return Number(((m[2] ?? '') + '000').slice(0, 3));
}

/** Prints q × 1000 the way Kamailio's q2str does: "1", "0", "0.5", "0.25", "0.125". */
export function q2str(q: number): string {
  if (q >= 1000) return '1';
  if (q <= 0) return '0';
  return ('0.' + String(q).padStart(3, '0')).replace(/0+$/, '');
}
