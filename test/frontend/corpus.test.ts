// Every seed config and every real script of ../shared/corpus parses with exit code 0 (serc parse).
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParse } from '../../compiler/commands/parse.js';
import { CORPUS_ABSENT_MESSAGE, CORPUS_PRESENT, corpusFiles, SEED_FILES } from './helpers.js';

function parseQuietly(file: string): { code: number; err: string } {
  let err = '';
  const code = runParse({ files: [file] }, { out: () => {}, err: (t) => (err += t) });
  return { code, err };
}

describe('seed configs', () => {
  for (const file of SEED_FILES) {
    it(`${basename(file)} parses with exit 0`, () => {
      const { code, err } = parseQuietly(file);
      expect(err).not.toMatch(/^error/m);
      expect(code).toBe(0);
    });
  }
});

describe.runIf(CORPUS_PRESENT)('corpus (../shared/corpus)', () => {
  const files = corpusFiles();
  it('holds scripts', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(`${basename(file)} parses with exit 0`, () => {
      const { code, err } = parseQuietly(file);
      expect(err).not.toMatch(/^error/m);
      expect(code).toBe(0);
    });
  }
});

describe('corpus availability', () => {
  it('reports when ../shared/corpus is absent instead of failing', () => {
    if (!CORPUS_PRESENT) console.warn(CORPUS_ABSENT_MESSAGE);
    expect(CORPUS_ABSENT_MESSAGE).toContain('corpus');
    expect(corpusFiles().length > 0).toBe(CORPUS_PRESENT);
  });
});
