// Generic traversal of route bodies: statements in source order and every expression under them.
// Rules and the binder use it so that no one forgets a node kind (switch labels, call arguments…).
import type { Expr, Statement } from '../ast.js';

export interface WalkVisitor {
  statement?(s: Statement): void;
  expr?(e: Expr): void;
}

export function walkStatements(list: readonly Statement[], v: WalkVisitor): void {
  for (const s of list) walkStatement(s, v);
}

export function walkStatement(s: Statement, v: WalkVisitor): void {
  v.statement?.(s);
  switch (s.kind) {
    case 'block':
      walkStatements(s.body, v);
      return;
    case 'if':
      walkExpr(s.condition, v);
      walkStatement(s.then, v);
      if (s.else) walkStatement(s.else, v);
      return;
    case 'switch':
      walkExpr(s.subject, v);
      for (const c of s.cases) {
        if (c.label) walkExpr(c.label, v);
        walkStatements(c.body, v);
      }
      return;
    case 'while':
      walkExpr(s.condition, v);
      walkStatement(s.body, v);
      return;
    case 'for':
      walkExpr(s.variable, v);
      walkExpr(s.iterable, v);
      walkStatement(s.body, v);
      return;
    case 'return':
      if (s.value) walkExpr(s.value, v);
      for (const e of s.extra ?? []) walkExpr(e, v);
      return;
    case 'exit':
    case 'drop':
      if (s.value) walkExpr(s.value, v);
      return;
    case 'assign':
      walkExpr(s.target, v);
      walkExpr(s.value, v);
      return;
    case 'route-call':
      if (s.dynamic) walkExpr(s.dynamic, v);
      for (const a of s.args) walkExpr(a, v);
      return;
    case 'call':
      for (const a of s.args) walkExpr(a, v);
      return;
    case 'break':
    case 'empty':
      return;
  }
}

export function walkExpr(e: Expr, v: WalkVisitor): void {
  v.expr?.(e);
  switch (e.kind) {
    case 'binary':
      walkExpr(e.left, v);
      walkExpr(e.right, v);
      return;
    case 'unary':
    case 'cast':
    case 'defined':
    case 'strlen':
    case 'strempty':
      walkExpr(e.operand, v);
      return;
    case 'selval':
      walkExpr(e.condition, v);
      walkExpr(e.then, v);
      walkExpr(e.else, v);
      return;
    case 'call-expr':
      walkStatement(e.call, v);
      return;
    case 'route-call-expr':
      walkStatement(e.call, v);
      return;
    case 'assign-expr':
      walkStatement(e.assign, v);
      return;
    case 'block-expr':
      walkStatement(e.block, v);
      return;
    default:
      return;
  }
}
