// Public API of the transaction layer and proxy primitives.
export { collectChallenges, selectBestReply, type Candidate } from './best-reply.js';
export { ClientTransaction, type ClientHandlers, type ClientState } from './client-transaction.js';
export { LocalAddresses, type AdvertisedAddress, type LocalAddress } from './local-addresses.js';
export { copyForBranch, decrementMaxForwards, popTopVia, replaceRoutes } from './message-edits.js';
export {
  Relay,
  RelayError,
  nextHopTarget,
  type Branch,
  type BranchSpec,
  type RelayErrorCode,
  type RelayHooks,
} from './relay.js';
export { looseRoute, recordRoute, type LooseRouteResult } from './routing.js';
export { ServerTransaction, type ServerState } from './server-transaction.js';
export { startSipStack, type SipStack, type SipStackOptions } from './stack.js';
export {
  forwardRequestStateless,
  forwardResponseStateless,
  statelessBranch,
  type StatelessForwardOptions,
} from './stateless.js';
export { DEFAULT_TIMERS, resolveTimers, setTimerErrorReporter, type TransactionTimers } from './timers.js';
export {
  TransactionLayer,
  type RequestHandler,
  type ResponseHandler,
  type TransactionLayerOptions,
  type TransactionStats,
} from './transaction-layer.js';
export {
  sendLocalRequest,
  type LocalRequestCallback,
  type LocalRequestHandle,
  type LocalRequestOutcome,
  type LocalRequestSpec,
} from './uac.js';
export { uriTarget } from './uri-target.js';
