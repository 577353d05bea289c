// Per-message state of a script run (LANGUAGE.md §9): the message, route type, flags, AVPs, return
// code, the new R-URI / $du / destination set, headers queued for the local reply, and references to
// the per-process state ($var, $shv, the `myself` set, the logger).
import type { SipMessage } from '../sip/index.js';
import type { ReceiveInfo } from '../transport/types.js';
import type { Dialect, RouteType } from '../../modules/types.js';
import { AvpStore } from './avp.js';
import { LocalAddresses } from './myself.js';
import { ScriptLogger } from './logger.js';
import { VarStore } from './vars.js';

/** Per-process state shared by every message this worker handles. */
export class ScriptProcess {
  readonly vars = new VarStore();
  /** $shv: one worker per process in serc, so "shared" is process-wide too. */
  readonly shv = new VarStore();
  readonly myself = new LocalAddresses();
  logger = new ScriptLogger();
  /** Global `return_mode` (K5.7+): 1 makes any non-zero value true. */
  returnMode = 0;
  maxWhileLoops = 100;
  private nextMsgId = 1;

  constructor(readonly dialect: Dialect = 'K3') {}

  allocMsgId(): number {
    return this.nextMsgId++;
  }
}

/** What the script sees of a transaction; tm implements it. */
export interface TransactionView {
  /** $T_reply_code: last stateful reply sent (request route), current (reply), winning (failure); 0 if none. */
  replyCode(): number;
  replyReason(): string;
  /** $T_branch_idx: index of the branch being handled (branch/onreply routes); 0 elsewhere. */
  branchIndex?(): number;
}

/** One entry of the destination set (append_branch, lookup). */
export interface Branch {
  uri: string;
  dstUri: string | null;
  /** q as written ("0.5"); null = unspecified. */
  q: string | null;
  flags: number;
  path?: string;
}

/** Routes armed for the transaction (t_on_failure / t_on_reply / t_on_branch). */
export interface ArmedRoutes {
  failure?: string;
  onreply?: string;
  branch?: string;
}

/** An internal error remembered for sl_reply_error (ser_error). */
export interface ScriptError {
  code: number;
  reason: string;
}

export class ScriptContext {
  readonly avps: AvpStore;
  /** Message/transaction flags 0–31 as an unsigned bitmask. */
  flags = 0;
  /** Script flags (setsflag): per script run. */
  scriptFlags = 0;
  /** Branch flags of branch 0 (the R-URI). */
  ruriBranchFlags = 0;
  /** Return code of the last function / route ($rc, $retcode, $?). */
  rc = 1;
  /** Current R-URI (requests). Edits are immediate, unlike header edits. */
  private ruriText: string;
  readonly originalRuri: string;
  /** $du: next hop URI, null when unset. */
  dstUri: string | null = null;
  readonly branches: Branch[] = [];
  /** Header lines (with CRLF) to add to the next locally generated reply (append_to_reply). */
  readonly replyHeaders: string[] = [];
  readonly armed: ArmedRoutes = {};
  /** force_rport(): replies go to the source port. */
  forceRport = false;
  /** Outgoing From/To rewrites ($fu = …): reads still give the original header. */
  readonly headerRewrites: {
    from?: { uri?: string; display?: string };
    to?: { uri?: string; display?: string };
  } = {};
  lastError: ScriptError | undefined;
  tx: TransactionView | undefined;
  readonly msgId: number;
  /** $Ts: fixed for the whole run. */
  readonly receivedAt: number;

  constructor(
    readonly msg: SipMessage,
    readonly rcv: ReceiveInfo,
    readonly proc: ScriptProcess,
    public routeType: RouteType = 'request',
    avps?: AvpStore,
  ) {
    this.avps = avps ?? new AvpStore();
    this.originalRuri = msg.requestUri?.toString() ?? '';
    this.ruriText = this.originalRuri;
    this.msgId = proc.allocMsgId();
    this.receivedAt = Math.floor(Date.now() / 1000);
  }

  get dialect(): Dialect {
    return this.proc.dialect;
  }

  get ruri(): string {
    return this.ruriText;
  }

  set ruri(uri: string) {
    this.ruriText = uri;
  }

  get ruriChanged(): boolean {
    return this.ruriText !== this.originalRuri;
  }

  /** revert_uri(): back to the R-URI as received. */
  revertRuri(): void {
    this.ruriText = this.originalRuri;
  }

  get vars(): VarStore {
    return this.proc.vars;
  }

  get shv(): VarStore {
    return this.proc.shv;
  }

  get logger(): ScriptLogger {
    return this.proc.logger;
  }

  /** Branch flags of branch `index` (0 = R-URI); undefined when there is no such branch. */
  getBranchFlags(index: number): number | undefined {
    if (index === 0) return this.ruriBranchFlags;
    return this.branches[index - 1]?.flags;
  }

  setBranchFlags(index: number, flags: number): boolean {
    if (index === 0) {
      this.ruriBranchFlags = flags >>> 0;
      return true;
    }
    const b = this.branches[index - 1];
    if (!b) return false;
    b.flags = flags >>> 0;
    return true;
  }
}
