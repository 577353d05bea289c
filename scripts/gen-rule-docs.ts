// Writes docs/rules/*.md from the lint rule registry: `npx tsx scripts/gen-rule-docs.ts`.
// Pages of rules that no longer exist are removed; test/lint/docs.test.ts checks the result is committed.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderRuleDocs } from '../compiler/lint/docs.js';

const dir = resolve(import.meta.dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const pages = renderRuleDocs();
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !pages.has(name)) rmSync(join(dir, name));
for (const [name, text] of pages) writeFileSync(join(dir, name), text);
process.stdout.write(`wrote ${pages.size} pages to docs/rules\n`);
