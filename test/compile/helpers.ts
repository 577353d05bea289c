// Temporary scripts for the compile tests, written to a private folder and removed afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ScratchDir {
  readonly path = mkdtempSync(join(tmpdir(), 'serc-compile-'));

  write(name: string, text: string): string {
    const p = join(this.path, name);
    writeFileSync(p, text);
    return p;
  }

  dispose(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}
