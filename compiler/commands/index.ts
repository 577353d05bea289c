// Every serc command, in the order `serc --help` lists them.
import type { CommandModule } from 'yargs';
import { checkCommand } from './check.js';
import { compileCommand } from './compile.js';
import { dbCommand } from './db.js';
import { lintCommand } from './lint.js';
import { parseCommand } from './parse.js';
import { runCommand } from './run.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const commands: CommandModule<{}, never>[] = [
  parseCommand,
  checkCommand,
  lintCommand,
  compileCommand,
  runCommand,
  dbCommand,
];
