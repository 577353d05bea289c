// Where each rule's documentation page lives: docs/rules/CODE.md in the serc installation.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Path relative to the serc project root, for human output: `docs/rules/SERC3004.md`. */
export function ruleDocPath(code: string): string {
  return `docs/rules/${code}.md`;
}

/** Absolute URI of the page (SARIF helpUri must be absolute). */
export function ruleDocUri(code: string): string {
  return pathToFileURL(join(ROOT, ruleDocPath(code))).href;
}
