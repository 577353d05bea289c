// Fuzz: thousands of seeded mutations of the seeds and the corpus (delete/duplicate/swap tokens,
// cut the file, insert random bytes) never throw out of the front end or the checks, and every
// diagnostic points at a real line and column of a file the run read.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScript } from '../../compiler/check.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';
import { parseText } from '../../compiler/frontend.js';
import { tokenize } from '../../compiler/lexer.js';
import type { SourceRange, SourceSet } from '../../compiler/source.js';
import { corpusFiles, SEED_FILES } from './helpers.js';

const TOTAL_MUTATIONS = 2400;

/** mulberry32: small, seeded, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Span {
  start: number;
  end: number;
}

function mutate(text: string, spans: Span[], random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  const kind = pick(5);
  const t = spans[pick(spans.length)];
  if (!t || kind === 3) return text.slice(0, pick(text.length + 1));
  switch (kind) {
    case 0:
      return text.slice(0, t.start) + text.slice(t.end);
    case 1:
      return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end);
    case 2: {
      const u = spans[spans.indexOf(t) + 1];
      if (!u) return text.slice(0, t.start);
      return (
        text.slice(0, t.start) +
        text.slice(u.start, u.end) +
        text.slice(t.end, u.start) +
        text.slice(t.start, t.end) +
        text.slice(u.end)
      );
    }
    default: {
      const at = pick(text.length + 1);
      const bytes = Array.from({ length: 1 + pick(6) }, () => String.fromCharCode(pick(128) || 10)).join('');
      return text.slice(0, at) + bytes + text.slice(at);
    }
  }
}

function assertValid(diags: Diagnostic[], sources: SourceSet, label: string): void {
  for (const d of diags) {
    expect(d.code, `${label}: ${d.message}`).not.toBe('SERC0001');
    for (const range of [d.range, ...(d.secondary ?? []).map((s) => s.range)])
      assertRange(range, sources, `${label}: ${d.message}`);
  }
}

function assertRange(range: SourceRange, sources: SourceSet, label: string): void {
  const file = sources.get(range.file);
  if (range.file === '<command line>') return;
  expect(file, `${label}: diagnostic in unknown file ${range.file}`).toBeDefined();
  if (!file) return;
  const { startLine, startColumn } = range;
  expect(
    Number.isInteger(startLine) && startLine >= 1 && startLine <= file.lineCount,
    `${label}: line ${startLine}`,
  ).toBe(true);
  const width = file.line(startLine).length;
  expect(
    Number.isInteger(startColumn) && startColumn >= 1 && startColumn <= width + 1,
    `${label}: ${startLine}:${startColumn} (line width ${width})`,
  ).toBe(true);
}

describe('fuzzed scripts', () => {
  const files = [...SEED_FILES, ...corpusFiles()];
  const perFile = Math.ceil(TOTAL_MUTATIONS / files.length);
  files.forEach((path, index) => {
    it(`${perFile} mutations of ${basename(path)} give diagnostics, never exceptions`, () => {
      const text = readFileSync(path, 'utf8');
      const lexed = tokenize(text, 'kamailio');
      const spans = lexed.tokens.map((t) => ({
        start: t.startOffset,
        end: (t.endOffset ?? t.startOffset) + 1,
      }));
      const random = rng(0x5e4c + index);
      for (let i = 0; i < perFile; i++) {
        const mutated = mutate(text, spans, random);
        const label = `${basename(path)} #${i}`;
        const result = parseText(mutated, `fuzz-${i}.cfg`);
        const diags = [...result.diagnostics];
        if (result.ast) diags.push(...checkScript(result.ast));
        assertValid(diags, result.sources, label);
      }
    });
  });
});
