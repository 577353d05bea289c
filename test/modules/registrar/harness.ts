// Plain-object request/target doubles for registrar tests.
import type { BranchTarget, LookupTarget, RequestView } from '../../../runtime/modules/registrar/index.js';

export function request(method: string, ruri: string, lines: readonly string[]): RequestView {
  return {
    method,
    ruri,
    headers(name: string): readonly string[] {
      const wanted = name.toLowerCase();
      return lines
        .map((l) => {
          const colon = l.indexOf(':');
          return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()] as const;
        })
        .filter(([n]) => n === wanted)
        .map(([, v]) => v);
    },
  };
}

export function register(cseq: number, extra: readonly string[], callid = 'reg-call-1'): RequestView {
  return request('REGISTER', 'sip:example.com', [
    'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1',
    'From: <sip:alice@example.com>;tag=1',
    'To: <sip:alice@example.com>',
    `Call-ID: ${callid}`,
    `CSeq: ${cseq} REGISTER`,
    ...extra,
  ]);
}

export interface SentReply {
  code: number;
  reason: string;
  headers: readonly string[];
}

export function replies(): {
  sent: SentReply[];
  reply: (code: number, reason: string, headers: readonly string[]) => void;
} {
  const sent: SentReply[] = [];
  return { sent, reply: (code, reason, headers) => void sent.push({ code, reason, headers }) };
}

export class Target implements LookupTarget {
  du: string | undefined;
  path: string | undefined;
  bflags = 0;
  socket: string | undefined;
  branches: BranchTarget[] = [];
  constructor(
    readonly method: string,
    public ruri: string,
  ) {}
  setRuri(uri: string): void {
    this.ruri = uri;
  }
  setDstUri(uri: string | undefined): void {
    this.du = uri;
  }
  setPath(path: string | undefined): void {
    this.path = path;
  }
  setBranchFlags(flags: number): void {
    this.bflags = flags;
  }
  setForceSocket(socket: string | undefined): void {
    this.socket = socket;
  }
  appendBranch(branch: BranchTarget): void {
    this.branches.push(branch);
  }
}
