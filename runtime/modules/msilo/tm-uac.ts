// msilo's UAC port over the transaction layer's local-request sender (tm t_request).
import { sendLocalRequest, type LocalRequestSpec } from '../../core/transaction/uac.js';
import type { LocalAddresses } from '../../core/transaction/local-addresses.js';
import type { TransactionLayer } from '../../core/transaction/transaction-layer.js';
import type { MsiloUac, UacRequest } from './ports.js';

/** Header lines ("Name: value") as the name/value pairs the request builder takes, order kept. */
export function headerPairs(lines: readonly string[]): [string, string][] {
  return lines.flatMap((line): [string, string][] => {
    const colon = line.indexOf(':');
    return colon <= 0 ? [] : [[line.slice(0, colon).trim(), line.slice(colon + 1).trim()]];
  });
}

export function localRequestSpec(req: UacRequest): LocalRequestSpec {
  return {
    method: req.method,
    uri: req.ruri,
    from: req.from,
    to: req.to,
    headers: headerPairs(req.headers),
    body: req.body,
    ...(req.callId !== undefined ? { callId: req.callId } : {}),
    ...(req.outboundProxy !== undefined ? { destination: req.outboundProxy } : {}),
  };
}

/** Resolves with the final status (408 when the transaction times out). */
export function tmUac(layer: TransactionLayer, local: LocalAddresses): MsiloUac {
  return {
    send: (req) =>
      new Promise<number>((resolve, reject) => {
        try {
          sendLocalRequest(layer, local, localRequestSpec(req), (outcome) => resolve(outcome.status));
        } catch (err) {
          reject(err);
        }
      }),
  };
}
