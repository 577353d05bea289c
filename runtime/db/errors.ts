// Errors the storage layer raises. Modules turn DatabaseUnavailableError into a negative return code,
// so the script's failure branch (typically a 503) runs instead of the server crashing or hanging.

/** The database could not be reached, or a statement failed: nothing was stored. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  /** The driver's error code when it has one (ECONNREFUSED, ER_NO_SUCH_TABLE, SQLITE_BUSY…). */
  readonly code: string | undefined;

  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}

/** The db_url (or a table/column name) is not usable: a configuration mistake, not an outage. */
export class DatabaseConfigError extends Error {
  override readonly name = 'DatabaseConfigError';
}

function driverCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Wrap any driver failure so callers only ever see one error type from store operations. */
export function unavailable(operation: string, error: unknown): DatabaseUnavailableError {
  if (error instanceof DatabaseUnavailableError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DatabaseUnavailableError(`${operation}: ${detail}`, { cause: error, code: driverCode(error) });
}
