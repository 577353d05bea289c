// SERC3204: $var(x) read before any write while handling one message. $var keeps its value from the
// previous message handled by the same process, which is rarely what the author expects.
import type { Expr, Pv, Statement } from '../../ast.js';
import { paramAt, type RouteInfo } from '../../bind.js';
import type { LintRule } from '../rule.js';

function varName(pv: Pv): string | undefined {
  const m = /^\$var\(([^)]*)\)$/.exec(pv.text);
  return m ? m[1] : undefined;
}

export const varBeforeWrite: LintRule = {
  code: 'SERC3204',
  id: 'var-before-write',
  category: 'flow',
  severity: 'note',
  title: '$var read before it is written',
  description:
    '`$var(x)` is read on a path where nothing has assigned it yet for this message. Script variables persist across messages handled by the same process, so the value is left over from an earlier message (or 0).',
  hint: 'assign it first (e.g. $var(x) = 0;), or use $avp/$xavp if it should start empty per message',
  example: {
    bad: 'request_route { if ($var(n) == 1) exit; }',
    good: 'request_route { $var(n) = 0; if ($var(n) == 1) exit; }',
  },
  run(ctx) {
    const reported = new Set<string>();
    const byName = new Map<string, RouteInfo>();
    for (const r of ctx.model.routes) if (r.type === 'request' && r.name !== undefined) byName.set(r.name, r);

    const run = (root: RouteInfo): void => {
      const written = new Set<string>();
      const active = new Set<RouteInfo>();
      const read = (x: Expr): void => {
        switch (x.kind) {
          case 'pv': {
            const n = varName(x);
            if (n === undefined || written.has(n) || reported.has(n)) return;
            reported.add(n);
            ctx.report(`$var(${n}) is read before it is written for this message`, x.range);
            return;
          }
          case 'binary':
            read(x.left);
            read(x.right);
            return;
          case 'unary':
          case 'cast':
          case 'defined':
          case 'strlen':
          case 'strempty':
            read(x.operand);
            return;
          case 'selval':
            read(x.condition);
            read(x.then);
            read(x.else);
            return;
          case 'call-expr':
          case 'route-call-expr':
            stmt(x.call);
            return;
          case 'assign-expr':
            stmt(x.assign);
            return;
          case 'block-expr':
            stmt(x.block);
            return;
          default:
            return;
        }
      };
      const stmt = (s: Statement): void => {
        switch (s.kind) {
          case 'assign': {
            read(s.value);
            const n = varName(s.target);
            if (s.op !== '=' && s.op !== ':=') read(s.target);
            if (n !== undefined) written.add(n);
            return;
          }
          case 'route-call': {
            for (const a of s.args) read(a);
            const target = s.name === undefined ? undefined : byName.get(s.name);
            if (target && !active.has(target)) {
              active.add(target);
              for (const t of target.block.body.body) stmt(t);
              active.delete(target);
            }
            return;
          }
          case 'call': {
            const b = ctx.model.bindingOf(s);
            s.args.forEach((a, i) => {
              const spec = b ? paramAt(b, i) : undefined;
              if (spec?.kind === 'pvw' && a.kind === 'pv') {
                const n = varName(a);
                if (n !== undefined) written.add(n);
              } else if ((spec?.kind === 'spve' || spec?.kind === 'xfmt') && a.kind === 'string') {
                for (const m of a.value.matchAll(/\$var\(([^)]*)\)/g)) {
                  const n = m[1] as string;
                  if (written.has(n) || reported.has(n)) continue;
                  reported.add(n);
                  ctx.report(`$var(${n}) is read before it is written for this message`, a.range);
                }
              } else read(a);
            });
            return;
          }
          case 'block':
            for (const t of s.body) stmt(t);
            return;
          case 'if':
            read(s.condition);
            stmt(s.then);
            if (s.else) stmt(s.else);
            return;
          case 'while':
            read(s.condition);
            stmt(s.body);
            return;
          case 'for': {
            const n = varName(s.variable);
            if (n !== undefined) written.add(n);
            read(s.iterable);
            stmt(s.body);
            return;
          }
          case 'switch':
            read(s.subject);
            for (const c of s.cases) for (const t of c.body) stmt(t);
            return;
          case 'return':
          case 'exit':
          case 'drop':
            if (s.value) read(s.value);
            return;
          default:
            return;
        }
      };
      active.add(root);
      stmt(root.block.body);
    };
    for (const r of ctx.model.routes) if (r.isRoot) run(r);
  },
};
