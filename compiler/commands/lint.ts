// `serc lint PATH…`: every check serc has (front end, module-independent and module-aware rules)
// over files and directories (recursing into *.cfg), in human, json, sarif or github format.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from 'yargs';
import { internalErrorDiagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { parseFile } from '../frontend.js';
import { ConfigError, loadConfig, parseRuleOption, type RuleSetting } from '../lint/config.js';
import { FORMATS, isLintFormat, renderLint } from '../lint/format/index.js';
import { RULES } from '../lint/rules/index.js';
import { checkProgram } from '../lint/run.js';
import { SourceSet } from '../source.js';
import {
  frontendOptions,
  parseDefines,
  stdio,
  type CommandOutput,
  type FrontendArgs,
} from './frontend-args.js';

export interface LintArgs extends Omit<FrontendArgs, 'files'> {
  readonly paths: string[];
  readonly format?: string;
  readonly maxWarnings?: number;
  readonly rule?: string[];
  readonly listRules?: boolean;
  readonly config?: string;
  readonly cwd?: string;
}

function sercVersion(): string {
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  const json: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
  return typeof json === 'object' && json !== null && 'version' in json ? String(json.version) : '0.0.0';
}

/** Files named on the command line, and every *.cfg under named directories (sorted, stable). */
export function expandPaths(paths: readonly string[], cwd: string): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  // `shown` is the directory as the user named it, so reported paths stay relative to it.
  const walk = (dir: string, shown: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), join(shown, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.cfg')) files.push(join(shown, entry.name));
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) walk(abs, p);
    else files.push(p);
  }
  return { files, missing };
}

function listRules(): string {
  const rows = RULES.map(
    (r) =>
      `${r.code}  ${r.severity.padEnd(7)}  ${r.id.padEnd(28)}  ${r.title}${r.blocksCompile ? ' [blocks compile]' : ''}`,
  );
  return rows.join('\n') + '\n';
}

/** Runs the lint command; resolves to the exit code (0 clean, 1 errors or too many warnings, 2 usage, 3 internal). */
export function runLint(args: LintArgs, output: CommandOutput = stdio): number {
  if (args.listRules) {
    output.out(listRules());
    return EXIT_OK;
  }
  const cwd = args.cwd ?? process.cwd();
  let rules: Record<string, RuleSetting>;
  let format: string;
  let maxWarnings: number | undefined;
  try {
    const config = loadConfig(cwd, args.config);
    rules = { ...config.rules };
    for (const r of args.rule ?? []) {
      const [code, setting] = parseRuleOption(r);
      rules[code] = setting;
    }
    format = args.format ?? config.format ?? 'human';
    maxWarnings = args.maxWarnings ?? config.maxWarnings;
  } catch (e) {
    if (e instanceof ConfigError) {
      output.err(`error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (!isLintFormat(format)) {
    output.err(`error: unknown format ${JSON.stringify(format)} (use ${FORMATS.join(', ')})\n`);
    return EXIT_USAGE;
  }
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    output.err('error: --max-warnings expects a non-negative integer\n');
    return EXIT_USAGE;
  }
  const defines = parseDefines(args.define);
  if (!defines) {
    output.err('error: -A expects NAME or NAME=VALUE with NAME made of letters, digits and _\n');
    return EXIT_USAGE;
  }
  if (args.paths.length === 0) {
    output.err('error: name at least one file or directory\n');
    return EXIT_USAGE;
  }
  const { files, missing } = expandPaths(args.paths, cwd);
  const all: Diagnostic[] = [];
  const sources = new SourceSet();
  for (const p of missing) {
    all.push({
      severity: 'error',
      code: 'SERC0002',
      message: `cannot read ${p}: no such file or directory`,
      range: { file: p, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    });
  }
  for (const file of files) {
    const path = file;
    try {
      const fe = parseFile(resolve(cwd, path), {
        defines,
        ...(args.dialect ? { dialect: args.dialect } : {}),
      });
      // Report paths as the user named them.
      const rel = (f: string): string => (f === resolve(cwd, path) ? path : f);
      for (const p of fe.sources.paths()) {
        const src = fe.sources.get(p);
        if (src) sources.add(rel(p), src.text);
      }
      const { diagnostics } = checkProgram(fe, { rules });
      for (const d of diagnostics) all.push({ ...d, range: { ...d.range, file: rel(d.range.file) } });
    } catch (err) {
      all.push(internalErrorDiagnostic(err, path));
    }
  }
  const sorted = sortDiagnostics(all);
  const text = renderLint(format, sorted, { sources, version: sercVersion(), root: cwd });
  if (format === 'human') {
    if (text) output.err(text);
  } else output.out(text);
  if (sorted.some((d) => d.code === 'SERC0001')) return EXIT_INTERNAL;
  if (sorted.some((d) => d.severity === 'error')) return EXIT_ERRORS;
  const warnings = sorted.filter((d) => d.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    output.err(`serc lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return EXIT_ERRORS;
  }
  return EXIT_OK;
}

export const lintCommand = {
  command: 'lint [paths..]',
  describe: 'Lint scripts with every check, module-aware (files or directories of *.cfg)',
  builder: {
    ...frontendOptions,
    format: { type: 'string', describe: `output format: ${FORMATS.join(', ')} (default human)` },
    'max-warnings': { type: 'number', describe: 'exit 1 when there are more warnings than this' },
    // Not `array: true`: that would swallow the paths after it; repeated --rule options collect anyway.
    rule: { type: 'string', describe: 'CODE=off|warn|error (code or rule id), repeatable' },
    'list-rules': { type: 'boolean', describe: 'print every rule and exit' },
    config: { type: 'string', describe: 'project file to use instead of .serc.json / package.json "serc"' },
  },
  handler: (args) => {
    const {
      paths,
      format,
      maxWarnings,
      rule,
      listRules: list,
      config,
      dialect,
      define,
    } = args as unknown as LintArgs & {
      paths?: string[];
    };
    process.exitCode = runLint({
      paths: paths ?? [],
      ...(format !== undefined ? { format } : {}),
      ...(maxWarnings !== undefined ? { maxWarnings } : {}),
      ...(rule !== undefined ? { rule: ([] as string[]).concat(rule) } : {}),
      ...(list !== undefined ? { listRules: list } : {}),
      ...(config !== undefined ? { config } : {}),
      ...(dialect !== undefined ? { dialect } : {}),
      ...(define !== undefined ? { define } : {}),
    });
  },
} satisfies CommandModule<object, object>;
