// A small SIP server built on our transport and transaction layers, for tests: OPTIONS → 200,
// an in-memory registrar, MESSAGE/INVITE relayed statefully to registered contacts (offline MESSAGE
// → 202 and kept, as msilo would), loose routing for in-dialog requests, stateless ACK/responses.
import { SipUri, type SipMessage } from '../../runtime/core/sip/index.js';
import type { ReceiveInfo, ListenSpec, TransportLogger } from '../../runtime/core/transport/types.js';
import { silentLogger } from '../../runtime/core/transport/types.js';
import { Relay, RelayError } from '../../runtime/core/transaction/relay.js';
import { looseRoute, recordRoute } from '../../runtime/core/transaction/routing.js';
import { startSipStack, type SipStack } from '../../runtime/core/transaction/stack.js';
import {
  forwardRequestStateless,
  forwardResponseStateless,
} from '../../runtime/core/transaction/stateless.js';
import type { TransactionTimers } from '../../runtime/core/transaction/timers.js';

export interface Binding {
  contact: string;
  expiresAt: number;
}

export interface StoredMessage {
  from: string;
  to: string;
  body: string;
}

export interface TestServerOptions {
  listen?: ListenSpec[];
  timers?: Partial<TransactionTimers>;
  logger?: TransportLogger;
}

export interface TestServer {
  stack: SipStack;
  udpPort: number;
  tcpPort: number;
  /** AOR (user@host as in the To URI, lower case user) → bindings. */
  registrations: Map<string, Binding[]>;
  /** MESSAGEs kept for offline users. */
  stored: StoredMessage[];
  /** Requests handed to the core (not absorbed by a transaction), by method. */
  requestsSeen: Map<string, number>;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const stack = await startSipStack({
    listen: options.listen ?? [
      { proto: 'udp', host: '127.0.0.1', port: 0 },
      { proto: 'tcp', host: '127.0.0.1', port: 0 },
    ],
    timers: options.timers,
    logger: options.logger ?? silentLogger,
  });
  const registrations = new Map<string, Binding[]>();
  const stored: StoredMessage[] = [];
  const requestsSeen = new Map<string, number>();
  const isMyself = (uri: SipUri): boolean => uri.isSip && stack.local.isMyself(uri.host, uri.port);

  const aorOf = (uri: SipUri | undefined): string =>
    `${uri?.user ?? ''}@${uri?.hostname ?? ''}`.toLowerCase();
  const liveContacts = (aor: string): string[] => {
    const now = Date.now();
    const list = (registrations.get(aor) ?? []).filter((b) => b.expiresAt > now);
    registrations.set(aor, list);
    return list.map((b) => b.contact);
  };

  const register = (request: SipMessage, rcv: ReceiveInfo): void => {
    const tx = stack.transactions.createServer(request, rcv);
    const aor = aorOf(request.to.uri);
    const expires = request.expires ?? 3600;
    let list = (registrations.get(aor) ?? []).filter((b) => b.expiresAt > Date.now());
    if (request.contactStar) list = [];
    for (const contact of request.contacts) {
      const uri = contact.uri.toString();
      const ttl = Number(contact.params.get('expires') ?? expires);
      list = list.filter((b) => b.contact !== uri);
      if (ttl > 0) list.push({ contact: uri, expiresAt: Date.now() + ttl * 1000 });
    }
    registrations.set(aor, list);
    const extra: [string, string][] = list.map((b) => [
      'Contact',
      `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - Date.now()) / 1000))}`,
    ]);
    tx.reply(200, 'OK', { extraHeaders: extra });
  };

  const relayToUser = (request: SipMessage, rcv: ReceiveInfo): void => {
    const tx = stack.transactions.createServer(request, rcv);
    const contacts = liveContacts(aorOf(request.requestUri));
    const storeOffline = (): void => {
      stored.push({
        from: request.from.uri.toString(),
        to: request.to.uri.toString(),
        body: request.body.toString(),
      });
      tx.reply(202, 'Accepted');
    };
    if (contacts.length === 0) {
      if (request.method === 'MESSAGE') storeOffline();
      else tx.reply(404, 'Not Found');
      return;
    }
    if (request.method === 'INVITE') recordRoute(request, stack.local, rcv.proto);
    const relay = new Relay(tx, stack.transactions, stack.local, {
      // A MESSAGE that no contact took is stored for later, as msilo's failure route does.
      onFailure:
        request.method === 'MESSAGE'
          ? (r) => void (r.winner && r.winner.status >= 400 && storeOffline())
          : undefined,
    });
    try {
      relay.start(contacts.map((uri) => ({ uri })));
    } catch (error) {
      if (error instanceof RelayError) tx.reply(error.code === 'too-many-hops' ? 483 : 500, error.message);
      else throw error;
    }
  };

  stack.transactions.onRequest((request, rcv) => {
    requestsSeen.set(request.method, (requestsSeen.get(request.method) ?? 0) + 1);
    // In-dialog / pre-routed requests follow their Route set.
    const routed = request.has('route') ? looseRoute(request, isMyself) : undefined;
    if (routed?.code === 1 && !(request.requestUri && isMyself(request.requestUri))) {
      if (request.method === 'ACK') {
        forwardRequestStateless(stack.transport, stack.local, request, { destination: routed.destination });
        return;
      }
      const tx = stack.transactions.createServer(request, rcv);
      const relay = new Relay(tx, stack.transactions, stack.local);
      try {
        relay.start([{ destination: routed.destination }]);
      } catch {
        tx.reply(500, 'Server Internal Error');
      }
      return;
    }
    switch (request.method) {
      case 'OPTIONS':
        stack.transactions
          .createServer(request, rcv)
          .reply(200, 'OK', { extraHeaders: [['Allow', 'INVITE, ACK, CANCEL, OPTIONS, REGISTER, MESSAGE']] });
        return;
      case 'REGISTER':
        register(request, rcv);
        return;
      case 'MESSAGE':
      case 'INVITE':
        relayToUser(request, rcv);
        return;
      case 'ACK':
        return; // ACK for a 2xx we did not route: nothing to do
      case 'CANCEL':
        stack.transactions.createServer(request, rcv).reply(481, 'Call/Transaction Does Not Exist');
        return;
      default:
        stack.transactions.createServer(request, rcv).reply(405, 'Method Not Allowed');
    }
  });
  stack.transactions.onStrayResponse((response) => {
    forwardResponseStateless(stack.transport, stack.local, response);
  });

  const udp = stack.bound.find((b) => b.proto === 'udp');
  const tcp = stack.bound.find((b) => b.proto === 'tcp');
  return {
    stack,
    udpPort: udp?.port ?? 0,
    tcpPort: tcp?.port ?? 0,
    registrations,
    stored,
    requestsSeen,
    close: () => stack.close(),
  };
}
