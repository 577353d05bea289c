// Every serc command, in the order `serc --help` lists them.
import type { CommandModule } from 'yargs';
import { dbCommand } from './db.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const commands: CommandModule<{}, never>[] = [dbCommand];
