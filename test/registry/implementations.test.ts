// The registry says which functions are implemented; the runtime must really export them under the
// name implementationOf() gives the code generator (and under every alias).
import { describe, expect, it } from 'vitest';
import { findModule, implementationOf } from '../../runtime/modules/registry.js';

// Modules whose implementation lives with the registry's owner; the others are checked by their own suites.
const LOADERS: Record<string, () => Promise<Record<string, unknown>>> = {
  core: () => import('../../runtime/core/script/core-functions.js'),
  maxfwd: () => import('../../runtime/modules/maxfwd/index.js'),
  textops: () => import('../../runtime/modules/textops/index.js'),
  xlog: () => import('../../runtime/modules/xlog/index.js'),
  pv: () => import('../../runtime/modules/pv/index.js'),
  siputils: () => import('../../runtime/modules/siputils/index.js'),
  rr: () => import('../../runtime/modules/rr/index.js'),
};

describe.each(Object.keys(LOADERS))('%s implementation', (name) => {
  it('exports every implemented function (and alias) where implementationOf() points', async () => {
    const module = findModule(name)!;
    const exports = await LOADERS[name]!();
    const implemented = module.functions.filter((f) => f.implemented);
    expect(implemented.length).toBeGreaterThan(0);
    for (const fn of implemented) {
      const { from, exportName } = implementationOf(fn, module);
      expect(from.endsWith('.js')).toBe(true);
      expect(typeof exports[exportName], `${name}.${exportName}`).toBe('function');
      for (const alias of fn.aliases ?? [])
        expect(typeof exports[alias], `${name}.${alias}`).toBe('function');
    }
  });
});
