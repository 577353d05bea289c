// Every pseudo-variable and format string in the seed configs and ../shared/corpus either compiles
// or is reported as "not implemented" — never as unknown or unparsable (which would be serc's bug).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import { validateFormat, type FormatKind } from '../../runtime/core/script/format.js';
import { validatePv, type AttributeMode } from '../../runtime/core/script/pv.js';
import type { Dialect } from '../../runtime/modules/types.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS_DIR = resolve(ROOT, '../shared/corpus');
const CORPUS_PRESENT = existsSync(CORPUS_DIR);
const cfgs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.cfg'))
    .map((f) => join(dir, f));
const SEEDS = cfgs(join(ROOT, 'configs'));
const CORPUS = CORPUS_PRESENT ? cfgs(CORPUS_DIR) : [];
const ACCEPTED = /not implemented|which serc does not implement/;

interface Found {
  pvs: Set<string>;
  strings: Array<{ fn: string; value: string }>;
}

function collect(node: unknown, out: Found): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  if (rec.kind === 'pv' && typeof rec.text === 'string') out.pvs.add(rec.text);
  if (rec.kind === 'call' && typeof rec.name === 'string' && Array.isArray(rec.args)) {
    for (const a of rec.args as Array<Record<string, unknown>>) {
      if (a.kind === 'string' && typeof a.value === 'string')
        out.strings.push({ fn: rec.name, value: a.value });
    }
  }
  for (const [key, value] of Object.entries(rec))
    if (key !== 'range' && key !== 'nameRange') collect(value, out);
}

function problems(files: string[]): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const r = parseFile(file);
    const dialect = (r.dialect?.era ?? 'K3') as Dialect;
    const mode = r.dialect?.pvMode;
    const attributes: AttributeMode = mode === 'ser' ? 'always' : mode === 'maxcompat' ? 'fallback' : 'never';
    const found: Found = { pvs: new Set(), strings: [] };
    collect(r.ast, found);
    for (const pv of found.pvs) {
      const e = validatePv(pv, { dialect, attributes });
      if (e && !ACCEPTED.test(e)) bad.push(`${file}: ${pv}: ${e}`);
    }
    for (const { fn, value } of found.strings) {
      const kind: FormatKind = /^x(log|dbg|info|notice|warn|err|bug|crit|alert)$/.test(fn) ? 'xfmt' : 'spve';
      const e = validateFormat(value, dialect, kind);
      if (e && !ACCEPTED.test(e)) bad.push(`${file}: ${fn}(${JSON.stringify(value)}): ${e}`);
    }
  }
  return bad;
}

describe('PVs and formats of real scripts', () => {
  it('seed configs: everything compiles or is reported as not implemented', () => {
    expect(problems(SEEDS)).toEqual([]);
  });

  it.runIf(CORPUS_PRESENT)('../shared/corpus: everything compiles or is reported as not implemented', () => {
    expect(CORPUS.length).toBeGreaterThan(10);
    expect(problems(CORPUS)).toEqual([]);
  });

  it('says so when ../shared/corpus is absent instead of failing', () => {
    if (!CORPUS_PRESENT)
      console.warn(`corpus folder ${CORPUS_DIR} is absent: its PVs and formats are not checked`);
    expect(CORPUS.length > 0).toBe(CORPUS_PRESENT);
  });
});
