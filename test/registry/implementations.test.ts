// The registry says which functions are implemented; the runtime must really export them under the
// name implementationOf() gives the code generator (and under every alias).
import { describe, expect, it } from 'vitest';
import { findModule, implementationOf, listModules } from '../../runtime/modules/registry.js';

// Modules whose implementation lives with the registry's owner; the others are checked by their own suites.
const CHECKED = ['core', 'maxfwd', 'textops', 'xlog', 'pv', 'siputils', 'rr'];

describe.each(CHECKED)('%s implementation', (name) => {
  it('exports every implemented function (and alias) where implementationOf() points', async () => {
    const module = findModule(name)!;
    const implemented = module.functions.filter((f) => f.implemented);
    expect(implemented.length).toBeGreaterThan(0);
    for (const fn of implemented) {
      const { from, exportName } = implementationOf(fn, module);
      expect(from.endsWith('.js')).toBe(true);
      const exports = (await import(/* @vite-ignore */ `../../${from}`)) as Record<string, unknown>;
      expect(typeof exports[exportName], `${name}.${exportName} in ${from}`).toBe('function');
      for (const alias of fn.aliases ?? [])
        expect(typeof exports[alias], `${name}.${alias} in ${from}`).toBe('function');
    }
  });
});

describe('the runtime entry (what generated programs import)', () => {
  it('exports every implemented function of every module under its name', async () => {
    const entry = (await import('../../runtime/index.js')) as Record<string, unknown>;
    const missing: string[] = [];
    for (const module of listModules())
      for (const fn of module.functions)
        if (fn.implemented && typeof entry[implementationOf(fn, module).exportName] !== 'function')
          missing.push(`${module.name}.${fn.name}`);
    expect(missing).toEqual([]);
  });

  it('exports core forward/send (the SER 2001 scripts and Issue 4 use them)', async () => {
    const entry = (await import('../../runtime/index.js')) as Record<string, unknown>;
    for (const name of ['forward', 'forward_udp', 'forward_tcp', 'send', 'send_tcp'])
      expect(typeof entry[name], name).toBe('function');
  });
});
