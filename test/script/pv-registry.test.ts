// The registry's PV list and the runtime's accessors agree: every PV marked implemented compiles and
// reads on a real message; every PV marked not implemented is rejected at compile time.
import { describe, expect, it } from 'vitest';
import { compilePv, validatePv } from '../../runtime/core/script/pv.js';
import { listPvs } from '../../runtime/modules/registry.js';
import { makeCtx } from './helpers.js';

const SAMPLE_INNER: Record<string, string> = { sel: 'to.tag' };
const refText = (name: string, inner: string) =>
  inner === 'required' ? `$${name}(${SAMPLE_INNER[name] ?? 'x'})` : `$${name}`;

describe('registry PVs vs runtime accessors', () => {
  const ctx = makeCtx();
  for (const pv of listPvs()) {
    const text = refText(pv.name, pv.inner);
    if (pv.implemented) {
      it(`${text} compiles and reads`, () => {
        const ref = compilePv(text, {
          dialect: pv.dialects.includes('K3') ? 'K3' : (pv.dialects[0] ?? 'K3'),
        });
        expect(() => ref.get(ctx)).not.toThrow();
        expect(ref.writable).toBe(pv.writable);
      });
    } else {
      it(`${text} is rejected as not implemented`, () => {
        expect(validatePv(text, { dialect: 'O1' })).toMatch(/not implemented/);
      });
    }
  }
});
