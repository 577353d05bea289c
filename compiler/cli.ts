// The `serc` command line: one yargs command module per file in ./commands.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_USAGE } from './exit-codes.js';
import { commands } from './commands/index.js';

const cli = yargs(hideBin(process.argv))
  .scriptName('serc')
  .usage('$0 <command> [options]\n\nCheck, lint and compile SER / Kamailio / OpenSIPS routing scripts.')
  .strict()
  .demandCommand(1, 'Name a command: serc <command> --help shows its options.')
  .recommendCommands()
  .help()
  .alias('h', 'help')
  .version()
  .wrap(Math.min(110, process.stdout.columns ?? 110))
  .fail((message, error, y) => {
    // Usage mistakes are exit code 2; anything thrown by a command is handled inside the command.
    if (error) throw error;
    process.stderr.write(`${y.help().toString?.() ?? ''}`);
    process.stderr.write(`\nerror: ${message}\n`);
    process.exit(EXIT_USAGE);
  });

for (const command of commands) cli.command(command);

await cli.parseAsync();
