// Lint settings: defaults, the project file (`.serc.json` or the `serc` key of package.json, found
// from the working directory upwards) and command-line `--rule CODE=off|warn|error`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Severity } from '../diagnostics.js';
import { findRule } from './rules/index.js';

export type RuleSetting = 'off' | Severity;

export interface LintConfig {
  /** Rule code → setting; absent = the rule's default severity. */
  rules: Record<string, RuleSetting>;
  maxWarnings?: number;
  format?: string;
  /** Where the settings came from, for messages. */
  source?: string;
}

export class ConfigError extends Error {}

/** `off`, `warn`/`warning`, `error`, `note`/`info` → setting. */
export function parseSetting(text: string): RuleSetting {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === '0') return 'off';
  if (t === 'warn' || t === 'warning' || t === '1') return 'warning';
  if (t === 'error' || t === '2') return 'error';
  if (t === 'note' || t === 'info') return 'note';
  throw new ConfigError(`unknown rule setting ${JSON.stringify(text)} (use off, warn or error)`);
}

function ruleCode(key: string): string {
  const rule = findRule(key);
  if (!rule) throw new ConfigError(`unknown rule ${JSON.stringify(key)} (serc lint --list-rules shows them)`);
  return rule.code;
}

/** `CODE=off` → [code, setting]. */
export function parseRuleOption(text: string): [string, RuleSetting] {
  const eq = text.indexOf('=');
  if (eq < 0) throw new ConfigError(`--rule expects CODE=off|warn|error, got ${JSON.stringify(text)}`);
  return [ruleCode(text.slice(0, eq).trim()), parseSetting(text.slice(eq + 1))];
}

function fromObject(raw: unknown, source: string): LintConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`${source}: settings must be an object`);
  const obj = raw as Record<string, unknown>;
  const config: LintConfig = { rules: {}, source };
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null)
      throw new ConfigError(`${source}: "rules" must be an object`);
    for (const [k, v] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number')
        throw new ConfigError(`${source}: rule ${k}: expected off, warn or error`);
      config.rules[ruleCode(k)] = parseSetting(String(v));
    }
  }
  if (obj.maxWarnings !== undefined) {
    if (typeof obj.maxWarnings !== 'number' || !Number.isInteger(obj.maxWarnings))
      throw new ConfigError(`${source}: "maxWarnings" must be an integer`);
    config.maxWarnings = obj.maxWarnings;
  }
  if (obj.format !== undefined) {
    if (typeof obj.format !== 'string') throw new ConfigError(`${source}: "format" must be a string`);
    config.format = obj.format;
  }
  return config;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The nearest project file from `cwd` upwards; an explicit path wins. Empty config when none. */
export function loadConfig(cwd: string, explicit?: string): LintConfig {
  if (explicit) return fromObject(readJson(explicit), explicit);
  let dir = resolve(cwd);
  for (;;) {
    const dotfile = join(dir, '.serc.json');
    if (existsSync(dotfile)) return fromObject(readJson(dotfile), dotfile);
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const json = readJson(pkg);
      if (typeof json === 'object' && json !== null && 'serc' in json)
        return fromObject((json as { serc: unknown }).serc, `${pkg} (serc)`);
    }
    const up = dirname(dir);
    if (up === dir) return { rules: {} };
    dir = up;
  }
}
