#!/usr/bin/env node
// Entry point of the `serc` command: loads the TypeScript CLI through tsx, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../compiler/cli.ts');
