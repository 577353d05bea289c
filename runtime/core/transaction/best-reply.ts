// Choosing the final response to send upstream when no branch answered 2xx (RFC 3261 §16.7 step 6):
// a 6xx wins; otherwise the lowest class; within 4xx the codes a UAC can act on (401, 407, 415,
// 420, 484) are preferred, as Kamailio's tm does.
import type { SipMessage } from '../sip/index.js';

export interface Candidate {
  status: number;
  reason: string;
  /** The response received from a branch; undefined for a locally generated one (408, 487). */
  response?: SipMessage;
}

const PREFERRED_4XX = new Set([401, 407, 415, 420, 484]);

function rank(status: number): number {
  const cls = Math.floor(status / 100);
  if (cls === 6) return 0;
  // Within a class, preferred 4xx before other 4xx, then lower codes first.
  const preferred = cls === 4 && PREFERRED_4XX.has(status) ? 0 : 1;
  return cls * 10_000 + preferred * 1000 + (status % 100);
}

export function selectBestReply(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.status < 300) continue;
    if (!best || rank(candidate.status) < rank(best.status)) best = candidate;
  }
  return best;
}

/**
 * For a 401/407 winner, the WWW-Authenticate / Proxy-Authenticate values of every other 401/407
 * candidate (RFC 3261 §16.7 step 7, tm aggregate_challenges).
 */
export function collectChallenges(winner: Candidate, candidates: readonly Candidate[]): [string, string][] {
  if (winner.status !== 401 && winner.status !== 407) return [];
  const out: [string, string][] = [];
  for (const candidate of candidates) {
    if (candidate === winner || !candidate.response) continue;
    if (candidate.status !== 401 && candidate.status !== 407) continue;
    for (const value of candidate.response.headerAll('www-authenticate'))
      out.push(['WWW-Authenticate', value]);
    for (const value of candidate.response.headerAll('proxy-authenticate'))
      out.push(['Proxy-Authenticate', value]);
  }
  return out;
}
