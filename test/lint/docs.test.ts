// docs/rules/*.md are generated from the rule registry (scripts/gen-rule-docs.ts); the committed
// pages must match what the generator writes today, and every rule must have its page.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleDocs } from '../../compiler/lint/docs.js';
import { RULES } from '../../compiler/lint/rules/index.js';

const DIR = resolve(import.meta.dirname, '..', '..', 'docs', 'rules');

describe('docs/rules', () => {
  const pages = renderRuleDocs();

  it('has one page per rule plus the index, and nothing stale', () => {
    expect([...pages.keys()].sort()).toEqual(['README.md', ...RULES.map((r) => `${r.code}.md`)].sort());
    const committed = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.md')) : [];
    expect(committed.sort()).toEqual([...pages.keys()].sort());
  });

  for (const [name, text] of pages) {
    it(`${name} is up to date (run npx tsx scripts/gen-rule-docs.ts)`, () => {
      expect(readFileSync(join(DIR, name), 'utf8')).toBe(text);
    });
  }
});
