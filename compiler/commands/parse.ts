// `serc parse FILE… [--json]`: preprocess and parse; exit 0 when every file is syntactically valid.
import type { CommandModule } from 'yargs';
import { astToJson } from '../ast-build.js';
import {
  frontendOptions,
  runFrontendCommand,
  stdio,
  type CommandOutput,
  type FileOutcome,
  type FrontendArgs,
} from './frontend-args.js';

export interface ParseArgs extends FrontendArgs {
  readonly json?: boolean;
}

/** One JSON document: `{ files: [{ path, dialect, ast, diagnostics }] }`, keys in a stable order. */
function parseJson(outcomes: FileOutcome[]): string {
  return (
    astToJson({
      files: outcomes.map((o) => ({
        path: o.path,
        dialect: o.result.dialect,
        ast: o.result.ast,
        diagnostics: o.diagnostics,
      })),
    }) + '\n'
  );
}

export function runParse(args: ParseArgs, output: CommandOutput = stdio): number {
  return runFrontendCommand(
    args,
    output,
    () => [],
    args.json ? 'json' : 'human',
    args.json ? parseJson : undefined,
  );
}

export const parseCommand = {
  command: 'parse <files..>',
  describe: 'Preprocess and parse scripts; report syntax errors (exit 0 when all files parse)',
  builder: {
    ...frontendOptions,
    json: { type: 'boolean', default: false, describe: 'print the AST and diagnostics as one JSON document' },
  },
  handler: (args) => {
    process.exitCode = runParse(args);
  },
} satisfies CommandModule<object, ParseArgs>;
