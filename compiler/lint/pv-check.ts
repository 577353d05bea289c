// One verdict for a pseudo-variable reference, shared by the expression and format-string rules:
// fine, a typo/syntax error, or a real variable serc does not implement. Uses the runtime's own
// compiler (validatePv), so the checker and the runtime agree.
import { validatePv, defaultAttributeMode, type AttributeMode } from '../../runtime/core/script/pv.js';
import { scanPv, type PvSpec } from '../../runtime/core/script/pv-parse.js';
import { listPvs, type Dialect } from '../../runtime/modules/registry.js';
import { isOtherModulePv } from './known-pvs.js';
import { didYouMean } from './suggest.js';

export type PvVerdict =
  | { kind: 'ok' }
  | { kind: 'error'; message: string; hint?: string }
  | { kind: 'not-implemented'; name: string; message: string }
  | { kind: 'read-only'; message: string };

function classOf(text: string): string | undefined {
  try {
    return scanPv(text, 0).spec.cls;
  } catch {
    // `$(msg.branch.uri[*])`: dotted OpenSIPS names the runtime's scanner does not take.
    return /^\$\(?([A-Za-z_][\w.]*)/.exec(text)?.[1];
  }
}

/** How `$name` reads in a script: `#!KAMAILIO` makes it a PV only, `#!SER` an attribute. */
export function attributeModeOf(dialect: Dialect, pvMode: 'ser' | 'kamailio' | 'maxcompat'): AttributeMode {
  if (dialect === 'K3' && pvMode === 'kamailio') return 'never';
  return defaultAttributeMode(dialect);
}

export function checkPvText(
  text: string,
  dialect: Dialect,
  forWrite = false,
  attributes?: AttributeMode,
): PvVerdict {
  const mode = attributes ?? defaultAttributeMode(dialect);
  const problem = validatePv(text, { dialect, attributes: mode, forWrite });
  if (problem === undefined) return { kind: 'ok' };
  if (problem.endsWith('is read-only')) return { kind: 'read-only', message: problem };
  const cls = classOf(text) ?? text;
  if (isOtherModulePv(cls) && !problem.startsWith('unknown transformation'))
    return {
      kind: 'not-implemented',
      name: `$${cls}`,
      message: `pseudo-variable $${cls} is not implemented by serc`,
    };
  // A transformation serc lacks (or does not know) is not the script's fault.
  if (/transformation \{/.test(problem) && /not implemented|unknown/.test(problem))
    return { kind: 'not-implemented', name: transformName(problem) ?? text, message: problem };
  // Transformation parameters given as variables ({s.substr,0,$var(n)}): valid, not in serc's runtime.
  if (/parameter \d+ must be an integer, got "\$/.test(problem))
    return { kind: 'not-implemented', name: 'transformation parameters from variables', message: problem };
  if (/not implemented by serc/.test(problem))
    return { kind: 'not-implemented', name: `$${cls}`, message: problem };
  if (/^unknown pseudo-variable/.test(problem)) {
    if (isOtherModulePv(cls))
      return {
        kind: 'not-implemented',
        name: `$${cls}`,
        message: `pseudo-variable $${cls} is not implemented by serc`,
      };
    const hint = didYouMean(
      `$${cls}`,
      ['var', 'avp', ...listPvs().map((p) => p.name)].map((n) => `$${n}`),
    );
    return hint ? { kind: 'error', message: problem, hint } : { kind: 'error', message: problem };
  }
  return { kind: 'error', message: problem };
}

function transformName(message: string): string | undefined {
  const name = /\{([\w.]+)\}/.exec(message)?.[1];
  return name === undefined ? undefined : `{${name}}`;
}

/** Every `$…` reference in a `$`-style format string, with its offset; `$$` is a literal dollar. */
export function pvsInFormat(text: string): { spec?: PvSpec; error?: string; offset: number }[] {
  const out: { spec?: PvSpec; error?: string; offset: number }[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      i += 2;
      continue;
    }
    try {
      const { spec, end } = scanPv(text, i);
      out.push({ spec, offset: i });
      i = Math.max(end, i + 1);
    } catch (e) {
      out.push({ error: e instanceof Error ? e.message : String(e), offset: i });
      i++;
    }
  }
  return out;
}
