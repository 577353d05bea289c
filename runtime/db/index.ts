// Storage for the runtime modules (msilo, usrloc): SQLite or MySQL/MariaDB behind one interface.
//
//   const db = await openDatabase(dbUrl ?? defaultDbUrl());      // rejects if unreachable
//   const silo = await db.silo({ table: 'silo', columns: { id: 'mid' } }); // creates the table if absent
//   try { await silo.insert({...}); return 1; }                   // resolves after COMMIT
//   catch (e) { if (e instanceof DatabaseUnavailableError) return -1; throw e; } // script answers 503
export { openDatabase } from './database.js';
export { defaultDbUrl, parseDbUrl, redactDbUrl } from './url.js';
export type { DbDriver, DbLocation } from './url.js';
export { DatabaseConfigError, DatabaseUnavailableError } from './errors.js';
export {
  DEFAULT_LOCATION_COLUMNS,
  DEFAULT_LOCATION_TABLE,
  DEFAULT_SILO_COLUMNS,
  DEFAULT_SILO_TABLE,
} from './columns.js';
export type { LocationColumns, SiloColumns } from './columns.js';
export {
  SCHEMA_TABLE_KINDS,
  TABLE_VERSIONS,
  defaultTableSpec,
  renderSchemaSql,
  schemaStatements,
} from './schema.js';
export type { SchemaStatement, SchemaTableKind, TableSpec } from './schema.js';
export { fromDbDateTime, toDbDateTime } from './time.js';
export type * from './types.js';
