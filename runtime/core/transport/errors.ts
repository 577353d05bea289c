// Error types the CLI can recognise and turn into a message + exit code.
import type { ListenSpec } from './types.js';

export class TransportError extends Error {
  override name = 'TransportError';
}

/** Thrown by start() when a listen address is already taken (EADDRINUSE). */
export class AddressInUseError extends TransportError {
  override name = 'AddressInUseError';
  constructor(readonly spec: ListenSpec) {
    super(`address already in use: ${formatListenSpec(spec)}`);
  }
}

/** Thrown by start() when a listen address cannot be bound for another reason (EADDRNOTAVAIL, EACCES, ...). */
export class ListenError extends TransportError {
  override name = 'ListenError';
  constructor(
    readonly spec: ListenSpec,
    readonly code: string,
  ) {
    super(`cannot listen on ${formatListenSpec(spec)}: ${code}`);
  }
}

export function formatListenSpec(spec: ListenSpec): string {
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  return `${spec.proto}:${host}:${spec.port}`;
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.message : String(error);
}
