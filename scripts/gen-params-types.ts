// Writes runtime/engine/params-types.ts from the module registry: `npx tsx scripts/gen-params-types.ts`.
// test/compile/params-types.test.ts checks the committed file matches.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderParamsTypes } from '../compiler/generate/params-types.js';

const file = resolve(import.meta.dirname, '..', 'runtime', 'engine', 'params-types.ts');
writeFileSync(file, renderParamsTypes());
process.stdout.write(`wrote ${file}\n`);
