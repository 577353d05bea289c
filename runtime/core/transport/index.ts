// Public API of the transport layer.
export { AddressInUseError, ListenError, TransportError, formatListenSpec } from './errors.js';
export { DEFAULT_SIP_PORT, parseListenSpec } from './listen-spec.js';
export { responseTarget, stampReceived } from './reply-routing.js';
export {
  SipTransport,
  type SipMessageHandler,
  type SipTransportOptions,
  type SipTransportStats,
} from './sip-transport.js';
export { DEFAULT_TCP_POOL_OPTIONS, type TcpPoolOptions } from './tcp-pool.js';
export { TransportLayer, type TransportLayerOptions } from './transport-layer.js';
export {
  consoleLogger,
  silentLogger,
  type BoundAddress,
  type ListenSpec,
  type Proto,
  type ReceiveInfo,
  type SendTarget,
  type TransportLogger,
} from './types.js';
