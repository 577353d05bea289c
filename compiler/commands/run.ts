// `serc run FILE [-A …] [-l proto:addr:port]… [-m module.param=value]… [--log-level …]`: compiles
// the script to a temporary directory and runs the bundle as a child process, passing the server
// options through and forwarding SIGINT/SIGTERM so the server shuts down cleanly.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { EXIT_INTERNAL, EXIT_OK } from '../exit-codes.js';
import { SERC_ROOT } from '../generate/paths.js';
import { compileWithArgs, type CompileArgs } from './compile.js';
import { frontendOptions, stdio, type CommandOutput } from './frontend-args.js';

export interface RunArgs extends CompileArgs {
  readonly listen?: string[];
  readonly modparam?: string[];
  readonly logLevel?: string;
}

/** The bundle's own command line: `-l`, `-m` and `--log-level` are passed through unchanged. */
export function bundleArgs(args: RunArgs): string[] {
  const out: string[] = [];
  for (const l of args.listen ?? []) out.push('-l', l);
  for (const m of args.modparam ?? []) out.push('-m', m);
  if (args.logLevel !== undefined) out.push('--log-level', args.logLevel);
  return out;
}

export async function runRun(args: RunArgs, output: CommandOutput = stdio): Promise<number> {
  const compiled = await compileWithArgs(args, output, 'bundle');
  if (typeof compiled === 'number') return compiled;
  if (compiled.exitCode !== EXIT_OK) return compiled.exitCode;
  const dir = await mkdtemp(join(tmpdir(), 'serc-run-'));
  try {
    const { writeOutputs } = await import('../pipeline.js');
    await writeOutputs(dir, compiled.files);
    const bundle = compiled.files.find((f) => f.name.endsWith('.mjs'));
    if (!bundle) return EXIT_INTERNAL;
    // ESM ignores NODE_PATH: a node_modules link next to the bundle lets it find better-sqlite3 and
    // mysql2 in serc's install.
    await symlink(resolve(SERC_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(dir, bundle.name), ...bundleArgs(args)],
      {
        stdio: 'inherit',
      },
    );
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number>((done) => child.on('exit', (c, s) => done(c ?? (s ? 1 : 0))));
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    return code;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const runCommand = {
  command: 'run <file>',
  describe: 'Compile a script and run it as a SIP server (the bundle in a temporary directory)',
  builder: {
    ...frontendOptions,
    listen: {
      alias: 'l',
      type: 'string',
      array: true,
      describe: 'listen on proto:addr:port (replaces the script listen=)',
    },
    modparam: {
      alias: 'm',
      type: 'string',
      array: true,
      describe: 'override a modparam: module.param=value',
    },
    'log-level': { type: 'string', describe: 'log threshold (L_ERR … L_DBG or a number)' },
  },
  handler: async (args) => {
    process.exitCode = await runRun(args);
  },
} satisfies CommandModule<object, RunArgs>;
