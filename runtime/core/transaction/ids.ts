// Cheap unique tags and branches for the hot path: one random prefix per process (crypto, once)
// plus a counter, instead of a crypto call per transaction.
import { randomBytes } from 'node:crypto';
import { MAGIC_COOKIE } from '../sip/index.js';

const prefix = randomBytes(6).toString('base64url');
let counter = 0;

function next(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return prefix + counter.toString(36);
}

/** To tag for replies we generate. */
export function localTag(): string {
  return next();
}

/** RFC 3261 branch (magic cookie) for a new client transaction. */
export function localBranch(): string {
  return MAGIC_COOKIE + next();
}
