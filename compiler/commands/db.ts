// `serc db init`: print or apply Kamailio's silo/location schema for a db_url (SQLite or MySQL/MariaDB).
import type { CommandModule } from 'yargs';
import {
  DatabaseConfigError,
  DatabaseUnavailableError,
  SCHEMA_TABLE_KINDS,
  defaultDbUrl,
  defaultTableSpec,
  openDatabase,
  parseDbUrl,
  redactDbUrl,
  renderSchemaSql,
  schemaStatements,
  type SchemaTableKind,
} from '../../runtime/db/index.js';
import { EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';

const TABLE_CHOICES = ['silo', 'location', 'all'] as const;
type TableChoice = (typeof TABLE_CHOICES)[number];

export interface DbInitOptions {
  readonly url: string;
  readonly print: boolean;
  readonly table: TableChoice;
}

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

function kindsOf(table: TableChoice): readonly SchemaTableKind[] {
  return table === 'all' ? SCHEMA_TABLE_KINDS : [table];
}

/** Print the schema, or create it in the database; resolves to the exit code. */
export async function runDbInit(options: DbInitOptions, output: CommandOutput): Promise<number> {
  const kinds = kindsOf(options.table);
  try {
    const { driver } = parseDbUrl(options.url);
    if (options.print) {
      output.out(renderSchemaSql(schemaStatements(driver, kinds.map(defaultTableSpec))));
      return EXIT_OK;
    }
    const db = await openDatabase(options.url, { createSchema: false });
    try {
      await db.createSchema(kinds);
    } finally {
      await db.close();
    }
    output.out(`serc: ${kinds.join(' and ')} ready in ${redactDbUrl(options.url)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof DatabaseConfigError) {
      output.err(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof DatabaseUnavailableError) {
      output.err(`error: ${error.message}\n`);
      return EXIT_ERRORS;
    }
    output.err(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    output.err('This is a bug in serc; please report it with the command line that triggered it.\n');
    return EXIT_INTERNAL;
  }
}

const stdio: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

interface DbArgs {
  readonly action: string;
  readonly url: string;
  readonly print: boolean;
  readonly table: TableChoice;
}

/** `serc db <action>`; `init` is the only action so far. An options-object builder keeps the type simple. */
export const dbCommand = {
  command: 'db <action>',
  describe:
    'Database: `serc db init` creates the silo and location tables (Kamailio schema) or prints their SQL',
  builder: {
    url: {
      type: 'string',
      describe: 'db_url: sqlite:///path/file.db or mysql://user:pass@host[:port]/db',
      default: defaultDbUrl(),
      defaultDescription: 'sqlite://<cwd>/serc.db',
    },
    print: {
      type: 'boolean',
      default: false,
      describe: "print the SQL for the URL's database kind instead of applying it",
    },
    table: { choices: TABLE_CHOICES, default: 'all', describe: 'which tables' },
  },
  handler: async (args) => {
    if (args.action !== 'init') {
      process.stderr.write(`error: unknown db action "${args.action}"; the db actions are: init\n`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    process.exitCode = await runDbInit({ url: args.url, print: args.print, table: args.table }, stdio);
  },
} satisfies CommandModule<object, DbArgs>;
