import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildErrorReply, parseMessage } from '../../runtime/core/sip/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'rfc4475');

function replyFor(file: string) {
  const buf = readFileSync(join(DIR, file));
  const r = parseMessage(buf);
  if (r.ok) throw new Error(`${file} unexpectedly parsed`);
  return { error: r.error, reply: buildErrorReply(buf, r.error, 'srv1') };
}

describe('buildErrorReply', () => {
  it('answers a request with a CSeq mismatch with 400 that echoes the transaction headers', () => {
    const { reply } = replyFor('mismatch01.dat');
    if (!reply) throw new Error('no reply');
    const r = parseMessage(reply);
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.message.status).toBe(400);
    expect(r.message.callId).toBe('mismatch01.dj0234sxdfl3');
    expect(r.message.toTag).toBe('srv1');
  });

  it('answers 505 to an unsupported version and 501 to an unknown method', () => {
    const vers = replyFor('badvers.dat');
    expect(vers.reply?.toString('latin1').startsWith('SIP/2.0 505 Version Not Supported\r\n')).toBe(true);
    const meth = replyFor('mismatch02.dat');
    expect(meth.reply?.toString('latin1').startsWith('SIP/2.0 501 Not Implemented\r\n')).toBe(true);
  });

  it('gives nothing for dropped responses or requests it cannot address', () => {
    expect(replyFor('bigcode.dat').reply).toBeUndefined();
    expect(replyFor('scalarlg.dat').reply).toBeUndefined();
    expect(replyFor('insuf.dat').reply).toBeUndefined();
  });

  it('never answers an ACK', () => {
    const buf = readFileSync(join(DIR, 'mismatch01.dat'));
    const ack = Buffer.from(
      buf
        .toString('latin1')
        .replace(/^OPTIONS/, 'ACK')
        .replace('CSeq: 8 INVITE', 'CSeq: 8 OPTIONS'),
      'latin1',
    );
    const r = parseMessage(ack);
    if (r.ok) throw new Error('ACK with mismatched CSeq unexpectedly parsed');
    expect(r.error.status).toBe(400);
    expect(buildErrorReply(ack, r.error)).toBeUndefined();
  });
});
