// A ready-to-use SIP stack: transport + transaction layer + our addresses, closable as one.
import type { SipLimits } from '../sip/index.js';
import { SipTransport } from '../transport/sip-transport.js';
import type { TcpPoolOptions } from '../transport/tcp-pool.js';
import type { BoundAddress, ListenSpec, TransportLogger } from '../transport/types.js';
import type { UdpBufferSizes } from '../transport/udp-endpoint.js';
import { LocalAddresses, type AdvertisedAddress } from './local-addresses.js';
import type { TransactionTimers } from './timers.js';
import { TransactionLayer } from './transaction-layer.js';

export interface SipStackOptions {
  listen: readonly ListenSpec[];
  timers?: Partial<TransactionTimers>;
  limits?: Partial<SipLimits>;
  tcp?: Partial<TcpPoolOptions>;
  udpBuffers?: UdpBufferSizes | undefined;
  logger?: TransportLogger;
  advertise?: AdvertisedAddress;
  aliases?: readonly string[];
  autoTrying?: boolean;
  autoCancel?: boolean;
}

export interface SipStack {
  transport: SipTransport;
  transactions: TransactionLayer;
  local: LocalAddresses;
  bound: BoundAddress[];
  /** Terminates transactions (clearing timers) and closes sockets. */
  close(): Promise<void>;
}

/** Binds every listen socket (AddressInUseError / ListenError on failure) and wires the layers. */
export async function startSipStack(options: SipStackOptions): Promise<SipStack> {
  const transport = new SipTransport({
    limits: options.limits,
    logger: options.logger,
    tcp: options.tcp,
    udpBuffers: options.udpBuffers,
  });
  const transactions = new TransactionLayer(transport, {
    timers: options.timers,
    logger: options.logger,
    autoTrying: options.autoTrying,
    autoCancel: options.autoCancel,
  });
  const bound = await transport.start(options.listen);
  const local = new LocalAddresses(transport, options.advertise, options.aliases);
  return {
    transport,
    transactions,
    local,
    bound,
    close: async () => {
      transactions.close();
      await transport.close();
    },
  };
}
