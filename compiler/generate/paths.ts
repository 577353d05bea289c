// Where serc is installed and which version it is: the generated code imports the runtime through
// the `serc/` prefix, resolved to this root by the type-checker and the bundler.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERC_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERC_VERSION: string = (() => {
  const pkg: unknown = JSON.parse(readFileSync(resolve(SERC_ROOT, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
})();

/** A path as shown in generated code and source maps: relative to the main script's folder, with `/`. */
export function displayPathFrom(baseDir: string): (file: string) => string {
  return (file) => relative(baseDir, resolve(file)).split(sep).join('/');
}
