// Random identifiers for branches, tags and Call-IDs.

import { randomBytes } from 'node:crypto';
import { MAGIC_COOKIE } from './via.js';

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A new RFC 3261 branch (magic cookie + random). */
export function newBranch(): string {
  return MAGIC_COOKIE + randomToken(12);
}

export function newTag(): string {
  return randomToken(8);
}

export function newCallId(host?: string): string {
  return randomToken(16) + (host ? '@' + host : '');
}
