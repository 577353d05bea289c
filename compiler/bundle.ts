// Bundles a generated module and the runtime it imports into one ESM file with esbuild. Native and
// driver packages (better-sqlite3, mysql2) stay external: Node resolves them from serc's
// node_modules when the bundle lives inside the serc install, or from the NODE_PATH `serc run` sets.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { SERC_ROOT } from './generate/paths.js';
import { MAP_BASE } from './map-location.js';

export const EXTERNAL_PACKAGES = ['better-sqlite3', 'mysql2', 'mysql2/*'];

/** The runtime entry the bundle calls: parses -l/-m/--log-level, starts the server, handles signals. */
export const RUNTIME_ENTRY = 'serc/runtime/index.js';

export interface BundleInput {
  /** Base name: the bundle is NAME.mjs. */
  name: string;
  /** The generated TypeScript. */
  text: string;
  /** The generated code's v3 source map (to the .cfg, relative to MAP_BASE), chained into the bundle's map. */
  sourceMap: string;
}

export interface BundleOutput {
  code: string;
  map: string;
}

/** `serc/x/y.js` → the TypeScript file of the serc install. */
const sercResolver: Plugin = {
  name: 'serc-root',
  setup(b) {
    b.onResolve({ filter: /^serc\// }, (args) => {
      const rel = args.path.slice('serc/'.length);
      const ts = resolve(SERC_ROOT, rel.replace(/\.js$/, '.ts'));
      return { path: existsSync(ts) ? ts : resolve(SERC_ROOT, rel) };
    });
  },
};

export async function bundle(input: BundleInput): Promise<BundleOutput> {
  const inlineMap = Buffer.from(input.sourceMap).toString('base64');
  const entry = [
    `import { script } from './${input.name}.ts';`,
    `import { runMain } from '${RUNTIME_ENTRY}';`,
    'await runMain(script);',
    '',
  ].join('\n');
  const result = await build({
    stdin: {
      contents: entry,
      loader: 'ts',
      resolveDir: resolve(SERC_ROOT, '.serc-generated'),
      sourcefile: `${input.name}.entry.ts`,
    },
    plugins: [
      sercResolver,
      {
        name: 'serc-generated',
        setup(b) {
          b.onResolve({ filter: new RegExp(`^\\./${escape(input.name)}\\.ts$`) }, () => ({
            path: `${input.name}.ts`,
            namespace: 'serc-generated',
          }));
          b.onLoad({ filter: /.*/, namespace: 'serc-generated' }, () => ({
            contents: `${input.text}\n//# sourceMappingURL=data:application/json;base64,${inlineMap}\n`,
            loader: 'ts',
            resolveDir: SERC_ROOT,
          }));
        },
      },
    ],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL_PACKAGES,
    // Fixed paths keep the bundle and its map identical whatever the working directory.
    absWorkingDir: SERC_ROOT,
    // The map's sources come out relative to MAP_BASE, like the generated code's map chained into it.
    outfile: resolve(MAP_BASE, `${input.name}.mjs`),
    sourcemap: 'external',
    sourceRoot: '',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    banner: {
      js: "import { createRequire as __sercCreateRequire } from 'node:module';\nconst require = __sercCreateRequire(import.meta.url);",
    },
  });
  let code = '';
  let map = '';
  for (const f of result.outputFiles) {
    if (f.path.endsWith('.map')) map = f.text;
    else code = f.text;
  }
  return {
    code: `${code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n')}//# sourceMappingURL=${input.name}.mjs.map\n`,
    map,
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
