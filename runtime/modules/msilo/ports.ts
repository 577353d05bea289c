// What msilo needs from the rest of the runtime: the MESSAGE/REGISTER being processed, a UAC to
// send requests it generates, the `silo` table and a clock. Narrow on purpose: adapters over the
// SIP layer, tm and runtime/db are a few lines, and tests use in-memory doubles.
import type { SiloStore } from '../../db/index.js';

/** The request m_store / m_dump runs for. */
export interface MsiloRequest {
  readonly method: string;
  /** The Request-URI as received. */
  readonly originalRuri: string;
  /** The R-URI after script rewrites, when it was changed (Kamailio's new_uri); else undefined. */
  readonly newRuri: string | undefined;
  /**
   * Raw values of every header with this name, one per header line, in message order; names
   * match case-insensitively and compact forms are included under the full name.
   */
  headers(name: string): readonly string[];
  /** Every header line in order, names as written (or normalised), values unfolded. */
  headerFields(): readonly { readonly name: string; readonly value: string }[];
  readonly body: Buffer;
  isFlagSet(flag: number): boolean;
  /** Evaluates a string with pseudo-variables (modparams such as from_address) for this request. */
  expand(spve: string): string;
  /** Value of `extra_hdrs_avp` when that modparam is set and the AVP exists. */
  readonly extraHdrsAvp?: string;
  /** Value of `snd_time_avp` (YYYYMMDDHHMMSS, local time) when set. */
  readonly sndTimeAvp?: string;
}

/** A request msilo originates (tm t_request). */
export interface UacRequest {
  readonly method: 'MESSAGE';
  readonly ruri: string;
  readonly to: string;
  readonly from: string;
  /** Header lines without CRLF, in order. */
  readonly headers: readonly string[];
  readonly body: Buffer;
  readonly callId?: string;
  /** Send to this next hop instead of resolving the R-URI (outbound_proxy). */
  readonly outboundProxy?: string;
}

export interface MsiloUac {
  /** Sends the request; resolves with the final status (408 on timeout), rejects if it could not be sent. */
  send(request: UacRequest): Promise<number>;
}

/** The `silo` queries msilo uses (runtime/db's SiloStore satisfies it). */
export type MsiloStorage = Pick<
  SiloStore,
  | 'insert'
  | 'countByOwner'
  | 'pendingByOwner'
  | 'deleteByIds'
  | 'deleteExpired'
  | 'dueReminders'
  | 'resetSendTime'
>;
