// `serc lint` as users run it: the real CLI (bin/serc.mjs) for exit codes and flag wiring, and
// runLint in-process for the remaining option combinations. Scripts are written to a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLint, type LintArgs } from '../../compiler/commands/lint.js';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'serc.mjs');
const CLEAN = '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route {\n  sl_send_reply("200", "OK");\n}\n';
const WARN =
  '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route {\n  sl_send_reply("200", "OK");\n}\nroute[OLD] { exit; }\n';
const ERROR = '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route {\n  sl_send_replay("200", "OK");\n}\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'serc-lint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function cli(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(args: Omit<LintArgs, 'cwd'>, dir: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runLint({ ...args, cwd: dir }, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// Each spawn starts tsx and compiles the CLI: seconds on two shared cores, so generous limits.
describe('serc lint (real CLI)', { timeout: 300_000 }, () => {
  it('exits 0 on a clean script, 1 on errors, 2 on a bad option value', () => {
    const dir = project({ 'ok.cfg': CLEAN, 'bad.cfg': ERROR });
    expect(cli(dir, 'ok.cfg').code).toBe(0);
    const bad = cli(dir, 'bad.cfg');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error[SERC3004]: unknown function sl_send_replay()');
    expect(bad.stderr).toContain('bad.cfg:4:3');
    expect(bad.stderr).toContain('docs/rules/SERC3004.md');
    expect(cli(dir, '--format', 'xml', 'ok.cfg').code).toBe(2);
  });

  it('wires --format json, --rule, --max-warnings and --list-rules', () => {
    const dir = project({ 'warn.cfg': WARN });
    const json = cli(dir, '--format', 'json', 'warn.cfg');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      diagnostics: { code: string }[];
      summary: { warnings: number };
    };
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['SERC3001']);
    expect(cli(dir, '--max-warnings', '0', 'warn.cfg').code).toBe(1);
    expect(cli(dir, '--rule', 'unused-route=error', 'warn.cfg').code).toBe(1);
    const list = cli(dir, '--list-rules');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^SERC3004 +error +unknown-function/m);
  });

  it('prints GitHub workflow annotations', () => {
    const dir = project({ 'bad.cfg': ERROR });
    const gh = cli(dir, '--format', 'github', 'bad.cfg');
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(
      /^::error file=bad\.cfg,line=4,col=3,endLine=4,endColumn=16,title=SERC3004 error::unknown function sl_send_replay\(\)/m,
    );
  });
});

describe('serc lint options (in-process)', () => {
  it('recurses into directories for *.cfg files only', () => {
    const dir = project({
      'a/one.cfg': ERROR,
      'a/b/two.cfg': ERROR,
      'a/notes.txt': 'route(X);',
      'a/b/c/three.cfg': CLEAN,
    });
    const r = run({ paths: ['a'], format: 'json' }, dir);
    const files = (JSON.parse(r.out) as { diagnostics: { range: { file: string } }[] }).diagnostics.map(
      (d) => d.range.file,
    );
    expect(files.sort()).toEqual([join('a', 'b', 'two.cfg'), join('a', 'one.cfg')]);
    expect(r.code).toBe(1);
  });

  it('turns rules off and changes severities with --rule', () => {
    const dir = project({ 'bad.cfg': ERROR, 'warn.cfg': WARN });
    expect(run({ paths: ['bad.cfg'], rule: ['SERC3004=off'] }, dir).code).toBe(0);
    expect(run({ paths: ['warn.cfg'], rule: ['SERC3001=error'] }, dir).code).toBe(1);
    expect(run({ paths: ['bad.cfg'], rule: ['SERC9999=off'] }, dir).code).toBe(2);
    expect(run({ paths: ['bad.cfg'], rule: ['SERC3004=loud'] }, dir).code).toBe(2);
  });

  it('honours --max-warnings', () => {
    const dir = project({ 'warn.cfg': WARN });
    expect(run({ paths: ['warn.cfg'], maxWarnings: 1 }, dir).code).toBe(0);
    const over = run({ paths: ['warn.cfg'], maxWarnings: 0 }, dir);
    expect(over.code).toBe(1);
    expect(over.err).toContain('more than --max-warnings 0');
  });

  it('reads .serc.json from the working directory or a parent', () => {
    const dir = project({
      '.serc.json': JSON.stringify({ rules: { 'unknown-function': 'warn' }, maxWarnings: 5 }),
      'sub/bad.cfg': ERROR,
    });
    const r = run({ paths: ['bad.cfg'] }, join(dir, 'sub'));
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning[SERC3004]');
  });

  it('reads the serc key of package.json', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'x', serc: { rules: { SERC3001: 'off' }, maxWarnings: 0 } }),
      'warn.cfg': WARN,
    });
    expect(run({ paths: ['warn.cfg'] }, dir).code).toBe(0);
    const noKey = project({ 'package.json': JSON.stringify({ name: 'x' }), 'warn.cfg': WARN });
    expect(run({ paths: ['warn.cfg'], maxWarnings: 0 }, noKey).code).toBe(1);
  });

  it('lets command-line --rule override the project file', () => {
    const dir = project({ '.serc.json': JSON.stringify({ rules: { SERC3004: 'off' } }), 'bad.cfg': ERROR });
    expect(run({ paths: ['bad.cfg'] }, dir).code).toBe(0);
    expect(run({ paths: ['bad.cfg'], rule: ['SERC3004=error'] }, dir).code).toBe(1);
  });

  it('reports a bad project file as a usage error', () => {
    const dir = project({ '.serc.json': '{ "rules": { "nope": "off" } }', 'ok.cfg': CLEAN });
    const r = run({ paths: ['ok.cfg'] }, dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown rule "nope"');
  });

  it('honours # serc-disable-next-line comments', () => {
    const suppressed = ERROR.replace(
      '  sl_send_replay',
      '  # serc-disable-next-line SERC3004\n  sl_send_replay',
    );
    const other = ERROR.replace('  sl_send_replay', '  # serc-disable-next-line SERC3001\n  sl_send_replay');
    const all = ERROR.replace('  sl_send_replay', '  # serc-disable-next-line\n  sl_send_replay');
    const dir = project({ 'a.cfg': suppressed, 'b.cfg': other, 'c.cfg': all });
    expect(run({ paths: ['a.cfg'] }, dir).code).toBe(0);
    expect(run({ paths: ['b.cfg'] }, dir).code).toBe(1);
    expect(run({ paths: ['c.cfg'] }, dir).code).toBe(0);
  });

  it('reports a missing file as an error', () => {
    const dir = project({});
    const r = run({ paths: ['nope.cfg'] }, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot read nope.cfg');
  });
});
