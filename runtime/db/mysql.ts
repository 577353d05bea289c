// mysql2 driver: a pool, prepared statements through execute() only, and a deadline on every operation
// so a dead or stuck server turns into a quick DatabaseUnavailableError instead of a hung request.
// The pool drops broken connections by itself and opens new ones once the server is back.
import {
  createPool,
  type Pool,
  type PoolConnection,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
import { DatabaseUnavailableError, unavailable } from './errors.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import type { SchemaStatement } from './schema.js';
import type { MysqlLocation } from './url.js';

export interface MysqlOptions {
  readonly connectTimeoutMs: number;
  readonly operationTimeoutMs: number;
  readonly poolSize: number;
}

/** DDL may wait for metadata locks held by another server sharing the database. */
const SCHEMA_TIMEOUT_MS = 30_000;

class MysqlExecutor implements SqlExecutor {
  readonly driver = 'mysql' as const;

  constructor(
    private readonly pool: Pool,
    private readonly label: string,
    private readonly operationTimeoutMs: number,
  ) {}

  /** Borrow a connection, run `body`, give the connection back; reject when the deadline passes. */
  private withConnection<T>(
    what: string,
    timeoutMs: number,
    body: (connection: PoolConnection) => Promise<T>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let borrowed: PoolConnection | undefined;
      const timer = setTimeout(() => {
        settled = true;
        // A connection that does not answer must not go back to the pool.
        borrowed?.destroy();
        reject(
          new DatabaseUnavailableError(`${what}: no answer from ${this.label} within ${timeoutMs} ms`, {
            code: 'ETIMEDOUT',
          }),
        );
      }, timeoutMs);
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(unavailable(`${what} on ${this.label}`, error));
      };
      this.pool.getConnection().then((connection) => {
        if (settled) {
          connection.release();
          return;
        }
        borrowed = connection;
        body(connection).then(
          (value) => {
            connection.release();
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            connection.release();
            fail(error);
          },
        );
      }, fail);
    });
  }

  insert(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.withConnection('mysql insert', this.operationTimeoutMs, async (connection) => {
      // Autocommit: the OK packet carrying insertId arrives after the commit.
      const [result] = await connection.execute<ResultSetHeader>(sql, params as SqlValue[]);
      return result.insertId;
    });
  }

  write(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.withConnection('mysql write', this.operationTimeoutMs, async (connection) => {
      // mysql2 connects with CLIENT_FOUND_ROWS: affectedRows counts matched rows, changed or not.
      const [result] = await connection.execute<ResultSetHeader>(sql, params as SqlValue[]);
      return result.affectedRows;
    });
  }

  rows<T>(sql: string, params: readonly SqlValue[], map: (row: readonly unknown[]) => T): Promise<T[]> {
    return this.withConnection('mysql query', this.operationTimeoutMs, async (connection) => {
      // rowsAsArray: each row is an array in select-list order (typed as RowDataPacket by mysql2).
      const [rows] = await connection.execute<RowDataPacket[][]>(
        { sql, rowsAsArray: true },
        params as SqlValue[],
      );
      return (rows as unknown as readonly (readonly unknown[])[]).map(map);
    });
  }

  apply(statements: readonly SchemaStatement[]): Promise<void> {
    return this.withConnection('mysql schema', SCHEMA_TIMEOUT_MS, async (connection) => {
      for (const statement of statements) {
        if (statement.params.length) await connection.execute(statement.sql, [...statement.params]);
        else await connection.query(statement.sql);
      }
    });
  }

  /** A round trip to the server: proves the URL, the credentials and the database are right. */
  ping(): Promise<void> {
    return this.withConnection('mysql connect', this.operationTimeoutMs, (connection) => connection.ping());
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export async function openMysql(
  location: MysqlLocation,
  label: string,
  options: MysqlOptions,
): Promise<SqlExecutor> {
  const pool = createPool({
    host: location.host,
    port: location.port,
    user: location.user,
    password: location.password,
    database: location.database,
    connectTimeout: options.connectTimeoutMs,
    connectionLimit: options.poolSize,
    maxIdle: options.poolSize,
    idleTimeout: 60_000,
    waitForConnections: true,
    enableKeepAlive: true,
    charset: 'utf8mb4',
    // DATETIME columns come back as the text Kamailio wrote; time.ts reads it as local time.
    dateStrings: true,
    supportBigNumbers: true,
  });
  const executor = new MysqlExecutor(pool, label, options.operationTimeoutMs);
  try {
    await executor.ping();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return executor;
}
