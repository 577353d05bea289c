// `serc check FILE… [--format human|json]`: parse plus the checks that need no module knowledge.
import type { CommandModule } from 'yargs';
import { checkScript } from '../check.js';
import {
  frontendOptions,
  runFrontendCommand,
  stdio,
  type CommandOutput,
  type FrontendArgs,
} from './frontend-args.js';

export interface CheckArgs extends FrontendArgs {
  readonly format?: 'human' | 'json';
}

export function runCheck(args: CheckArgs, output: CommandOutput = stdio): number {
  return runFrontendCommand(args, output, (r) => (r.ast ? checkScript(r.ast) : []), args.format ?? 'human');
}

export const checkCommand = {
  command: 'check <files..>',
  describe: 'Check scripts: syntax, duplicate/missing routes, #!ifdef balance, regexes, unreachable code',
  builder: {
    ...frontendOptions,
    format: { choices: ['human', 'json'] as const, default: 'human' as const, describe: 'output format' },
  },
  handler: (args) => {
    process.exitCode = runCheck(args);
  },
} satisfies CommandModule<object, CheckArgs>;
