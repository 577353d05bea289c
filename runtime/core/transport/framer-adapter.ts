// Adapts the message layer's SipStreamFramer (runtime/core/sip/framer.ts) to the StreamFramer
// contract the TCP connection code uses.
import { SipStreamFramer, type SipLimits } from '../sip/index.js';
import type { FramedChunk, StreamFramer, StreamFramerFactory } from './stream-framer.js';

class SipFramerAdapter implements StreamFramer {
  private readonly framer: SipStreamFramer;

  constructor(limits?: Partial<SipLimits>) {
    this.framer = new SipStreamFramer(limits);
  }

  push(chunk: Buffer): FramedChunk {
    const result: FramedChunk = { messages: [] };
    for (const event of this.framer.push(chunk)) {
      if (event.kind === 'message') result.messages.push(event.data);
      else if (event.kind === 'keepalive') result.pings = (result.pings ?? 0) + 1;
      else result.error = `${event.error.status} ${event.error.reason}: ${event.error.detail}`;
    }
    return result;
  }
}

export function sipFramers(limits?: Partial<SipLimits>): StreamFramerFactory {
  return () => new SipFramerAdapter(limits);
}
