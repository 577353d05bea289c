// Parses `listen=` values: `proto:addr:port`, `addr:port`, `addr`, `proto:addr` with IPv6 in brackets.
import type { ListenSpec, Proto } from './types.js';

export const DEFAULT_SIP_PORT = 5060;

export function parseListenSpec(text: string, defaultPort = DEFAULT_SIP_PORT): ListenSpec {
  let rest = text.trim();
  let proto: Proto = 'udp';
  const protoMatch = /^(udp|tcp):/i.exec(rest);
  if (protoMatch) {
    proto = protoMatch[1]!.toLowerCase() as Proto;
    rest = rest.slice(protoMatch[0].length);
  }
  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new Error(`bad listen address "${text}": missing ]`);
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') throw new Error(`bad listen address "${text}"`);
  } else {
    const colons = rest.split(':').length - 1;
    if (colons > 1) {
      host = rest; // bare IPv6 without port
    } else {
      const [h, p] = rest.split(':');
      host = h!;
      portText = p;
    }
  }
  if (host === '') throw new Error(`bad listen address "${text}": empty host`);
  const port = portText === undefined ? defaultPort : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`bad listen address "${text}": port must be 0..65535`);
  }
  return { proto, host, port };
}
