// The best-effort error answer the transport sends to requests that do not parse (the message
// layer's buildErrorReply, called with the status and reason the parser chose).
import { describe, expect, it } from 'vitest';
import { buildErrorReply as buildFromError } from '../../runtime/core/sip/index.js';

const buildErrorReply = (raw: Buffer, status: number, reason: string): Buffer | undefined =>
  buildFromError(raw, { status, reason, detail: 'test' });

const head =
  'v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKe1\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKe0\r\n' +
  'f: <sip:a@x>;tag=1\r\nt: <sip:b@x>\r\ni: err@x\r\nCSeq: 7 MESSAGE\r\n';

describe('buildErrorReply', () => {
  it('echoes every Via and the first From/To/Call-ID/CSeq, expanding compact names', () => {
    const reply = buildErrorReply(
      Buffer.from(`MESSAGE sip:b@x SIP/2.0\r\n${head}Max-Forwards: x\r\n\r\n`),
      400,
      'Bad Request',
    );
    expect(reply?.toString()).toBe(
      'SIP/2.0 400 Bad Request\r\n' +
        'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKe1\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKe0\r\n' +
        'From: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: err@x\r\nCSeq: 7 MESSAGE\r\nContent-Length: 0\r\n\r\n',
    );
  });
  it('uses the status the parser chose (505 for an unknown SIP version)', () => {
    expect(
      buildErrorReply(
        Buffer.from(`MESSAGE sip:b@x SIP/7.0\r\n${head}\r\n`),
        505,
        'Version Not Supported',
      )?.toString(),
    ).toMatch(/^SIP\/2\.0 505 Version Not Supported\r\n/);
  });
  it('sends nothing for ACK, responses, garbage, or when a needed header is missing', () => {
    expect(
      buildErrorReply(Buffer.from(`ACK sip:b@x SIP/2.0\r\n${head}\r\n`), 400, 'Bad Request'),
    ).toBeUndefined();
    expect(buildErrorReply(Buffer.from(`SIP/2.0 200 OK\r\n${head}\r\n`), 400, 'Bad Request')).toBeUndefined();
    expect(buildErrorReply(Buffer.from([0xff, 0, 1, 2]), 400, 'Bad Request')).toBeUndefined();
    const noCallId = head.replace('i: err@x\r\n', '');
    expect(
      buildErrorReply(Buffer.from(`MESSAGE sip:b@x SIP/2.0\r\n${noCallId}\r\n`), 400, 'Bad Request'),
    ).toBeUndefined();
  });
  it('refuses header values with control characters (they could split the reply)', () => {
    const evil = head.replace('i: err@x', 'i: err\x0b@x');
    expect(
      buildErrorReply(Buffer.from(`MESSAGE sip:b@x SIP/2.0\r\n${evil}\r\n`), 400, 'Bad Request'),
    ).toBeUndefined();
  });
});
