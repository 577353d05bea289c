// Our parser and the npm `sip` parser must agree on well-formed messages.

import sip from 'sip';
import { describe, expect, it } from 'vitest';
import { parseMessage, parseNameAddr } from '../../runtime/core/sip/index.js';
import { SAMPLES } from './samples.js';

function stripBrackets(uri: string): string {
  return uri.startsWith('<') ? uri.slice(1, -1) : uri;
}

describe('agreement with npm sip', () => {
  for (const [name, bytes] of SAMPLES) {
    it(name, () => {
      const ours = parseMessage(bytes);
      if (!ours.ok) throw new Error(ours.error.detail);
      const m = ours.message;
      const theirs = sip.parse(bytes);
      if (!theirs) throw new Error('npm sip did not parse the message');
      const h = theirs.headers;

      if (m.isRequest) {
        expect(m.method).toBe(theirs.method);
        expect(m.requestUri?.toString()).toBe(theirs.uri);
      } else {
        expect(m.status).toBe(theirs.status);
        expect(m.reason).toBe(theirs.reason);
      }
      expect(m.vias.map((v) => [v.transport, v.host, v.port, v.branch])).toEqual(
        (h.via ?? []).map((v) => [v.protocol, v.host, v.port, v.params['branch']]),
      );
      expect(m.from.uri.toString()).toBe(stripBrackets(h.from?.uri ?? ''));
      expect(m.from.tag).toBe(h.from?.params['tag'] ?? undefined);
      expect(m.to.uri.toString()).toBe(stripBrackets(h.to?.uri ?? ''));
      expect(m.to.tag).toBe(h.to?.params['tag'] ?? undefined);
      expect(m.callId).toBe(h['call-id']);
      expect(m.cseq).toEqual(h.cseq);
      const contacts = h.contact === '*' || h.contact === undefined ? [] : h.contact;
      expect(m.contacts.map((c) => c.uri.toString())).toEqual(contacts.map((c) => c.uri));
      expect(m.contacts.map((c) => c.params.get('expires') ?? undefined)).toEqual(
        contacts.map((c) => c.params['expires'] ?? undefined),
      );
      // npm sip keeps the body as a latin1 string: one character per byte.
      expect(m.body.length).toBe(theirs.content.length);
      expect(m.body.equals(Buffer.from(theirs.content, 'latin1'))).toBe(true);
    });
  }

  it('what npm sip stringifies, we parse to the same values', () => {
    for (const [, bytes] of SAMPLES) {
      const theirs = sip.parse(bytes);
      if (!theirs) throw new Error('npm sip did not parse');
      const again = parseMessage(Buffer.from(sip.stringify(theirs), 'latin1'));
      const ours = parseMessage(bytes);
      if (!again.ok || !ours.ok) throw new Error('parse failed');
      expect(again.message.callId).toBe(ours.message.callId);
      expect(again.message.vias.map((v) => v.branch)).toEqual(ours.message.vias.map((v) => v.branch));
      expect(again.message.body.equals(ours.message.body)).toBe(true);
      expect(parseNameAddr(again.message.header('from') ?? '').tag).toBe(ours.message.fromTag);
    }
  });
});
