// Our own addresses: Via sent-by, Record-Route URI, advertised address and aliases for "myself".
import { afterEach, describe, expect, it } from 'vitest';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/stack.js';
import { silentLogger } from '../../runtime/core/transport/types.js';

const stacks: SipStack[] = [];
afterEach(async () => {
  await Promise.all(stacks.splice(0).map((s) => s.close()));
});

async function stack(options: Partial<Parameters<typeof startSipStack>[0]> = {}): Promise<SipStack> {
  const s = await startSipStack({
    listen: [
      { proto: 'udp', host: '127.0.0.1', port: 0 },
      { proto: 'tcp', host: '127.0.0.1', port: 0 },
    ],
    logger: silentLogger,
    ...options,
  });
  stacks.push(s);
  return s;
}

describe('LocalAddresses', () => {
  it('names the bound socket of the right transport', async () => {
    const s = await stack();
    const udp = s.bound.find((b) => b.proto === 'udp')!.port;
    const tcp = s.bound.find((b) => b.proto === 'tcp')!.port;
    expect(s.local.sentBy('udp')).toBe(`127.0.0.1:${udp}`);
    expect(s.local.sentBy('tcp')).toBe(`127.0.0.1:${tcp}`);
  });

  it('uses the advertised address in Via and Record-Route and counts it as myself', async () => {
    const s = await stack({ advertise: { host: 'sip.example.org', port: 5060 } });
    expect(s.local.sentBy('udp')).toBe('sip.example.org:5060');
    expect(s.local.recordRouteUri('tcp')).toBe('sip:sip.example.org:5060;transport=tcp;lr');
    expect(s.local.isMyself('SIP.example.org', 5060)).toBe(true);
    expect(s.local.isMyself('sip.example.org', 5070)).toBe(false);
    // The real socket stays "myself" too.
    expect(s.local.isMyself('127.0.0.1', s.bound[0]!.port)).toBe(true);
  });

  it('treats aliases as myself, case-insensitively, with any port when the URI has none', async () => {
    const s = await stack({ aliases: ['Example.COM'] });
    expect(s.local.isMyself('example.com')).toBe(true);
    expect(s.local.isMyself('other.example.com')).toBe(false);
  });
});
