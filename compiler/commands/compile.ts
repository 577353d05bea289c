// `serc compile FILE [-o DIR] [-A NAME[=VALUE]]… [--emit ts|bundle|both] [--dialect …]`: writes
// DIR/NAME.ts and DIR/NAME.mjs with their source maps. Exit codes as for `serc check`.
import type { CommandModule } from 'yargs';
import { renderHuman, renderJson, sortDiagnostics } from '../diagnostics.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
// The pipeline pulls in the TypeScript compiler and esbuild: loaded only when a command compiles, so
// `serc parse/check/lint` start quickly.
import type { CompileResult, EmitKind } from '../pipeline.js';
import { frontendOptions, parseDefines, stdio, type CommandOutput } from './frontend-args.js';
import type { DialectFamily } from '../dialect.js';

export interface CompileArgs {
  readonly file: string;
  readonly out?: string;
  readonly emit?: EmitKind;
  readonly dialect?: DialectFamily;
  readonly define?: string[];
  readonly format?: 'human' | 'json';
}

/** Compiles and prints diagnostics; resolves to the result (or undefined on a usage error). */
export async function compileWithArgs(
  args: CompileArgs,
  output: CommandOutput,
  emit: EmitKind,
): Promise<CompileResult | number> {
  const defines = parseDefines(args.define);
  if (!defines) {
    output.err('error: -A expects NAME or NAME=VALUE with NAME made of letters, digits and _\n');
    return EXIT_USAGE;
  }
  const { compileScript } = await import('../pipeline.js');
  const result = await compileScript(args.file, {
    defines,
    emit,
    ...(args.dialect ? { dialect: args.dialect } : {}),
  });
  const diagnostics = sortDiagnostics(result.diagnostics);
  if (args.format === 'json') output.out(renderJson(diagnostics));
  else if (diagnostics.length > 0) output.err(renderHuman(diagnostics, result.sources));
  return result;
}

export async function runCompile(args: CompileArgs, output: CommandOutput = stdio): Promise<number> {
  const result = await compileWithArgs(args, output, args.emit ?? 'both');
  if (typeof result === 'number') return result;
  if (result.exitCode !== EXIT_OK) return result.exitCode;
  try {
    const { writeOutputs } = await import('../pipeline.js');
    const written = await writeOutputs(args.out ?? 'out', result.files);
    if (args.format !== 'json') for (const p of written) output.err(`wrote ${p}\n`);
    return EXIT_OK;
  } catch (e) {
    output.err(`error: cannot write the output: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}

export const compileCommand = {
  command: 'compile <file>',
  describe:
    'Compile a script to TypeScript (DIR/NAME.ts) and a runnable bundle (DIR/NAME.mjs), with source maps',
  builder: {
    ...frontendOptions,
    out: { alias: 'o', type: 'string', default: 'out', describe: 'output directory' },
    emit: { choices: ['ts', 'bundle', 'both'] as const, default: 'both' as const, describe: 'what to write' },
    format: {
      choices: ['human', 'json'] as const,
      default: 'human' as const,
      describe: 'diagnostics format',
    },
  },
  handler: async (args) => {
    process.exitCode = await runCompile(args);
  },
} satisfies CommandModule<object, CompileArgs>;
