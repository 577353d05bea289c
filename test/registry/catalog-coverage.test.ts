// Every module a real script loads and every function it calls is known to serc — implemented, or
// named in the catalog of unimplemented modules — so the checker never says "unknown" for real code.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import {
  classifyModule,
  findCoreParam,
  findFunction,
  findModparam,
  findModule,
} from '../../runtime/modules/registry.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS_DIR = resolve(ROOT, '../shared/corpus');
const CORPUS_PRESENT = existsSync(CORPUS_DIR);
const SEEDS = readdirSync(join(ROOT, 'configs'))
  .filter((f) => f.endsWith('.cfg'))
  .map((f) => join(ROOT, 'configs', f));
const CORPUS = CORPUS_PRESENT
  ? readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.cfg'))
      .map((f) => join(CORPUS_DIR, f))
  : [];

interface Usage {
  modules: Set<string>;
  calls: Set<string>;
  /** `module.param` of modparams addressed to modules serc implements. */
  params: Set<string>;
  /** Global `name = value` parameters. */
  core: Set<string>;
}

/** Walks any AST shape: nodes with kind 'call' and 'loadmodule'. */
function collect(node: unknown, out: Usage): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  if (rec.kind === 'call' && typeof rec.name === 'string') out.calls.add(rec.name);
  if (rec.kind === 'loadmodule' && typeof rec.module === 'string') out.modules.add(rec.module);
  if (rec.kind === 'param' && typeof rec.name === 'string') out.core.add(rec.name);
  if (rec.kind === 'modparam' && Array.isArray(rec.modules) && typeof rec.param === 'string') {
    for (const m of rec.modules)
      if (typeof m === 'string' && findModule(m)) out.params.add(`${m}.${rec.param}`);
  }
  for (const [key, value] of Object.entries(rec)) {
    if (key !== 'range' && key !== 'nameRange') collect(value, out);
  }
}

function usage(file: string): Usage {
  const out: Usage = { modules: new Set(), calls: new Set(), params: new Set(), core: new Set() };
  collect(parseFile(file).ast, out);
  return out;
}

function unknowns(files: string[]): { modules: string[]; calls: string[]; params: string[]; core: string[] } {
  const core = new Set<string>();
  const modules = new Set<string>();
  const calls = new Set<string>();
  const params = new Set<string>();
  for (const f of files) {
    const u = usage(f);
    for (const m of u.modules) if (classifyModule(m).kind === 'unknown') modules.add(m);
    for (const c of u.calls) if (findFunction(c, u.modules).kind === 'unknown') calls.add(c);
    for (const c of u.core) if (!findCoreParam(c)) core.add(c);
    for (const p of u.params) {
      const dot = p.indexOf('.');
      if (!findModparam(p.slice(0, dot), p.slice(dot + 1))) params.add(p);
    }
  }
  return {
    modules: [...modules].sort(),
    calls: [...calls].sort(),
    params: [...params].sort(),
    core: [...core].sort(),
  };
}

describe('registry + catalog cover the seed configs', () => {
  it('knows every loaded module, called function and modparam of an implemented module', () => {
    const found = usage(SEEDS.find((f) => f.endsWith('kamailio-3.1-default.cfg'))!);
    expect(found.calls.size).toBeGreaterThan(10);
    expect(found.params.size).toBeGreaterThan(5);
    expect(found.core.size).toBeGreaterThan(3);
    expect(unknowns(SEEDS)).toEqual({ modules: [], calls: [], params: [], core: [] });
  });
});

describe.runIf(CORPUS_PRESENT)('registry + catalog cover ../shared/corpus', () => {
  it('knows every loaded module, called function and modparam of an implemented module', () => {
    expect(CORPUS.length).toBeGreaterThan(10);
    expect(unknowns(CORPUS)).toEqual({ modules: [], calls: [], params: [], core: [] });
  });
});

describe('corpus availability', () => {
  it('says so when ../shared/corpus is absent instead of failing', () => {
    if (!CORPUS_PRESENT)
      console.warn(`corpus folder ${CORPUS_DIR} is absent: catalog coverage of real scripts is not checked`);
    expect(CORPUS.length > 0).toBe(CORPUS_PRESENT);
  });
});
