// The four msilo scenarios, each run as one bounded trial at a given rate: SIPp on 127.0.0.1 sends
// rate × seconds calls; the trial passes only with every call successful, no failed call, no
// unexpected message, and the database in the state the scenario promises.
import { join } from 'node:path';
import { freePort, runSipp, startSipp, type SippResult } from '../../test/support/sipp.js';
import type { SideDatabase } from './databases.js';
import { cpuMeter, udpDrops } from './proc-stats.js';
import { CHECK_TIME_SECONDS, type RunningServer } from './servers.js';

export type ScenarioName = 'register' | 'offline' | 'relay' | 'dump';
export const SCENARIOS: readonly ScenarioName[] = ['register', 'offline', 'relay', 'dump'];

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  register: '1. REGISTER, distinct users',
  offline: '2. MESSAGE to offline user → 202 + row',
  relay: '3. MESSAGE relayed to registered UAS',
  dump: '4. dump on REGISTER',
};

const XML_DIR = join(import.meta.dirname, 'scenarios');
const RELAY_USERS = 200;
/** After a failed trial the harness restarts the server; a short pause lets SIPp's sockets go. */
const SETTLE_AFTER_FAILURE_MS = 2000;

export interface ScenarioContext {
  readonly server: RunningServer;
  readonly db: SideDatabase;
  /** Length of a trial at the target rate. */
  readonly seconds: number;
  /** Stored messages per user in the dump scenario. */
  readonly dumpMessages: number;
}

export interface TrialOutcome {
  readonly rate: number;
  readonly calls: number;
  readonly passed: boolean;
  /** Why it failed, or a short summary when it passed. */
  readonly detail: string;
  /** CPU of the server's process tree during the trial, % of one core. */
  readonly cpuPercent: number;
  /** Calls per second SIPp actually started (its CallRate(C)), which may fall short of `rate`. */
  readonly achievedRate: number;
}

/** Below this share of the target rate the trial measured SIPp's limit, not the server's. */
export const GENERATOR_SHORTFALL = 0.85;

function unexpected(r: SippResult): number {
  return Number(r.stats['FailedUnexpectedMessage(C)'] ?? 0) + Number(r.stats['OutOfCallMsgs(C)'] ?? 0);
}

/** Empty when the SIPp run did all `calls` cleanly, else why not. */
function sippProblems(label: string, r: SippResult, calls: number): string[] {
  const problems: string[] = [];
  if (r.successfulCalls !== calls) problems.push(`${label} ${r.successfulCalls}/${calls} successful`);
  if (r.failedCalls > 0) problems.push(`${label} ${r.failedCalls} failed`);
  if (unexpected(r) > 0) problems.push(`${label} ${unexpected(r)} unexpected`);
  if (r.exitCode !== 0 && problems.length === 0) problems.push(`${label} exit ${r.exitCode}`);
  return problems;
}

function uac(ctx: ScenarioContext, xml: string, rows: string[][], rate: number, localPort?: number) {
  return runSipp({
    scenario: join(XML_DIR, xml),
    remote: { host: '127.0.0.1', port: ctx.server.port },
    calls: rows.length,
    rate,
    timeoutSeconds: ctx.seconds + 30,
    inf: { rows },
    extraArgs: ['-rp', '1000'],
    ...(localPort !== undefined ? { localPort } : {}),
  });
}

function uas(ctx: ScenarioContext, calls: number, localPort: number) {
  return startSipp({
    scenario: join(XML_DIR, 'message-uas.xml'),
    localPort,
    calls,
    timeoutSeconds: ctx.seconds + 40,
  });
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Users named for this trial so that every REGISTER and MESSAGE of a run is for a new user. */
const users = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}u${i}`);

/** The relay scenario's users, registered at this trial's UAS port (a fresh port per trial, so
 * retransmissions left over from an earlier overloaded trial cannot reach this trial's UAS). */
async function registerRelayUsers(ctx: ScenarioContext, uasPort: number): Promise<void> {
  const rows = users('v', RELAY_USERS).map((u) => [u, `127.0.0.1:${uasPort}`]);
  const r = await uac(ctx, 'register-uac.xml', rows, 400);
  const problems = sippProblems('REGISTER', r, rows.length);
  if (problems.length > 0) throw new Error(`registering the relay users failed: ${problems.join(', ')}`);
}

export async function runTrial(
  name: ScenarioName,
  ctx: ScenarioContext,
  rate: number,
  trial: number,
): Promise<TrialOutcome> {
  const calls = Math.max(1, Math.ceil(rate * ctx.seconds));
  const prefix = `${name[0]}${trial}x`;
  const problems: string[] = [];
  let cpuPercent = 0;
  let achievedRate = 0;
  const dropsBefore = udpDrops(ctx.server.port);

  if (name === 'register') {
    const localPort = await freePort('udp');
    const rows = users(prefix, calls).map((u) => [u, `127.0.0.1:${localPort}`]);
    const meter = cpuMeter(ctx.server.pid);
    const r = await uac(ctx, 'register-uac.xml', rows, rate, localPort);
    cpuPercent = meter.stop();
    problems.push(...sippProblems('UAC', r, calls));
    achievedRate = Number(r.stats['CallRate(C)'] ?? 0);
  } else if (name === 'offline') {
    await ctx.db.clear();
    const rows = users(prefix, calls).map((u) => [u]);
    const meter = cpuMeter(ctx.server.pid);
    const r = await uac(ctx, 'message-offline-uac.xml', rows, rate);
    cpuPercent = meter.stop();
    problems.push(...sippProblems('UAC', r, calls));
    achievedRate = Number(r.stats['CallRate(C)'] ?? 0);
    const stored = await ctx.db.countRows();
    if (stored !== r.successfulCalls) problems.push(`${stored} rows stored for ${r.successfulCalls} 202s`);
  } else if (name === 'relay') {
    const uasPort = await freePort('udp');
    await registerRelayUsers(ctx, uasPort);
    const server = await uas(ctx, calls, uasPort);
    await server.ready;
    const rows = Array.from({ length: calls }, (_, i) => [`vu${i % RELAY_USERS}`]);
    const meter = cpuMeter(ctx.server.pid);
    const r = await uac(ctx, 'message-relay-uac.xml', rows, rate);
    cpuPercent = meter.stop();
    problems.push(...sippProblems('UAC', r, calls));
    achievedRate = Number(r.stats['CallRate(C)'] ?? 0);
    if (problems.length > 0) server.stop();
    problems.push(...sippProblems('UAS', await server.done, calls));
  } else {
    const k = ctx.dumpMessages;
    const names = users(prefix, calls);
    await ctx.db.clear();
    await ctx.db.insert(
      names.flatMap((u) =>
        Array.from({ length: k }, (_, i) => ({
          username: u,
          domain: '127.0.0.1',
          srcAddr: 'sip:sender@127.0.0.1',
          // Kamailio sends a dumped message to its R-URI (= dst_addr): the server itself, whose
          // lookup() then relays it to the fresh contact at the UAS. serc follows the same path.
          dstAddr: `sip:${u}@127.0.0.1:${ctx.server.port}`,
          body: `stored message ${i + 1} of ${k} for ${u}`,
        })),
      ),
    );
    const uasPort = await freePort('udp');
    const server = await uas(ctx, calls * k, uasPort);
    await server.ready;
    const rows = names.map((u) => [u, `127.0.0.1:${uasPort}`]);
    const meter = cpuMeter(ctx.server.pid);
    const r = await uac(ctx, 'register-uac.xml', rows, rate);
    problems.push(...sippProblems('UAC', r, calls));
    achievedRate = Number(r.stats['CallRate(C)'] ?? 0);
    if (problems.length > 0) server.stop();
    const delivered = await server.done;
    cpuPercent = meter.stop();
    problems.push(...sippProblems('UAS', delivered, calls * k));
    // Delivered rows go at once (serc) or on the next check_time tick (Kamailio).
    let left = await ctx.db.countRows();
    for (let i = 0; left > 0 && i < (CHECK_TIME_SECONDS * 3 + 10) * 4; i++) {
      await delay(250);
      left = await ctx.db.countRows();
    }
    if (left > 0) problems.push(`${left} rows left after delivery`);
  }

  // Datagrams lost in the server's full receive buffer explain retransmissions and timeouts.
  const dropped = udpDrops(ctx.server.port) - dropsBefore;
  if (dropped > 0 && problems.length > 0)
    problems.push(`${dropped} datagrams dropped at the server's socket`);
  // Let transactions of this trial end (an overloaded one leaves retransmissions and timers behind)
  // before the next trial starts measuring.
  await delay(problems.length === 0 ? 1000 : SETTLE_AFTER_FAILURE_MS);
  return {
    rate,
    calls,
    passed: problems.length === 0,
    detail: problems.length === 0 ? `${calls} calls ok` : problems.join('; '),
    cpuPercent,
    achievedRate,
  };
}
