// Options shared by `serc parse` and `serc check`: files, --dialect, -A defines; and the runner
// that turns per-file front-end results into output and an exit code.
import type { Diagnostic } from '../diagnostics.js';
import {
  hasErrors,
  internalErrorDiagnostic,
  renderHuman,
  renderJson,
  sortDiagnostics,
} from '../diagnostics.js';
import type { DialectFamily } from '../dialect.js';
import { EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { parseFile, type FrontendResult } from '../frontend.js';
import { SourceSet } from '../source.js';

export const DIALECTS = ['ser', 'kamailio', 'opensips'] as const;

export interface FrontendArgs {
  readonly files: string[];
  readonly dialect?: DialectFamily;
  /** Repeated `-A` gives an array (yargs collects duplicates); one gives a string. */
  readonly define?: string | string[];
}

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export const stdio: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export const frontendOptions = {
  dialect: {
    choices: DIALECTS,
    describe: 'dialect family (default: detected from the #! header and the constructs used)',
  },
  define: {
    alias: 'A',
    type: 'string',
    requiresArg: true,
    describe: 'define NAME or NAME=VALUE for #!ifdef / #!define, as kamailio -A',
  },
} as const;

/** `-A NAME` → true, `-A NAME=VALUE` → "VALUE"; undefined when a name is not a valid ID. */
export function parseDefines(
  list: string | readonly string[] | undefined,
): Record<string, string | true> | undefined {
  const out: Record<string, string | true> = {};
  for (const item of typeof list === 'string' ? [list] : (list ?? [])) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(item);
    if (!m?.[1]) return undefined;
    out[m[1]] = m[2] ?? true;
  }
  return out;
}

export interface FileOutcome {
  path: string;
  result: FrontendResult;
  diagnostics: Diagnostic[];
}

/**
 * Runs the front end (plus `extra` checks) on every file and prints diagnostics; never throws.
 * Returns the exit code: 0 no errors, 1 errors, 2 bad usage, 3 internal error.
 */
export function runFrontendCommand(
  args: FrontendArgs,
  output: CommandOutput,
  extra: (result: FrontendResult) => Diagnostic[],
  format: 'human' | 'json',
  printJson?: (outcomes: FileOutcome[]) => string,
): number {
  const defines = parseDefines(args.define);
  if (!defines) {
    output.err('error: -A expects NAME or NAME=VALUE with NAME made of letters, digits and _\n');
    return EXIT_USAGE;
  }
  if (args.files.length === 0) {
    output.err('error: name at least one file\n');
    return EXIT_USAGE;
  }
  const outcomes: FileOutcome[] = [];
  let internal = false;
  for (const path of args.files) {
    let result: FrontendResult;
    let diagnostics: Diagnostic[];
    try {
      result = parseFile(path, { defines, ...(args.dialect ? { dialect: args.dialect } : {}) });
      diagnostics = [...result.diagnostics];
      if (result.ast && !diagnostics.some((d) => d.code === 'SERC0001')) diagnostics.push(...extra(result));
    } catch (err) {
      result = { ast: undefined, diagnostics: [], sources: new SourceSet() };
      diagnostics = [internalErrorDiagnostic(err, path)];
    }
    if (diagnostics.some((d) => d.code === 'SERC0001')) internal = true;
    outcomes.push({ path, result, diagnostics: sortDiagnostics(diagnostics) });
  }
  const all = outcomes.flatMap((o) => o.diagnostics);
  if (printJson) output.out(printJson(outcomes));
  else if (format === 'json') output.out(renderJson(all));
  if (format === 'human') {
    const text = outcomes.map((o) => renderHuman(o.diagnostics, o.result.sources)).join('');
    if (text) output.err(text);
  }
  if (internal) return EXIT_INTERNAL;
  return hasErrors(all) ? EXIT_ERRORS : EXIT_OK;
}
