// Best final reply selection (RFC 3261 §16.7 step 6) and challenge aggregation (step 7).
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../runtime/core/sip/index.js';
import {
  collectChallenges,
  selectBestReply,
  type Candidate,
} from '../../runtime/core/transaction/best-reply.js';

const c = (status: number): Candidate => ({ status, reason: String(status) });

describe('selectBestReply', () => {
  it('prefers any 6xx', () => {
    expect(selectBestReply([c(302), c(486), c(603), c(404)])?.status).toBe(603);
  });
  it('otherwise takes the lowest class', () => {
    expect(selectBestReply([c(503), c(486), c(302)])?.status).toBe(302);
    expect(selectBestReply([c(503), c(408)])?.status).toBe(408);
  });
  it('prefers 401/407/415/420/484 within 4xx', () => {
    expect(selectBestReply([c(404), c(407), c(480)])?.status).toBe(407);
    expect(selectBestReply([c(486), c(404)])?.status).toBe(404);
  });
  it('ignores non-final and 2xx candidates and returns undefined without finals ≥300', () => {
    expect(selectBestReply([c(180), c(200)])).toBeUndefined();
    expect(selectBestReply([])).toBeUndefined();
  });
});

describe('collectChallenges', () => {
  it('gathers the other 401/407 challenges for a 401/407 winner', () => {
    const reply = (status: number, header: string): Candidate => {
      const parsed = parseMessage(
        Buffer.from(
          `SIP/2.0 ${status} Auth\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\n` +
            `Call-ID: c\r\nCSeq: 1 INVITE\r\n${header}\r\nContent-Length: 0\r\n\r\n`,
        ),
      );
      if (!parsed.ok) throw new Error(parsed.error.detail);
      return { status, reason: 'Auth', response: parsed.message };
    };
    const a = reply(401, 'WWW-Authenticate: Digest realm="a", nonce="1"');
    const b = reply(407, 'Proxy-Authenticate: Digest realm="b", nonce="2"');
    expect(collectChallenges(a, [a, b, c(486)])).toEqual([
      ['Proxy-Authenticate', 'Digest realm="b", nonce="2"'],
    ]);
    expect(collectChallenges(c(486), [a, b])).toEqual([]);
  });
});
