// Conversion between in-memory contacts and `location` rows.
import type { UContact } from './contact.js';
import type { LocationRow } from './ports.js';
import { joinAor, splitAor } from './aor-key.js';

export function contactToRow(c: UContact, useDomain: boolean): LocationRow {
  const { aor, ...rest } = c;
  const parts = splitAor(aor, useDomain);
  return { ...rest, username: parts.username, domain: parts.domain };
}

export function rowToContact(row: LocationRow, useDomain: boolean): UContact {
  const { username, domain, ...rest } = row;
  return { ...rest, aor: joinAor(username, domain, useDomain) };
}
