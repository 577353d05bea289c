// msilo's periodic work: the clean run (m_clean_silo) and the reminder run (m_send_ontimer).
import type { MsiloConfig } from './config.js';
import { offlineBody } from './content.js';
import { settle, type DumpDeps } from './dump.js';

/**
 * One clean run: delete delivered messages whose row is still there, turn failed reminders back
 * into ordinary offline messages, detach settled entries (failed ones become eligible for the
 * next m_dump) and, every clean_period runs, purge expired messages.
 */
export async function cleanSilo(deps: DumpDeps & { now: () => number }, run: number): Promise<void> {
  const settled = deps.inFlight.takeSettled();
  const undeleted = settled.filter(([, e]) => e.state === 'done' && !e.deleted).map(([id]) => id);
  const failedReminders = settled.filter(([, e]) => e.state === 'error' && e.reminder).map(([id]) => id);
  try {
    if (undeleted.length > 0) await deps.storage.deleteByIds(undeleted);
    if (failedReminders.length > 0) await deps.storage.resetSendTime(failedReminders);
    if (deps.config.cleanPeriod > 0 && run % deps.config.cleanPeriod === 0) {
      await deps.storage.deleteExpired(deps.now());
    }
  } catch (err) {
    deps.onError?.(err);
  }
}

/** One reminder run: send every due reminder from the `reminder` address. */
export async function sendReminders(deps: DumpDeps & { now: () => number }): Promise<void> {
  const config: MsiloConfig = deps.config;
  if (config.reminder === undefined) return;
  let rows;
  try {
    rows = await deps.storage.dueReminders(deps.now());
  } catch (err) {
    deps.onError?.(err);
    return;
  }
  for (const row of rows) {
    if (deps.inFlight.has(row.id)) continue;
    deps.inFlight.start(row.id, true);
    const target = `sip:${row.username}@${row.domain}`;
    deps.uac
      .send({
        method: 'MESSAGE',
        ruri: target,
        to: target,
        from: config.reminder,
        headers: [`Content-Type: ${row.ctype}`],
        body: offlineBody(row.body, 'text/plain', row.sndTime, config.addDate, config.flavor, 'Reminder'),
        ...(config.outboundProxy ? { outboundProxy: config.outboundProxy } : {}),
      })
      .then(
        (code) => settle(deps, row.id, code),
        (err: unknown) => {
          deps.inFlight.settle(row.id, 'error');
          deps.onError?.(err);
        },
      );
  }
}
