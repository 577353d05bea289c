// Every pseudo-variable reference of a script (expressions, assignment targets, PV parameters and
// format strings), each with its verdict. Computed once per model and shared by the PV rules.
import type { StrLit } from '../ast.js';
import { paramAt, type SemanticModel } from '../bind.js';
import type { SourceRange } from '../source.js';
import { formatStyle, validateFormat } from '../../runtime/core/script/format.js';
import { attributeModeOf, checkPvText, pvsInFormat, type PvVerdict } from './pv-check.js';

export interface PvFinding {
  readonly text: string;
  readonly range: SourceRange;
  readonly where: 'expr' | 'write' | 'format';
  readonly verdict: PvVerdict;
}

const cache = new WeakMap<SemanticModel, PvFinding[]>();

export function pvFindings(model: SemanticModel): PvFinding[] {
  const cached = cache.get(model);
  if (cached) return cached;
  const out: PvFinding[] = [];
  const d = model.dialect;
  const mode = attributeModeOf(d, model.script.dialect.pvMode);
  for (const use of model.pvUses) {
    if (use.pv.form === 'ser-attr' || use.pv.form === 'select') continue;
    const verdict = checkPvText(use.pv.text, d, use.write, mode);
    out.push({ text: use.pv.text, range: use.pv.range, where: use.write ? 'write' : 'expr', verdict });
  }
  for (const b of model.calls) {
    b.call.args.forEach((arg, i) => {
      const spec = paramAt(b, i);
      if (!spec || arg.kind !== 'string') return;
      if (spec.kind === 'spve' || spec.kind === 'xfmt') out.push(...formatFindings(arg, spec.kind, model));
      else if ((spec.kind === 'pvw' || spec.kind === 'pvr') && arg.value.startsWith('$')) {
        const verdict = checkPvText(arg.value, d, spec.kind === 'pvw');
        out.push({
          text: arg.value,
          range: arg.range,
          where: spec.kind === 'pvw' ? 'write' : 'expr',
          verdict,
        });
      }
    });
  }
  cache.set(model, out);
  return out;
}

function formatFindings(arg: StrLit, kind: 'spve' | 'xfmt', model: SemanticModel): PvFinding[] {
  const style = formatStyle(model.dialect, kind);
  if (style === 'literal') return [];
  if (style === 'percent') {
    const problem = validateFormat(arg.value, model.dialect, kind);
    if (problem === undefined) return [];
    return [
      { text: arg.value, range: arg.range, where: 'format', verdict: { kind: 'error', message: problem } },
    ];
  }
  const out: PvFinding[] = [];
  for (const ref of pvsInFormat(arg.value)) {
    if (ref.error !== undefined || !ref.spec) {
      const known = checkPvText(pvTextAt(arg.value, ref.offset), model.dialect, false, 'never');
      if (known.kind === 'not-implemented') {
        out.push({ text: arg.value, range: arg.range, where: 'format', verdict: known });
        continue;
      }
      out.push({
        text: arg.value,
        range: arg.range,
        where: 'format',
        verdict: { kind: 'error', message: ref.error ?? 'bad pseudo-variable' },
      });
      continue;
    }
    const verdict = checkPvText(ref.spec.text, model.dialect, false, 'never');
    out.push({
      text: ref.spec.text,
      range: subRange(arg, ref.offset, ref.spec.text.length),
      where: 'format',
      verdict,
    });
  }
  return out;
}

/** The text of the reference starting at `offset` up to its closing parenthesis (best effort). */
function pvTextAt(text: string, offset: number): string {
  const m = /^\$\([^)]*\)|^\$[\w.]+(\([^)]*\))?/.exec(text.slice(offset));
  return m ? m[0] : text.slice(offset, offset + 2);
}

/** The range of `value[offset, offset+len)` when the literal maps 1:1 onto one source line. */
function subRange(lit: StrLit, offset: number, len: number): SourceRange {
  const r = lit.range;
  if (r.startLine !== r.endLine || lit.text.length !== lit.value.length + 2 || r.origin) return r;
  const start = r.startColumn + 1 + offset;
  return { ...r, startColumn: start, endColumn: start + len - 1 };
}
