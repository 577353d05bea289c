// The linter on real scripts: ../shared/corpus (read in place, never copied) and the seeds in configs/.
// Exact expectations (codes and lines) for fifteen corpus files across SER, Kamailio and OpenSIPS;
// for every file, no error from a lint rule except known true positives.
// "Not implemented by serc" reports (SERC3301-3303, SERC3305) follow the runtime's progress, not the
// script's correctness, so the exact lists leave them out; they are checked never to be errors.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import { checkProgram, compileBlockers } from '../../compiler/lint/run.js';
import type { Diagnostic } from '../../compiler/diagnostics.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
const hasCorpus = existsSync(CORPUS);
const FRONT_END = /^SERC[01]/;
const RUNTIME_PROGRESS = /^SERC330[1235]$/;

function lint(path: string): Diagnostic[] {
  return checkProgram(parseFile(path)).diagnostics;
}

const EXACT: Record<string, string[]> = {
  // Kamailio
  'kam-mod-pdt-doc-pdt.cfg': [],
  'kam-mod-speeddial-doc-speeddial.cfg': [],
  'kam-mod-xmpp-doc-kamailio-xmpp.cfg': [],
  'kam-test-test-throughput.cfg': [],
  // OpenSER-era functions in a file detected as Kamailio 3+.
  'kam-obsoleted-register.cfg': ['SERC3304:39', 'SERC3304:50', 'SERC3304:65', 'SERC3304:70', 'SERC3304:79'],
  // SER 0.8 / 2.x
  // tm is commented out (line 30) but configured and used: SER refuses to start.
  'kam-obsoleted-blb.cfg': [
    'SERC3006:37',
    'SERC3006:38',
    'SERC3006:39',
    'SERC3006:40',
    'SERC3006:41',
    'SERC3006:42',
    'SERC3006:43',
    'SERC3003:76',
    'SERC3003:78',
  ],
  // SER 0.8 kept these functions in modules the script does not load (warnings: old releases moved them).
  'kam-obsoleted-secondary.cfg': ['SERC3003:103', 'SERC3003:161', 'SERC3003:171', 'SERC3003:177'],
  'kamhist-2003-iptel.cfg': [
    'SERC3003:229',
    'SERC3003:237',
    'SERC3003:284',
    'SERC3003:337',
    'SERC3003:360',
    'SERC3003:417',
    'SERC3003:431',
    'SERC3003:436',
    'SERC3003:452',
    'SERC3003:462',
    'SERC3003:468',
  ],
  'kam-test-echo.cfg': [],
  // route[PRES_AUTHENTICATE] is only called from a commented-out line (542).
  'kam-tutorial-presence-ps.cfg': ['SERC3001:492'],
  // OpenSIPS
  'osips-db_text-db_text.cfg': [],
  'osips-dispatcher-dispatcher.cfg': [],
  'osips-redirect-server-CT.cfg': [],
  'osips-registrar-test-opensips.cfg': [],
  'osips-xmpp-opensips-xmpp.cfg': [],
};

// Errors that are real problems of the scripts: tm's loadmodule is commented out in each.
const TRUE_POSITIVE_ERRORS: Record<string, string[]> = {
  'kam-obsoleted-backup.cfg': ['SERC3006:99', 'SERC3006:100'],
  'kam-obsoleted-blb.cfg': [
    'SERC3006:37',
    'SERC3006:38',
    'SERC3006:39',
    'SERC3006:40',
    'SERC3006:41',
    'SERC3006:42',
    'SERC3006:43',
  ],
  'kam-obsoleted-sms.cfg': ['SERC3006:35', 'SERC3006:36', 'SERC3006:37'],
  'kam-obsoleted-tmtest.cfg': ['SERC3006:63', 'SERC3006:64', 'SERC3006:65', 'SERC3006:66'],
};

const codeLines = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.code}:${d.range.startLine}`);

describe('corpus (../shared/corpus)', () => {
  it('is present, or this run says it is not', () => {
    if (!hasCorpus) console.warn(`../shared/corpus not found at ${CORPUS}: corpus lint tests did not run`);
    expect(typeof hasCorpus).toBe('boolean');
  });

  describe.runIf(hasCorpus)('exact diagnostics', () => {
    for (const [file, expected] of Object.entries(EXACT)) {
      it(file, () => {
        const all = lint(join(CORPUS, file));
        expect(all.filter((d) => FRONT_END.test(d.code) && d.severity === 'error')).toEqual([]);
        expect(
          codeLines(all.filter((d) => !FRONT_END.test(d.code) && !RUNTIME_PROGRESS.test(d.code))),
        ).toEqual(expected);
      });
    }
  });

  describe.runIf(hasCorpus)('every file: no false errors from lint rules', () => {
    const files = hasCorpus
      ? readdirSync(CORPUS)
          .filter((f) => f.endsWith('.cfg'))
          .sort()
      : [];
    it('covers at least ten files across the three families', () => {
      expect(files.length).toBeGreaterThanOrEqual(10);
      expect(Object.keys(EXACT).filter((f) => f.startsWith('osips')).length).toBeGreaterThan(2);
      expect(Object.keys(EXACT).filter((f) => f.startsWith('kam')).length).toBeGreaterThan(2);
    });
    for (const file of files) {
      it(file, () => {
        const all = lint(join(CORPUS, file));
        const ruleErrors = all.filter((d) => d.severity === 'error' && !FRONT_END.test(d.code));
        expect(codeLines(ruleErrors)).toEqual(TRUE_POSITIVE_ERRORS[file] ?? []);
        expect(all.filter((d) => RUNTIME_PROGRESS.test(d.code) && d.severity === 'error')).toEqual([]);
      });
    }
  });
});

describe('seeds (configs/)', () => {
  const dir = join(ROOT, 'configs');
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.cfg'))
    .sort();
  for (const file of seeds) {
    it(`${file}: no errors from lint rules`, () => {
      const all = lint(join(dir, file));
      expect(all.filter((d) => d.severity === 'error' && !FRONT_END.test(d.code))).toEqual([]);
    });
  }

  for (const file of ['kamailio-3.1-default.cfg', 'ser-3.x-default.cfg']) {
    it(`${file}: compile blockers name each missing module/function once, as errors`, () => {
      const fe = parseFile(join(dir, file));
      const { model } = checkProgram(fe);
      expect(model).toBeDefined();
      if (!model) return;
      const blockers = compileBlockers(model, fe);
      expect(blockers.length).toBeGreaterThan(0);
      expect(blockers.every((d) => d.severity === 'error')).toBe(true);
      const names = blockers.map((d) => /^(module \S+|\S+\(\)|\$\S+)/.exec(d.message)?.[1] ?? d.message);
      expect(new Set(names).size).toBe(names.length);
    });
  }

  it('ser-3.x-default.cfg: the modules serc lacks are named at their first use', () => {
    const fe = parseFile(join(dir, 'ser-3.x-default.cfg'));
    const { model } = checkProgram(fe);
    if (!model) throw new Error('no model');
    // Per module when serc implements none of it, per function when it implements part of it.
    const auth = compileBlockers(model, fe).find(
      (d) => d.message.startsWith('module auth ') || d.message.startsWith('www_authenticate()'),
    );
    expect(auth?.range.startLine).toBe(331);
  });
});
