// Transaction matching keys (RFC 3261 §17.2.3 and the RFC 2543 fallback; §17.1.3 for responses).
import { describe, expect, it } from 'vitest';
import { parseMessage, type SipMessage } from '../../runtime/core/sip/index.js';
import { clientKey, clientKeyOfResponse, serverKey } from '../../runtime/core/transaction/keys.js';

function msg(firstLine: string, branch: string, cseq: string, extra = ''): SipMessage {
  const parsed = parseMessage(
    Buffer.from(
      `${firstLine}\r\nVia: SIP/2.0/UDP host.example:5060;branch=${branch}\r\nFrom: <sip:a@x>;tag=f\r\n` +
        `To: <sip:b@x>${extra}\r\nCall-ID: k@x\r\nCSeq: ${cseq}\r\nContent-Length: 0\r\n\r\n`,
    ),
  );
  if (!parsed.ok) throw new Error(parsed.error.detail);
  return parsed.message;
}

describe('serverKey', () => {
  it('maps an ACK to its INVITE and keeps CANCEL apart (RFC 3261 branch)', () => {
    const invite = msg('INVITE sip:b@x SIP/2.0', 'z9hG4bK1', '1 INVITE');
    const ack = msg('ACK sip:b@x SIP/2.0', 'z9hG4bK1', '1 ACK', ';tag=t');
    const cancel = msg('CANCEL sip:b@x SIP/2.0', 'z9hG4bK1', '1 CANCEL');
    expect(serverKey(ack)).toBe(serverKey(invite));
    expect(serverKey(cancel)).not.toBe(serverKey(invite));
    expect(serverKey(cancel, 'INVITE')).toBe(serverKey(invite));
  });
  it('distinguishes branches and sent-by', () => {
    const a = msg('MESSAGE sip:b@x SIP/2.0', 'z9hG4bK1', '1 MESSAGE');
    const b = msg('MESSAGE sip:b@x SIP/2.0', 'z9hG4bK2', '1 MESSAGE');
    expect(serverKey(a)).not.toBe(serverKey(b));
  });
  it('falls back to Call-ID, CSeq, From tag, Via and Request-URI without the magic cookie', () => {
    const invite = msg('INVITE sip:b@x SIP/2.0', 'old1', '1 INVITE');
    const ack = msg('ACK sip:b@x SIP/2.0', 'old1', '1 ACK', ';tag=t');
    const otherUri = msg('INVITE sip:c@x SIP/2.0', 'old1', '1 INVITE');
    const otherSeq = msg('INVITE sip:b@x SIP/2.0', 'old1', '2 INVITE');
    expect(serverKey(ack)).toBe(serverKey(invite));
    expect(serverKey(otherUri)).not.toBe(serverKey(invite));
    expect(serverKey(otherSeq)).not.toBe(serverKey(invite));
  });
});

describe('clientKey', () => {
  it('matches a response by our branch and the CSeq method', () => {
    const ok = msg('SIP/2.0 200 OK', 'z9hG4bKmine', '1 CANCEL');
    expect(clientKeyOfResponse(ok)).toBe(clientKey('z9hG4bKmine', 'CANCEL'));
    expect(clientKeyOfResponse(ok)).not.toBe(clientKey('z9hG4bKmine', 'INVITE'));
  });
});
