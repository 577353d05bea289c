// registered() and unregister(): read-only presence test and administrative removal.
import { isValidContact, type UDomain } from '../usrloc/index.js';
import type { RegistrarConfig } from './config.js';
import { extractAor } from './aor.js';

export interface AorCall {
  domain: UDomain;
  config: RegistrarConfig;
  now: number;
  uri: string;
}

function aorOf(call: AorCall): string | undefined {
  try {
    return extractAor(call.uri, {
      useDomain: call.domain.useDomain,
      caseSensitive: call.config.caseSensitive,
      realmPrefix: call.config.realmPrefix,
    });
  } catch {
    return undefined;
  }
}

/** 1 when the AoR has at least one live binding (optionally one with this Call-ID), else -1. */
export async function registered(call: AorCall & { callid?: string }): Promise<number> {
  const aor = aorOf(call);
  if (aor === undefined) return -1;
  try {
    const contacts = await call.domain.contacts(aor);
    const live = contacts.filter(
      (c) => isValidContact(c, call.now) && (call.callid === undefined || c.callid === call.callid),
    );
    return live.length > 0 ? 1 : -1;
  } catch {
    return -1;
  }
}

/** Removes all bindings of the AoR, or the one with `ruid`: 1 done, -1 bad AoR, -2 error, -3 ruid not found. */
export async function unregister(call: AorCall & { ruid?: string }): Promise<number> {
  const aor = aorOf(call);
  if (aor === undefined) return -1;
  try {
    return await call.domain.withRecord(aor, async (record) => {
      if (call.ruid === undefined) {
        await record.removeAll();
        return 1;
      }
      const c = record.contacts().find((x) => x.ruid === call.ruid);
      if (!c) return -3;
      await record.remove(c);
      return 1;
    });
  } catch {
    return -2;
  }
}
