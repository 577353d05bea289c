// Diagnostics: human rendering (rustc/Elm style), JSON, codes registry, internal errors.
import { describe, expect, it } from 'vitest';
import { runFrontendCommand } from '../../compiler/commands/frontend-args.js';
import {
  CODES,
  internalErrorDiagnostic,
  registerCodes,
  renderHuman,
  renderJson,
  type Diagnostic,
} from '../../compiler/diagnostics.js';
import { SourceSet } from '../../compiler/source.js';
import { SEED_FILES } from './helpers.js';

const sources = new SourceSet();
sources.add('a.cfg', 'route {\n\txlog("x")\n}\n');
const diag: Diagnostic = {
  severity: 'error',
  code: 'SERC1201',
  message: "expected ';' but found '}'",
  range: { file: 'a.cfg', startLine: 2, startColumn: 11, endLine: 2, endColumn: 11 },
  hint: 'statements end with ;',
  secondary: [
    {
      range: { file: 'a.cfg', startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 },
      label: 'in this route',
    },
  ],
};

describe('renderHuman', () => {
  it('prints code, location, the source line, a caret under the range, secondary labels and the hint', () => {
    const text = renderHuman([diag], sources);
    expect(text.split('\n')).toEqual([
      "error[SERC1201]: expected ';' but found '}'",
      '  --> a.cfg:2:11',
      '  |',
      '2 |  xlog("x")',
      '  |           ^',
      '  --> a.cfg:1:1 (in this route)',
      '  |',
      '1 | route {',
      '  | ^^^^^ in this route',
      '  = hint: statements end with ;',
      '',
      '1 error, 0 warnings',
      '',
    ]);
  });

  it('adds notes for the origin chain', () => {
    const withOrigin: Diagnostic = {
      ...diag,
      range: {
        ...diag.range,
        origin: [
          {
            kind: 'define',
            name: 'X',
            definedAt: { file: 'a.cfg', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
          {
            kind: 'include',
            at: { file: 'main.cfg', startLine: 7, startColumn: 1, endLine: 7, endColumn: 20 },
          },
        ],
      },
    };
    const text = renderHuman([withOrigin], sources);
    expect(text).toContain(
      '  = note: expanded from #!define X at a.cfg:1:1\n  = note: included from main.cfg:7:1\n',
    );
  });
});

describe('renderJson', () => {
  it('prints one JSON document with the diagnostics and a summary', () => {
    const doc = JSON.parse(renderJson([diag, { ...diag, severity: 'warning' }])) as {
      diagnostics: Diagnostic[];
      summary: unknown;
    };
    expect(doc.summary).toEqual({ errors: 1, warnings: 1 });
    expect(doc.diagnostics[0]).toEqual(diag);
  });
});

describe('codes', () => {
  it('have a title and a default severity; later stages can register theirs', () => {
    expect(CODES.SERC1201).toEqual({ title: 'syntax error', severity: 'error' });
    registerCodes({ SERC9901: { title: 'test code', severity: 'note' } });
    expect(CODES.SERC9901?.severity).toBe('note');
    expect(() => registerCodes({ SERC9901: { title: 'another title', severity: 'note' } })).toThrow();
  });
});

describe('internal errors', () => {
  it('become a SERC0001 diagnostic with a bug-report hint and exit code 3, without a stack trace', () => {
    let err = '';
    const code = runFrontendCommand(
      { files: [SEED_FILES[1] as string] },
      { out: () => {}, err: (t) => (err += t) },
      () => {
        throw new Error('boom');
      },
      'human',
    );
    expect(code).toBe(3);
    expect(err).toContain('error[SERC0001]: internal error: boom');
    expect(err).toContain('= hint: this is a bug in serc');
    expect(err).not.toMatch(/\n\s+at /);
    expect(internalErrorDiagnostic('x').code).toBe('SERC0001');
  });
});
