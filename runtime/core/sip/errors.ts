// Parse outcomes. parseMessage never throws: every failure becomes a SipParseError value.

/** Why a message was rejected, and what to answer. */
export interface SipParseError {
  /** Status to answer with (400, 505, 513, …), or 0 when the message must be dropped silently (bad responses, garbage). */
  status: number;
  /** Reason phrase for that answer. */
  reason: string;
  /** What exactly was wrong, for logs. */
  detail: string;
}

/** Thrown by the component parsers (URI, Via, name-addr, …) on malformed text; caught at the layer boundary. */
export class SipSyntaxError extends Error {
  constructor(
    message: string,
    /** Status an enclosing request parse should answer with. */
    readonly status: number = 400,
    readonly reason: string = 'Bad Request',
  ) {
    super(message);
    this.name = 'SipSyntaxError';
  }
}
