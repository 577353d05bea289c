// Headers a locally generated reply carries: the destination set as Contact for 3xx, then the
// lines queued with append_to_reply(). Shared by sl and tm replies.
import type { ScriptContext } from '../../core/script/context.js';

/** Contact value listing the destination set (R-URI then branches) with their q values. */
export function destinationSetContact(ctx: ScriptContext): string | undefined {
  const items: string[] = [];
  if (ctx.ruri !== '') items.push(`<${ctx.ruri}>`);
  for (const b of ctx.branches) items.push(b.q === null ? `<${b.uri}>` : `<${b.uri}>;q=${b.q}`);
  return items.length === 0 ? undefined : items.join(', ');
}

/** Splits "Name: value\r\n" lines (append_to_reply may queue several in one string). */
export function parseHeaderLines(lines: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const text of lines) {
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return out;
}

/** Shared by every reply that has no local headers (most of them): no array per reply. */
const NONE: readonly [string, string][] = Object.freeze([]);

export function localReplyHeaders(ctx: ScriptContext, code: number): readonly [string, string][] {
  if (ctx.replyHeaders.length === 0 && (code < 300 || code >= 400)) return NONE;
  const headers: [string, string][] = [];
  if (code >= 300 && code < 400) {
    const contact = destinationSetContact(ctx);
    if (contact !== undefined) headers.push(['Contact', contact]);
  }
  headers.push(...parseHeaderLines(ctx.replyHeaders));
  return headers;
}
