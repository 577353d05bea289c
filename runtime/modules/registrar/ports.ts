// What the registrar needs from the rest of the runtime, kept narrow so an adapter over the
// SIP message layer / script context is a few lines and tests can pass plain objects.

/** Read access to the request being processed. */
export interface RequestView {
  /** Request method, e.g. "REGISTER". */
  readonly method: string;
  /** The current Request-URI (after script rewrites). */
  readonly ruri: string;
  /**
   * Raw values of every header with this name, in message order; the name is matched
   * case-insensitively and compact forms (m, t, f, i, …) are included under their full name.
   */
  headers(name: string): readonly string[];
}

/** Extra facts about the REGISTER that do not come from its headers. */
export interface RegisterContext {
  /** Value of registrar `received_avp` for this request (set by nathelper's fix_nated_register). */
  received?: string;
  /** Local socket the request came in on, `proto:ip:port`. */
  socket?: string;
  /** Branch flags of branch 0, saved with the contacts and restored by lookup. */
  branchFlags?: number;
  /**
   * Where save() runs: replies go out from request and failure routes only (and on errors
   * only from a request route), as in Kamailio.
   */
  routeType?: 'request' | 'failure' | 'onreply';
}

/** Sends the reply to the REGISTER (sl stateless reply, or tm when a transaction exists). */
export type SendReply = (code: number, reason: string, headers: readonly string[]) => Promise<void> | void;

/** One extra destination added by lookup (append_branches). */
export interface BranchTarget {
  uri: string;
  dstUri?: string;
  path?: string;
  /** q × 1000, or -1 when unspecified. */
  q: number;
  flags: number;
  socket?: string;
}

/** What lookup() changes in the request being routed. */
export interface LookupTarget {
  readonly method: string;
  readonly ruri: string;
  setRuri(uri: string): void;
  /** Sets or clears $du. */
  setDstUri(uri: string | undefined): void;
  /** The Path vector to be turned into Route headers when the request is relayed. */
  setPath(path: string | undefined): void;
  setBranchFlags(flags: number): void;
  /** Local socket to send from (the one the contact registered through). */
  setForceSocket?(socket: string | undefined): void;
  appendBranch(branch: BranchTarget): void;
}
