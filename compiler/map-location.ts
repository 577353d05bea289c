// Source maps are built against one fixed folder (serc's `out/`), which keeps compiler output identical
// whatever the working directory; writing them elsewhere re-bases their relative `sources` on the folder
// they are written to, so a bundle copied to any DIR still maps back to its .cfg and the runtime files.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SERC_ROOT } from './generate/paths.js';

/** The folder the `sources` of every map the compiler produces are relative to. */
export const MAP_BASE = resolve(SERC_ROOT, 'out');

/** A path relative to `from`, made relative to `to` (both folders), with `/` separators. */
function rebase(source: string, from: string, to: string): string {
  // URLs (data:, file:, webpack:…) and absolute paths mean the same thing from anywhere.
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) || isAbsolute(source)) return source;
  return relative(to, resolve(from, source)).split(sep).join('/');
}

/** Rewrites a v3 source map's `sources` from folder `from` to folder `to`. */
export function relocateSourceMap(text: string, from: string, to: string): string {
  const map: unknown = JSON.parse(text);
  if (typeof map !== 'object' || map === null || !('sources' in map) || !Array.isArray(map.sources))
    return text;
  const fromDir = resolve(from);
  const toDir = resolve(to);
  if (fromDir === toDir) return text;
  const sources: unknown[] = map.sources;
  const moved = sources.map((s) => (typeof s === 'string' ? rebase(s, fromDir, toDir) : s));
  return JSON.stringify({ ...map, sources: moved });
}
