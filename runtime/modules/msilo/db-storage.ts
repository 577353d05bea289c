// msilo's storage port over runtime/db, opened on first use and opened again after a failure, so
// a database that is down when serc starts is used as soon as it is back.
import type { SiloStore } from '../../db/index.js';
import type { MsiloStorage } from './ports.js';

export function siloStorage(open: () => Promise<SiloStore>): MsiloStorage {
  let store: Promise<SiloStore> | undefined;
  const get = (): Promise<SiloStore> => {
    if (!store) {
      const opening = open();
      store = opening;
      opening.catch(() => {
        if (store === opening) store = undefined;
      });
    }
    return store;
  };
  return {
    insert: async (m) => (await get()).insert(m),
    countByOwner: async (u, d) => (await get()).countByOwner(u, d),
    pendingByOwner: async (u, d) => (await get()).pendingByOwner(u, d),
    deleteByIds: async (ids) => (await get()).deleteByIds(ids),
    deleteExpired: async (now) => (await get()).deleteExpired(now),
    dueReminders: async (now) => (await get()).dueReminders(now),
    resetSendTime: async (ids) => (await get()).resetSendTime(ids),
  };
}
