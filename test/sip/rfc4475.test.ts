// RFC 4475 torture messages: one test per file, checked against INDEX.tsv (sha256 first).
// Valid messages parse and survive serialisation (unmodified and edited); invalid ones are rejected
// with the status we chose from what the index allows; nothing throws.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SipStreamFramer, parseMessage, type SipMessage } from '../../runtime/core/sip/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'rfc4475');

interface IndexRow {
  file: string;
  validity: string;
  handling: string;
  bytes: number;
  sha256: string;
}

function readIndex(): IndexRow[] {
  const lines = readFileSync(join(DIR, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cols = line.split('\t');
    return {
      file: cols[0] ?? '',
      validity: cols[2] ?? '',
      handling: cols[3] ?? '',
      bytes: Number(cols[6]),
      sha256: cols[7] ?? '',
    };
  });
}

/**
 * Our chosen answer for each invalid message (status; 0 = dropped silently). Where the index allows
 * tolerance (lwsstart, trws, escruri, ltgtruri …) we reject: a proxy then can never forward the defect.
 * baddate is accepted: the Date header is kept opaque and never interpreted.
 */
const INVALID = new Map<string, number | 'accept'>([
  ['badinv01.dat', 400],
  ['clerr.dat', 400],
  ['ncl.dat', 400],
  ['scalar02.dat', 400],
  ['scalarlg.dat', 0],
  ['quotbal.dat', 400],
  ['ltgtruri.dat', 400],
  ['lwsruri.dat', 400],
  ['lwsstart.dat', 400],
  ['trws.dat', 400],
  ['escruri.dat', 400],
  ['baddate.dat', 'accept'],
  ['regbadct.dat', 400],
  ['badaspec.dat', 400],
  ['baddn.dat', 400],
  ['badvers.dat', 505],
  ['mismatch01.dat', 400],
  ['mismatch02.dat', 501],
  ['bigcode.dat', 0],
  ['insuf.dat', 400],
  ['multi01.dat', 400],
  ['mcl01.dat', 400],
  ['test.dat', 400],
]);

/** File-specific facts a valid message must show after parsing. */
const FACTS = new Map<string, (m: SipMessage) => void>([
  [
    'wsinv.dat',
    (m) => {
      expect(m.to.uri.toString()).toBe('sip:vivekg@chair-dnrc.example.com');
      expect(m.to.tag).toBe('1918181833n');
      expect(m.from.displayName).toBe('J Rosenberg \\"');
      expect(m.from.tag).toBe('98asjd8');
      expect(m.maxForwards).toBe(68);
      expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
      expect(m.vias.map((v) => [v.transport, v.host, v.branch])).toEqual([
        ['UDP', '192.0.2.2', '390skdjuw'],
        ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
        ['UDP', '192.168.255.111', 'z9hG4bK30239'],
      ]);
      expect(m.header('subject')).toBe('');
      expect(m.header('NewFangledHeader')).toBe('newfangled value continued newfangled value');
      expect(m.header('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
      expect(m.contacts[0]?.displayName).toBe('Quoted string ""');
      expect(m.contacts[0]?.params.get('newparam')).toBe('newvalue');
      expect(m.contacts[0]?.params.get('q')).toBe('0.33');
      expect(m.routes()?.[0]?.uri.params.get('unknownwith')).toBe('value');
      expect(m.body.length).toBe(150);
    },
  ],
  [
    'intmeth.dat',
    (m) => {
      expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
      expect(m.requestUri?.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
      expect(m.requestUri?.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
      expect(m.requestUri?.host).toBe('example.com');
      expect(m.to.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
      expect(m.via.branch).toBe("z9hG4bK-.!%66*_+`'~");
      expect(m.callId).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
      expect(m.from.params.getUnquoted("fromParam''~+*_!.-%")).toBe('работающий');
      expect(m.header("extensionHeader-!.%*+_`'~")).toBe('\u{FEFF}大停電');
    },
  ],
  [
    'esc01.dat',
    (m) => {
      expect(m.requestUri?.user).toBe('sips:user@example.com');
      expect(m.requestUri?.host).toBe('example.net');
      expect(m.to.uri.user).toBe('user');
      expect(m.from.uri.user).toBe('I have spaces');
      const contact = m.contacts[0]?.uri;
      expect(contact?.user).toBe('caller');
      expect(contact?.lr).toBe(true);
      expect(contact?.params.get('name')).toBe('value%41');
    },
  ],
  [
    'escnull.dat',
    (m) => {
      expect(m.to.uri.user).toBe('null-\x00-null');
      expect(m.contacts.map((c) => c.uri.user)).toEqual(['\x00', '\x00\x00']);
    },
  ],
  [
    'esc02.dat',
    (m) => {
      expect(m.method).toBe('RE%47IST%45R');
      expect(m.contacts.map((c) => c.uri.host)).toEqual(['host1.example.com', 'host3.example.com']);
      expect(m.header('c%6Fntact')).toBe('<sip:alias2@host2.example.com>');
      expect(m.to.displayName).toBe('%Z%45');
    },
  ],
  ['lwsdisp.dat', (m) => expect([m.from.displayName, m.from.uri.user]).toEqual(['caller', 'caller'])],
  [
    'longreq.dat',
    (m) => {
      expect(m.vias).toHaveLength(34);
      expect(m.to.uri.port).toBe(6000);
      expect(m.from.tag?.length).toBeGreaterThan(100);
    },
  ],
  [
    'dblreq.dat',
    (m) => {
      expect(m.method).toBe('REGISTER');
      expect(m.body.length).toBe(0);
      expect(m.serialize().toString('latin1')).not.toContain('INVITE');
    },
  ],
  [
    'semiuri.dat',
    (m) => {
      expect(m.requestUri?.user).toBe('user;par=u@example.net');
      expect(m.requestUri?.host).toBe('example.com');
      expect(m.headerValues('accept')).toHaveLength(6);
    },
  ],
  [
    'transports.dat',
    (m) => expect(m.vias.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']),
  ],
  [
    'mpart01.dat',
    (m) => {
      expect(m.body.length).toBe(m.contentLength);
      expect(m.body.includes(0)).toBe(true);
    },
  ],
  ['unreason.dat', (m) => expect(m.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое')],
  ['noreason.dat', (m) => expect([m.status, m.reason]).toEqual([100, ''])],
  ['badbranch.dat', (m) => expect(m.via.branch).toBe('z9hG4bK')],
  [
    'unkscm.dat',
    (m) =>
      expect([m.requestUri?.scheme, m.requestUri?.opaque]).toEqual([
        'nobodyknowsthisscheme',
        'totallyopaquecontent',
      ]),
  ],
  ['novelsc.dat', (m) => expect(m.requestUri?.scheme).toBe('soap.beep')],
  [
    'unksm2.dat',
    (m) =>
      expect([m.to.uri.scheme, m.from.uri.scheme, m.contacts[0]?.uri.scheme]).toEqual([
        'isbn',
        'http',
        'name',
      ]),
  ],
  ['zeromf.dat', (m) => expect(m.maxForwards).toBe(0)],
  [
    'cparam01.dat',
    (m) => {
      expect(m.contacts[0]?.params.has('unknownparam')).toBe(true);
      expect(m.contacts[0]?.uri.params.has('unknownparam')).toBe(false);
    },
  ],
  [
    'cparam02.dat',
    (m) => {
      expect(m.contacts[0]?.params.has('unknownparam')).toBe(false);
      expect(m.contacts[0]?.uri.params.has('unknownparam')).toBe(true);
    },
  ],
  ['regescrt.dat', (m) => expect(m.contacts[0]?.uri.headers.get('Route')).toBe('<sip:sip.example.com>')],
  [
    'inv2543.dat',
    (m) => {
      expect(m.contentLength).toBeUndefined();
      expect(m.maxForwards).toBeUndefined();
      expect(m.from.tag).toBeUndefined();
      expect(m.via.branch).toBeUndefined();
      expect(m.body.toString('latin1').startsWith('v=0')).toBe(true);
    },
  ],
  ['bcast.dat', (m) => expect(m.vias[1]?.host).toBe('255.255.255.255')],
]);

/** What must survive serialisation: start line, header fields (Content-Length aside), body. */
function snapshot(m: SipMessage, skip: readonly string[] = []) {
  return {
    isRequest: m.isRequest,
    method: m.method,
    status: m.status,
    reason: m.reason,
    requestUri: m.requestUri?.toString(),
    headers: m.headerFields().filter((h) => h.name !== 'content-length' && !skip.includes(h.name)),
    body: m.body.toString('hex'),
  };
}

const rows = readIndex();

describe('RFC 4475 torture messages', () => {
  it('index covers every .dat file', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.dat'))
      .sort();
    expect(rows.map((r) => r.file).sort()).toEqual(files);
    expect(files).toHaveLength(50);
  });

  for (const row of rows) {
    it(`${row.file} (${row.validity}): ${row.handling.slice(0, 80)}`, () => {
      const bytes = readFileSync(join(DIR, row.file));
      expect(bytes.length).toBe(row.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);

      const result = parseMessage(bytes);
      const choice = INVALID.get(row.file);
      if (row.validity === 'valid' || choice === 'accept') {
        expect(choice === undefined || choice === 'accept').toBe(true);
        if (!result.ok) throw new Error(`${row.file} rejected: ${result.error.detail}`);
        const m = result.message;
        FACTS.get(row.file)?.(m);

        // Unmodified: the received bytes (without any trailing datagram junk).
        const plain = m.serialize();
        expect(Buffer.compare(plain, bytes.subarray(0, plain.length))).toBe(0);
        const again = parseMessage(plain);
        if (!again.ok) throw new Error(again.error.detail);
        expect(snapshot(again.message)).toEqual(snapshot(m));

        // Edited: forces a rebuild; everything else must read back the same.
        m.addHeader('X-Serc-Test', 'edited');
        const rebuilt = m.serialize();
        expect(rebuilt.equals(plain)).toBe(false);
        const edited = parseMessage(rebuilt);
        if (!edited.ok) throw new Error(edited.error.detail);
        expect(edited.message.header('x-serc-test')).toBe('edited');
        expect(snapshot(edited.message, ['x-serc-test'])).toEqual(snapshot(m));
        expect(edited.message.contentLength).toBe(m.body.length);
        // Reads on the original keep returning the original values.
        expect(m.has('x-serc-test')).toBe(false);
      } else {
        expect(row.validity).toBe('invalid');
        expect(choice).toBeTypeOf('number');
        if (result.ok) throw new Error(`${row.file} accepted but should be rejected`);
        expect(result.error.status).toBe(choice);
        expect(result.error.detail.length).toBeGreaterThan(0);
      }
    });
  }

  it('stream framing of the Content-Length torture cases: clerr waits, ncl and mcl01 fail the connection', () => {
    const read = (f: string) => readFileSync(join(DIR, f));
    const waiting = new SipStreamFramer();
    expect(waiting.push(read('clerr.dat'))).toEqual([]);
    expect(waiting.buffered).toBe(read('clerr.dat').length);
    for (const f of ['ncl.dat', 'mcl01.dat']) {
      const framer = new SipStreamFramer();
      const events = framer.push(read(f));
      expect(events).toHaveLength(1);
      expect(events[0]?.kind).toBe('error');
      expect(framer.failed).toBe(true);
    }
  });
});
