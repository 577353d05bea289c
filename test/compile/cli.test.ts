// `serc compile` and `serc run` as commands: files written, exit codes as for `serc check`, the
// bundle's own options passed through by `serc run`, and a bundle map that leads back to the .cfg.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCompile } from '../../compiler/commands/compile.js';
import { bundleArgs } from '../../compiler/commands/run.js';
import { ScratchDir } from './helpers.js';

const scratch = new ScratchDir();
afterAll(() => scratch.dispose());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

describe('serc compile', () => {
  it('writes NAME.ts and its map with --emit ts, and exits 0', async () => {
    const c = capture();
    const dir = join(scratch.path, 'ts-only');
    const code = await runCompile({ file: 'configs/msilo.cfg', out: dir, emit: 'ts' }, c.io);
    expect(code, c.err.join('')).toBe(0);
    expect(existsSync(join(dir, 'msilo.ts'))).toBe(true);
    expect(existsSync(join(dir, 'msilo.ts.map'))).toBe(true);
    expect(existsSync(join(dir, 'msilo.mjs'))).toBe(false);
    const map = JSON.parse(readFileSync(join(dir, 'msilo.ts.map'), 'utf8')) as {
      sources: string[];
      file: string;
    };
    // Relative to the folder the map was written to, wherever that is.
    expect(map.file).toBe('msilo.ts');
    expect(map.sources.map((s) => resolve(dir, s))).toEqual([resolve('configs/msilo.cfg')]);
  }, 120_000);

  it('writes a bundle whose source map leads back to the .cfg and the runtime files from any -o DIR', async () => {
    const c = capture();
    const dir = join(scratch.path, 'bundle', 'two', 'deep');
    const code = await runCompile({ file: 'configs/msilo-ser.cfg', out: dir, emit: 'bundle' }, c.io);
    expect(code, c.err.join('')).toBe(0);
    const bundle = readFileSync(join(dir, 'msilo-ser.mjs'), 'utf8');
    expect(bundle.endsWith('//# sourceMappingURL=msilo-ser.mjs.map\n')).toBe(true);
    const map = JSON.parse(readFileSync(join(dir, 'msilo-ser.mjs.map'), 'utf8')) as { sources: string[] };
    const sources = map.sources.map((s) => resolve(dir, s));
    expect(sources).toContain(resolve('configs/msilo-ser.cfg'));
    const runtime = sources.filter((s) => s.startsWith(resolve('runtime') + sep));
    expect(runtime.length).toBeGreaterThan(10);
    expect(runtime.filter((s) => !existsSync(s))).toEqual([]);
  }, 120_000);

  it('exits 1 with diagnostics on stderr for a script with errors, writing nothing', async () => {
    const c = capture();
    const file = scratch.write('bad.cfg', '#!KAMAILIO\nrequest_route {\n  no_such_function();\n}\n');
    const dir = join(scratch.path, 'bad-out');
    expect(await runCompile({ file, out: dir }, c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/bad\.cfg:3:3/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('prints diagnostics as JSON with --format json', async () => {
    const c = capture();
    const file = scratch.write('bad-json.cfg', '#!KAMAILIO\nrequest_route {\n  no_such_function();\n}\n');
    expect(await runCompile({ file, out: join(scratch.path, 'x'), format: 'json' }, c.io)).toBe(1);
    const doc = JSON.parse(c.out.join('')) as { summary: { errors: number } };
    expect(doc.summary.errors).toBeGreaterThan(0);
  }, 60_000);

  it('exits 2 on a malformed -A', async () => {
    const c = capture();
    expect(await runCompile({ file: 'configs/msilo.cfg', define: ['1BAD'] }, c.io)).toBe(2);
  });

  it('exits 1 for a file that does not exist', async () => {
    const c = capture();
    expect(await runCompile({ file: join(scratch.path, 'missing.cfg') }, c.io)).toBe(1);
  });
});

describe('serc run', () => {
  it('passes -l, -m and --log-level through to the bundle', () => {
    expect(
      bundleArgs({
        file: 'x.cfg',
        listen: ['udp:127.0.0.1:5060', 'tcp:127.0.0.1:5060'],
        modparam: ['msilo.db_url=sqlite:///tmp/m.db'],
        logLevel: 'L_DBG',
      }),
    ).toEqual([
      '-l',
      'udp:127.0.0.1:5060',
      '-l',
      'tcp:127.0.0.1:5060',
      '-m',
      'msilo.db_url=sqlite:///tmp/m.db',
      '--log-level',
      'L_DBG',
    ]);
  });
});
