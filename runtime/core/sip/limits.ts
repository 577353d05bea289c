// Size limits that bound what one message may cost us; attacker input never gets more than this.

export interface SipLimits {
  /** Largest accepted message (start line + headers + body), in bytes. */
  maxMessageSize: number;
  /** Most header fields (lines after unfolding) in one message. */
  maxHeaders: number;
  /** Longest header field (name, colon, value and folded continuations), in bytes. */
  maxHeaderLength: number;
}

export const DEFAULT_LIMITS: Readonly<SipLimits> = Object.freeze({
  maxMessageSize: 65536,
  maxHeaders: 256,
  maxHeaderLength: 8192,
});

/** Fills the unset fields of a partial limits object with the defaults. */
export function resolveLimits(limits?: Partial<SipLimits>): SipLimits {
  if (!limits) return DEFAULT_LIMITS;
  return {
    maxMessageSize: limits.maxMessageSize ?? DEFAULT_LIMITS.maxMessageSize,
    maxHeaders: limits.maxHeaders ?? DEFAULT_LIMITS.maxHeaders,
    maxHeaderLength: limits.maxHeaderLength ?? DEFAULT_LIMITS.maxHeaderLength,
  };
}
