// m_dump through the real transaction layer over UDP on 127.0.0.1: the stored MESSAGE reaches a
// UA socket with Kamailio's headers and prefix; the UA's final answer decides the row's fate.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { startSipStack, type SipStack } from '../../../runtime/core/transaction/stack.js';
import { Msilo, tmUac } from '../../../runtime/modules/msilo/index.js';
import { MemorySilo, MESSAGE_HEADERS, msiloRequest } from './doubles.js';

let stack: SipStack | undefined;
let ua: Socket | undefined;

afterEach(async () => {
  ua?.close();
  ua = undefined;
  await stack?.close();
  stack = undefined;
});

/** A UA that answers every request with `code` and hands the request text to the test. */
async function answeringUa(code: number): Promise<{ port: number; requests: string[] }> {
  const sock = createSocket('udp4');
  ua = sock;
  const requests: string[] = [];
  sock.on('message', (buf, rinfo) => {
    const text = buf.toString('utf8');
    requests.push(text);
    const head = text.split('\r\n\r\n')[0]!.split('\r\n');
    const pick = (name: string) => head.filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    const to = pick('To')[0]!;
    const reply = [
      `SIP/2.0 ${code} ${code === 200 ? 'OK' : 'Busy Here'}`,
      ...pick('Via'),
      ...pick('From'),
      `${to};tag=ua1`,
      ...pick('Call-ID'),
      ...pick('CSeq'),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  return { port: sock.address().port, requests };
}

async function deliver(code: number) {
  const phone = await answeringUa(code);
  stack = await startSipStack({ listen: [{ proto: 'udp', host: '127.0.0.1', port: 0 }] });
  const storage = new MemorySilo();
  const msilo = new Msilo({ storage, uac: tmUac(stack.transactions, stack.local) });
  const bob = `sip:bob@127.0.0.1:${phone.port}`;
  const headers = MESSAGE_HEADERS.map((h) => (h.startsWith('To:') ? `To: <${bob}>` : h));
  expect(await msilo.store(msiloRequest({ headers, body: 'are you there?', ruri: bob }))).toBe(1);
  const arrived = new Promise<string>((resolve) => {
    const timer = setInterval(() => {
      if (phone.requests.length > 0) {
        clearInterval(timer);
        resolve(phone.requests[0]!);
      }
    }, 10);
  });
  const register = msiloRequest({
    method: 'REGISTER',
    headers: [`To: <${bob}>`, `Contact: <${bob}>`, 'Expires: 60'],
  });
  expect(await msilo.dump(register)).toBe(1);
  const text = await arrived;
  // The answer travels back through the transaction; wait until the row's fate is settled.
  const settled = () => {
    const e = msilo.inFlight.get(1);
    return e !== undefined && e.state !== 'sending' && (e.state === 'error' || e.deleted);
  };
  for (let i = 0; i < 500 && !settled(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(settled()).toBe(true);
  return { text, storage, bob };
}

describe('msilo delivery over UDP', () => {
  it('the UA receives the MESSAGE with Date, Content-Type and the prefixed body; its 200 deletes the row', async () => {
    const { text, storage, bob } = await deliver(200);
    const [head, body] = text.split('\r\n\r\n') as [string, string];
    const lines = head.split('\r\n');
    expect(lines[0]).toBe(`MESSAGE ${bob} SIP/2.0`);
    const names = lines.slice(1).map((l) => l.slice(0, l.indexOf(':')));
    expect(names.indexOf('Date')).toBeGreaterThan(-1);
    expect(names.indexOf('Content-Type')).toBe(names.indexOf('Date') + 1);
    expect(lines.find((l) => l.startsWith('From:'))).toMatch(/^From: <sip:alice@example\.com>;tag=/);
    expect(lines.find((l) => l.startsWith('To:'))).toBe(`To: <${bob}>`);
    expect(body).toMatch(/^\[Offline message - \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\] are you there\?$/);
    expect(storage.rows.size).toBe(0);
  });

  it('a 486 keeps the row for the next m_dump', async () => {
    const { storage } = await deliver(486);
    expect(storage.rows.size).toBe(1);
  });
});
