// Functions the runtime entry exports are bound from it (`rt.`), not from a module file: rr and the
// core forward()/send() compile, type-check and import nothing but the entry.
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import { generateTypeScript } from '../../compiler/pipeline.js';
import { ScratchDir } from './helpers.js';

const scratch = new ScratchDir();
afterAll(() => scratch.dispose());

function generate(name: string, text: string) {
  const path = scratch.write(name, text);
  const fe = parseFile(path);
  if (!fe.ast) throw new Error('no AST');
  return generateTypeScript(fe.ast, path, name.replace(/\.cfg$/, ''));
}

describe('runtime bindings', () => {
  it('bind rr and core forward/send from the runtime entry', () => {
    const text = [
      '#!KAMAILIO',
      'loadmodule "rr.so"',
      'request_route {',
      '  if (loose_route()) {',
      '    forward();',
      '    exit;',
      '  }',
      '  record_route();',
      '  if (method == "OPTIONS") {',
      '    send("127.0.0.1:5090");',
      '    exit;',
      '  }',
      '  forward("127.0.0.1", 5080);',
      '}',
      '',
    ].join('\n');
    const gen = generate('fw.cfg', text);
    expect(gen.diagnostics).toEqual([]);
    for (const fn of ['loose_route', 'record_route', 'forward', 'send'])
      expect(gen.text).toContain(`const fn_${fn}: `);
    expect(gen.text).toMatch(/= rt\.forward;/);
    expect(gen.text).toMatch(/= rt\.record_route;/);
    expect(gen.text).not.toContain('mod_rr');
    expect(gen.text).not.toMatch(/import \* as (mod_\w+|core) from/);
  }, 60_000);

  it("bind SER's forward(uri:host, uri:port) to the R-URI's host and port", () => {
    const gen = generate('ser.cfg', 'route {\n  forward(uri:host, uri:port);\n  break;\n}\n');
    expect(gen.diagnostics).toEqual([]);
    expect(gen.text).toContain('fn_forward(ctx, ruriHost(ctx), ruriPort(ctx))');
  }, 60_000);
});
