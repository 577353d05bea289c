// Log lines are written once per event-loop turn: in order, complete, at once above the high-water
// mark, and still written when the process exits before the turn ends.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchedLogWriter } from '../../runtime/engine/log-sink.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLogWriter', () => {
  it('writes the lines of one turn together and in order, after the turn', async () => {
    const writes: string[] = [];
    const writer = new BatchedLogWriter((text) => writes.push(text));
    writer.sink('a\n', 2);
    writer.sink('b\n', 2);
    writer.sink('c\n', 2);
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n']);
    writer.sink('d\n', 2);
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('writes at once when a turn logs a lot, and flush() empties what is pending', async () => {
    const writes: string[] = [];
    const writer = new BatchedLogWriter((text) => writes.push(text));
    const line = 'x'.repeat(1000) + '\n';
    for (let i = 0; i < 100; i++) writer.sink(line, 2);
    expect(writes.length).toBeGreaterThan(0);
    writer.flush();
    expect(writes.join('')).toBe(line.repeat(100));
    await nextTurn();
    expect(writes.join('')).toBe(line.repeat(100));
  });

  it('writes pending lines when the process exits in the same turn', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/log-then-exit.ts')],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.status).toBe(0);
    expect(child.stderr).toContain('first line\nsecond line\n');
  });
});
