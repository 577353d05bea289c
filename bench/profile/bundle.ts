// Bundles serve.ts (the hand-written msilo script + runtime) into one ESM file with a source map, the
// way `serc compile` bundles generated code, so profiles show the bundle's code paths without the
// tsx loader, and summarize.ts maps them back to the TypeScript sources.
import { join } from 'node:path';
import { build } from 'esbuild';

export async function bundleServe(outDir: string): Promise<string> {
  const outfile = join(outDir, 'serve.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'serve.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['better-sqlite3', 'mysql2', 'mysql2/*'],
    outfile,
    sourcemap: 'external',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __profileCreateRequire } from 'node:module';\nconst require = __profileCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}
