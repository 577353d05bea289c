// Log lines to stderr, written once per event-loop turn instead of once per line: a script that
// logs every request (xlog at debug=2) otherwise pays one write syscall per line, which showed as
// the top self-time entry of REGISTER profiles. Lines stay in order; what is pending is written
// before close() returns and, synchronously, when the process exits.
import { writeSync } from 'node:fs';
import type { LogSink } from '../core/script/logger.js';

/** Above this many pending characters a line is written at once rather than at the end of the turn. */
const HIGH_WATER = 64 * 1024;

export class BatchedLogWriter {
  private pending: string[] = [];
  private size = 0;
  private scheduled = false;

  constructor(private readonly write: (text: string) => void) {}

  readonly sink: LogSink = (line) => {
    this.pending.push(line);
    this.size += line.length;
    if (this.size >= HIGH_WATER) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  };

  flush(): void {
    const text = this.drain();
    if (text !== '') this.write(text);
  }

  /** Takes what is pending without writing it. */
  drain(): string {
    if (this.pending.length === 0) return '';
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    return text;
  }
}

let shared: BatchedLogWriter | undefined;

/** The process-wide batched stderr writer (one exit hook however many servers run). */
export function stderrLogWriter(): BatchedLogWriter {
  if (!shared) {
    const writer = new BatchedLogWriter((text) => void process.stderr.write(text));
    // At exit no further turn comes: write what is left synchronously to fd 2.
    process.once('exit', () => {
      const text = writer.drain();
      if (text !== '') writeSync(2, text);
    });
    shared = writer;
  }
  return shared;
}
