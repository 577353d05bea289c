// A UAC for requests we originate (msilo delivering stored MESSAGEs, t_uac_send): builds the
// request, runs a client transaction, and reports the final status once (408 on timeout).
import { isIPv6 } from 'node:net';
import {
  SipUri,
  buildRequest,
  newBranch,
  newCallId,
  newTag,
  parseNameAddrList,
  type SipMessage,
} from '../sip/index.js';
import type { SendTarget } from '../transport/types.js';
import type { ClientTransaction } from './client-transaction.js';
import type { LocalAddresses } from './local-addresses.js';
import { RelayError } from './relay.js';
import type { TransactionTimers } from './timers.js';
import type { TransactionLayer } from './transaction-layer.js';
import { uriTarget } from './uri-target.js';

export interface LocalRequestSpec {
  method: string;
  /** Request-URI. */
  uri: string;
  /** From: a URI or name-addr; a tag is added when it has none. */
  from: string;
  /** To: a URI or name-addr. */
  to: string;
  /** Further headers (Contact, Content-Type is set from contentType, Route …). */
  headers?: [string, string][];
  body?: Buffer | string;
  contentType?: string;
  /** Next hop (outbound proxy / $du); default: top Route, else the Request-URI. */
  destination?: string | SendTarget;
  callId?: string;
  cseq?: number;
  /** Timers for this request only (e.g. a shorter fr_timer). */
  timers?: Partial<TransactionTimers>;
}

export interface LocalRequestOutcome {
  status: number;
  reason: string;
  /** The final response, absent for a local 408. */
  response?: SipMessage;
}

export type LocalRequestCallback = (outcome: LocalRequestOutcome) => void;

export interface LocalRequestHandle {
  request: SipMessage;
  transaction: ClientTransaction;
}

/** Sends a request as a UAC; onFinal runs exactly once. Throws RelayError('bad-destination') when no next hop. */
export function sendLocalRequest(
  layer: TransactionLayer,
  local: LocalAddresses,
  spec: LocalRequestSpec,
  onFinal: LocalRequestCallback = () => {},
): LocalRequestHandle {
  const target = typeof spec.destination === 'object' ? spec.destination : localTarget(spec);
  if (!target) throw new RelayError('bad-destination');
  const branch = newBranch();
  const local4or6 = isIPv6(target.host) ? 6 : 4;
  const sentBy = local.sentBy(target.proto, local4or6);
  const request = buildRequest({
    method: spec.method,
    uri: spec.uri,
    headers: [
      ['Via', `SIP/2.0/${target.proto.toUpperCase()} ${sentBy};branch=${branch};rport`],
      ['From', withTag(spec.from)],
      ['To', asNameAddr(spec.to)],
      ['Call-ID', spec.callId ?? newCallId(local.forProto(target.proto, local4or6).host)],
      ['CSeq', `${spec.cseq ?? 1} ${spec.method}`],
      ...(spec.headers ?? []),
    ],
    body: spec.body,
    contentType: spec.contentType,
  });
  let reported = false;
  const report = (outcome: LocalRequestOutcome): void => {
    if (reported) return;
    reported = true;
    onFinal(outcome);
  };
  const transaction = layer.startClient(
    request,
    branch,
    target,
    {
      onResponse: (response) => {
        if (response.status >= 200) report({ status: response.status, reason: response.reason, response });
      },
      onTimeout: () => report({ status: 408, reason: 'Request Timeout' }),
      onTransportError: () => report({ status: 503, reason: 'Service Unavailable' }),
    },
    spec.timers,
  );
  return { request, transaction };
}

function asNameAddr(text: string): string {
  return text.includes('<') ? text : `<${text}>`;
}

function withTag(from: string): string {
  const addr = asNameAddr(from);
  return /;\s*tag=/i.test(addr.slice(addr.lastIndexOf('>'))) ? addr : `${addr};tag=${newTag()}`;
}

/** Destination URI, else the first Route given in the headers, else the Request-URI. */
function localTarget(spec: LocalRequestSpec): SendTarget | undefined {
  try {
    if (typeof spec.destination === 'string') return uriTarget(SipUri.parse(spec.destination));
    const route = spec.headers?.find(([name]) => name.toLowerCase() === 'route')?.[1];
    const first = route === undefined ? undefined : parseNameAddrList(route)[0];
    return uriTarget(first ? first.uri : SipUri.parse(spec.uri));
  } catch {
    return undefined;
  }
}
