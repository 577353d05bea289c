// save() flags: Kamailio 3+ takes an int bitmask, OpenSIPS a string of letters.

export interface SaveFlags {
  /** Contacts kept in memory only (K 0x01, O `m`). */
  memOnly: boolean;
  /** No reply is sent (K 0x02, O `r`). */
  noReply: boolean;
  /** The new contact replaces all others of the AoR (K 0x04). */
  oneContact: boolean;
  /** Per-call max_contacts override (O `cNN`). */
  maxContacts?: number;
}

export function parseSaveFlags(flags: number | string | undefined): SaveFlags {
  const out: SaveFlags = { memOnly: false, noReply: false, oneContact: false };
  if (flags === undefined) return out;
  const numeric =
    typeof flags === 'number'
      ? flags
      : /^(0x[0-9a-f]+|\d+)$/i.test(flags.trim())
        ? Number(flags.trim())
        : undefined;
  if (numeric !== undefined) {
    out.memOnly = (numeric & 0x01) !== 0;
    out.noReply = (numeric & 0x02) !== 0;
    out.oneContact = (numeric & 0x04) !== 0;
    return out;
  }
  const text = flags as string;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!.toLowerCase();
    if (ch === 'm') out.memOnly = true;
    else if (ch === 'r') out.noReply = true;
    else if (ch === 'c') {
      const digits = /^\d+/.exec(text.slice(i + 1));
      if (digits) {
        out.maxContacts = Number(digits[0]);
        i += digits[0].length;
      }
    } else if (ch === 'p' || ch === 'v' || ch === 's') {
      // Path modes and socket header: accepted, not used by serc's registrar.
      if (ch === 'p' && /\d/.test(text[i + 1] ?? '')) i++;
    }
  }
  return out;
}
