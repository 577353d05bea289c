// Summarises a V8 .cpuprofile (node --cpu-prof): functions by self time, as file:line and % of the
// busy samples (idle excluded), so that before/after profiles can be compared as text.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMapReader } from './source-map.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrameWithColumn;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  /** `name file:line`: the function's TypeScript source line when the code ran from a mapped bundle. */
  readonly where: string;
  readonly selfMs: number;
  /** Share of busy (non-idle) time. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly top: readonly ProfileEntry[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  return 'nodes' in value && Array.isArray(value.nodes) && 'samples' in value && Array.isArray(value.samples);
}

interface CallFrameWithColumn extends CallFrame {
  readonly columnNumber?: number;
}

/** `name file:line`, through the bundle's source map when the frame is in a mapped bundle. */
function locator(root: string): (frame: CallFrameWithColumn) => string {
  const maps = new Map<string, SourceMapReader | undefined>();
  return (frame) => {
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
    if (!frame.url.startsWith('file://'))
      return frame.url === '' ? name : `${name} ${frame.url}:${frame.lineNumber + 1}`;
    const file = fileURLToPath(frame.url);
    if (!maps.has(file)) maps.set(file, SourceMapReader.forBundle(file));
    const original = maps.get(file)?.lookup(frame.lineNumber, frame.columnNumber ?? 0);
    if (original) return `${name} ${relative(root, original.file)}:${original.line}`;
    return `${name} ${relative(root, file)}:${frame.lineNumber + 1}`;
  };
}

export function summarizeProfile(profile: unknown, root: string, limit = 25): ProfileSummary {
  if (!isCpuProfile(profile)) throw new Error('not a .cpuprofile (no nodes/samples)');
  const byId = new Map<number, string>();
  const location = locator(root);
  for (const node of profile.nodes) byId.set(node.id, location(node.callFrame));
  const self = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: the time charged to this sample.
    const us = profile.timeDeltas[i] ?? 0;
    const where = byId.get(id) ?? '(unknown)';
    if (where === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    self.set(where, (self.get(where) ?? 0) + us);
  });
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([where, us]) => ({ where, selfMs: us / 1000, percent: busy > 0 ? (100 * us) / busy : 0 }));
  return { busyMs: busy / 1000, idleMs: idle / 1000, top };
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [
    `busy ${s.busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms`,
    '  self%   self ms  function',
  ];
  for (const e of s.top)
    lines.push(`${e.percent.toFixed(1).padStart(7)} ${e.selfMs.toFixed(1).padStart(9)}  ${e.where}`);
  return lines.join('\n');
}

// CLI: npx tsx bench/profile/summarize.ts file.cpuprofile [limit]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, limit] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: summarize.ts <file.cpuprofile> [limit]\n');
    process.exit(2);
  }
  const profile: unknown = JSON.parse(readFileSync(file, 'utf8'));
  process.stdout.write(formatSummary(summarizeProfile(profile, process.cwd(), Number(limit ?? 25))) + '\n');
}
