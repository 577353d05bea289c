// Where requests' senders get their responses: RFC 3261 §18.2.2 with RFC 3581 rport, and the
// received/rport stamping of §18.2.1 / RFC 3581 §4 on requests we receive.
import type { SipMessage, Via } from '../sip/index.js';
import { stripBrackets } from './resolve-host.js';
import type { Proto, ReceiveInfo, SendTarget } from './types.js';

const DEFAULT_PORT = 5060;

/** Adds received (when the sent-by host is not the source address) and fills rport when asked for. */
export function stampReceived(message: SipMessage, rcv: ReceiveInfo): void {
  const via = message.via;
  const wantsRport = via.rport === true;
  const differs = via.hostname !== rcv.srcIp;
  if (!wantsRport && !differs) return;
  message.setTopViaParams({
    received: differs || wantsRport ? rcv.srcIp : undefined,
    rport: wantsRport ? rcv.srcPort : undefined,
  });
}

export function viaProto(via: Via): Proto | undefined {
  const transport = via.transport.toLowerCase();
  return transport === 'udp' || transport === 'tcp' ? transport : undefined;
}

/**
 * Target for a response whose top Via is `via`. `rcv` is how the request arrived (when we received it):
 * its connection is reused for TCP, and its source stands in for received/rport the request lacked.
 */
export function responseTarget(via: Via, rcv?: ReceiveInfo): SendTarget {
  const proto = viaProto(via) ?? rcv?.proto ?? 'udp';
  const sentByPort = via.port ?? DEFAULT_PORT;
  const rport = via.rport;
  const wantsRport = rport !== undefined;
  const differs = rcv !== undefined && via.hostname !== rcv.srcIp;
  const received = via.received ?? (rcv !== undefined && (differs || wantsRport) ? rcv.srcIp : undefined);
  const port = typeof rport === 'number' ? rport : wantsRport && rcv ? rcv.srcPort : sentByPort;
  const local = rcv ? { localIp: rcv.localIp, localPort: rcv.localPort } : {};
  if (proto === 'tcp') {
    // §18.2.2: reliable transports answer on the connection the request came in on, if still open.
    const host = received ?? via.hostname;
    const tcpPort = typeof rport === 'number' ? rport : sentByPort;
    return { proto, host: stripBrackets(host), port: tcpPort, connectionId: rcv?.connectionId, ...local };
  }
  if (via.maddr !== undefined) return { proto, host: stripBrackets(via.maddr), port: sentByPort, ...local };
  if (received !== undefined) return { proto, host: stripBrackets(received), port, ...local };
  return { proto, host: via.hostname, port: sentByPort, ...local };
}
