// The schema text: Kamailio's tables per dialect, overridable names, and only plain identifiers.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SILO_COLUMNS,
  DatabaseConfigError,
  defaultTableSpec,
  renderSchemaSql,
  schemaStatements,
} from '../../runtime/db/index.js';
import { resolveColumns } from '../../runtime/db/columns.js';

describe('schemaStatements', () => {
  it('MySQL: Kamailio column types, inline keys and version rows', () => {
    const sql = renderSchemaSql(
      schemaStatements('mysql', [defaultTableSpec('silo'), defaultTableSpec('location')]),
    );
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS `silo` (');
    expect(sql).toContain('`id` INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY NOT NULL');
    expect(sql).toContain("`ctype` VARCHAR(32) DEFAULT 'text/plain' NOT NULL");
    expect(sql).toContain('INDEX account_idx (`username`, `domain`)');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS `location` (');
    expect(sql).toContain("`expires` DATETIME DEFAULT '2030-05-28 21:32:15' NOT NULL");
    expect(sql).toContain('`q` FLOAT(10,2) DEFAULT 1.0 NOT NULL');
    expect(sql).toContain('`partition` INT(11) DEFAULT 0 NOT NULL');
    expect(sql).toContain('CONSTRAINT ruid_idx UNIQUE (`ruid`)');
    expect(sql).toContain("INSERT IGNORE INTO `version` (table_name, table_version) VALUES ('silo', 8);");
    expect(sql).toContain("INSERT IGNORE INTO `version` (table_name, table_version) VALUES ('location', 9);");
  });

  it('SQLite: the rendered script runs as is and can run twice', () => {
    const sql = renderSchemaSql(
      schemaStatements('sqlite', [defaultTableSpec('silo'), defaultTableSpec('location')]),
    );
    const db = new BetterSqlite3(':memory:');
    db.exec(sql);
    db.exec(sql);
    const versions = db.prepare('SELECT table_name, table_version FROM version ORDER BY table_name').all();
    expect(versions).toEqual([
      { table_name: 'location', table_version: 9 },
      { table_name: 'silo', table_version: 8 },
      { table_name: 'version', table_version: 1 },
    ]);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all();
    expect(indexes.map((row) => (row as { name: string }).name)).toEqual([
      'location_account_contact_idx',
      'location_connection_idx',
      'location_expires_idx',
      'location_tcpcon_idx',
      'silo_account_idx',
    ]);
    db.close();
  });

  it('uses overridden table and column names', () => {
    const columns = resolveColumns(DEFAULT_SILO_COLUMNS, { id: 'mid' }, 'silo');
    const sql = renderSchemaSql(schemaStatements('mysql', [{ kind: 'silo', table: 'msilo', columns }]));
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS `msilo` (\n    `mid` INT(10) UNSIGNED AUTO_INCREMENT');
    expect(sql).toContain("VALUES ('msilo', 8)");
  });

  it('refuses names that are not plain identifiers', () => {
    expect(() => resolveColumns(DEFAULT_SILO_COLUMNS, { body: 'body`; DROP TABLE x' }, 'silo')).toThrow(
      DatabaseConfigError,
    );
    expect(() =>
      schemaStatements('sqlite', [{ kind: 'silo', table: 'silo"x', columns: DEFAULT_SILO_COLUMNS }]),
    ).toThrow(DatabaseConfigError);
  });
});
