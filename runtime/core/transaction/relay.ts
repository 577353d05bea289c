// Stateful relay of one server transaction to one or more branches (parallel forking), reply
// collection, best-reply selection, failure hook (serial forking) and CANCEL propagation.
import { isIPv6 } from 'node:net';
import { SipUri, type SipMessage } from '../sip/index.js';
import { localBranch } from './ids.js';
import type { SendTarget } from '../transport/types.js';
import { collectChallenges, selectBestReply, type Candidate } from './best-reply.js';
import type { ClientTransaction } from './client-transaction.js';
import type { LocalAddresses } from './local-addresses.js';
import { copyForBranch, decrementMaxForwards, popTopVia } from './message-edits.js';
import type { ServerTransaction } from './server-transaction.js';
import type { TransactionTimers } from './timers.js';
import type { TransactionLayer } from './transaction-layer.js';
import { uriTarget } from './uri-target.js';

export interface BranchSpec {
  /** Request-URI of this branch; default: the request's (edited) Request-URI. */
  uri?: string;
  /** Next hop ($du), as a SIP URI text or a resolved target; default: top Route, else the Request-URI. */
  destination?: string | SendTarget;
}

export interface Branch {
  readonly index: number;
  readonly request: SipMessage;
  readonly target: SendTarget;
  readonly transaction: ClientTransaction;
  /** Final outcome, once known (local 408 on timeout). */
  final: Candidate | undefined;
  /** Which serial leg (0 = first t_relay, 1 = first failure-hook relay, …). */
  readonly leg: number;
}

export interface RelayHooks {
  /** Every response from a branch (provisional and final), before it is relayed (tm onreply_route). */
  onReply?(response: SipMessage, branch: Branch, relay: Relay): void;
  /** All branches ended with ≥300 or timed out, before the winner is relayed (tm failure_route). */
  onFailure?(relay: Relay): void;
  /** A per-branch copy of the request, just before it is sent (tm branch_route). */
  onBranch?(request: SipMessage, branch: { index: number; uri: string }, relay: Relay): void;
}

export type RelayErrorCode = 'too-many-hops' | 'bad-destination' | 'no-branches' | 'final-sent';

export class RelayError extends Error {
  constructor(readonly code: RelayErrorCode) {
    super(`relay failed: ${code}`);
  }
}

export class Relay {
  readonly branches: Branch[] = [];
  private leg = 0;
  private failureHook: RelayHooks['onFailure'];
  private inFailureHook = false;
  private answered = false;
  private done = false;
  private winnerValue: Candidate | undefined;

  constructor(
    readonly server: ServerTransaction,
    private readonly layer: TransactionLayer,
    private readonly local: LocalAddresses,
    private readonly hooks: RelayHooks = {},
    /** Per-transaction timers for the branches (tm t_set_fr); default: the layer's. */
    private readonly timers?: Partial<TransactionTimers>,
  ) {
    this.failureHook = hooks.onFailure;
    server.onCancel(() => this.cancelPending());
  }

  get request(): SipMessage {
    return this.server.request;
  }

  get canceled(): boolean {
    return this.server.isCanceled;
  }

  /** The reply the failure hook is deciding about (tm: the winning negative reply). */
  get winner(): Candidate | undefined {
    return this.winnerValue;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Re-arms (or disarms) the failure hook; tm resets it after each failure_route run. */
  setFailureHook(hook: RelayHooks['onFailure']): void {
    this.failureHook = hook;
  }

  /** Starts branches in parallel. Throws RelayError when nothing could be sent. */
  start(specs: readonly BranchSpec[]): Branch[] {
    if (this.server.isFinal) throw new RelayError('final-sent');
    if (specs.length === 0) throw new RelayError('no-branches');
    const started: Branch[] = [];
    let lastError: RelayError | undefined;
    for (const spec of specs) {
      try {
        started.push(this.startBranch(spec));
      } catch (error) {
        if (!(error instanceof RelayError)) throw error;
        lastError = error;
      }
    }
    if (started.length === 0) throw lastError ?? new RelayError('no-branches');
    return started;
  }

  /** Adds branches from the failure hook (serial forking): previous replies stop competing. */
  addBranches(specs: readonly BranchSpec[]): Branch[] {
    if (this.canceled) throw new RelayError('final-sent');
    this.leg++;
    return this.start(specs);
  }

  /** Sends a final reply of our own (from the failure hook or the script); ends the relay. */
  reply(status: number, reason: string, extraHeaders: [string, string][] = []): boolean {
    const sent = this.server.reply(status, reason, { extraHeaders }) !== undefined;
    if (sent && status >= 200) this.finish();
    return sent;
  }

  private startBranch(spec: BranchSpec): Branch {
    const request = copyForBranch(this.server.request);
    if (!decrementMaxForwards(request)) throw new RelayError('too-many-hops');
    const uri = spec.uri ?? request.requestUri?.toString() ?? '';
    if (spec.uri !== undefined) request.setRequestUri(spec.uri);
    const target = this.resolveTarget(spec, request, uri);
    if (!target) throw new RelayError('bad-destination');
    const index = this.branches.length;
    this.hooks.onBranch?.(request, { index, uri }, this);
    const branchId = localBranch();
    const family = isIPv6(target.host) ? 6 : 4;
    request.prependVia(
      `SIP/2.0/${target.proto.toUpperCase()} ${this.local.sentBy(target.proto, family)};branch=${branchId}`,
    );
    // Responses arrive asynchronously, after the branch below is recorded.
    const ref: { branch?: Branch } = {};
    const transaction = this.layer.startClient(
      request,
      branchId,
      target,
      {
        onResponse: (response) => ref.branch && this.onBranchResponse(ref.branch, response),
        onTimeout: () => ref.branch && this.onBranchTimeout(ref.branch),
        onTransportError: () => ref.branch && this.onBranchSendFailure(ref.branch),
      },
      this.timers,
    );
    const branch: Branch = { index, request, target, leg: this.leg, final: undefined, transaction };
    ref.branch = branch;
    this.branches.push(branch);
    return branch;
  }

  private resolveTarget(spec: BranchSpec, request: SipMessage, uri: string): SendTarget | undefined {
    if (typeof spec.destination === 'object') return spec.destination;
    return nextHopTarget(request, uri, spec.destination);
  }

  private onBranchResponse(branch: Branch, response: SipMessage): void {
    if (branch.final && !(response.status >= 200 && response.status < 300)) return;
    try {
      this.hooks.onReply?.(response, branch, this);
    } catch (error) {
      this.layer.log.error(`reply hook threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    const status = response.status;
    if (status < 200) {
      if (status > 100 && !this.done) this.relayUpstream(response);
      return;
    }
    if (status < 300) {
      branch.final = { status, reason: response.reason, response };
      this.answered = true;
      // Every 2xx goes upstream (forked INVITEs may produce several).
      this.relayUpstream(response);
      this.finish();
      if (this.request.method === 'INVITE') this.cancelPending();
      return;
    }
    branch.final = { status, reason: response.reason, response };
    if (status >= 600 && this.request.method === 'INVITE') this.cancelPending();
    this.checkCompletion();
  }

  private onBranchTimeout(branch: Branch): void {
    if (branch.final) return;
    branch.final = this.canceled
      ? { status: 487, reason: 'Request Terminated' }
      : { status: 408, reason: 'Request Timeout' };
    this.checkCompletion();
  }

  /** The branch could not be sent at all: it ends with a local 503 (tm's internal error reply). */
  private onBranchSendFailure(branch: Branch): void {
    if (branch.final) return;
    branch.final = { status: 503, reason: 'Service Unavailable' };
    this.checkCompletion();
  }

  private checkCompletion(): void {
    if (this.done || this.answered || this.inFailureHook) return;
    if (this.branches.some((b) => b.final === undefined)) return;
    // tm failure_reply_mode 3: only the latest serial leg competes.
    const candidates = this.branches.filter((b) => b.leg === this.leg).map((b) => b.final!);
    const winner = selectBestReply(candidates) ?? { status: 500, reason: 'Server Internal Error' };
    this.winnerValue = winner;
    const hook = this.failureHook;
    if (hook) {
      this.failureHook = undefined;
      const branchesBefore = this.branches.length;
      this.inFailureHook = true;
      try {
        hook(this);
      } catch (error) {
        // A failing hook (script error) must not leave the caller without a final reply.
        this.layer.log.error(`failure hook threw: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.inFailureHook = false;
      }
      if (this.done || this.server.isFinal) return this.finish();
      if (this.branches.length > branchesBefore) {
        // New serial branches were started; they may already have completed synchronously.
        if (this.branches.every((b) => b.final !== undefined)) this.checkCompletion();
        return;
      }
    }
    this.sendWinner(winner, candidates);
  }

  private sendWinner(winner: Candidate, candidates: readonly Candidate[]): void {
    if (!winner.response) {
      this.reply(winner.status, winner.reason);
      return;
    }
    if (winner.status === 503) {
      // RFC 3261 §16.7 step 6: a 503 from downstream would make the client retry elsewhere.
      this.reply(500, 'Server Internal Error');
      return;
    }
    const response = winner.response;
    for (const [name, value] of collectChallenges(winner, candidates)) response.addHeader(name, value);
    this.relayUpstream(response);
    this.finish();
  }

  private relayUpstream(response: SipMessage): void {
    popTopVia(response);
    this.server.send(response);
  }

  private cancelPending(): void {
    for (const branch of this.branches) {
      if (branch.final === undefined) branch.transaction.cancel();
    }
  }

  private finish(): void {
    this.done = true;
  }
}

/**
 * Next hop (RFC 3261 §16.6 steps 7 and 10): an explicit destination ($du) first, then the top Route,
 * then the Request-URI.
 */
export function nextHopTarget(
  request: SipMessage,
  requestUri: string,
  destination?: string,
): SendTarget | undefined {
  try {
    if (destination !== undefined) return uriTarget(SipUri.parse(destination));
    const top = request.routes()?.[0];
    if (top) return uriTarget(top.uri);
    return uriTarget(SipUri.parse(requestUri));
  } catch {
    return undefined;
  }
}
