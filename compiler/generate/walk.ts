// Visits every AST node below a node (the AST is plain data: nodes are objects with a `kind`).
import type { Call, Node, RouteCall } from '../ast.js';

export function forEachNode(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) forEachNode(child, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if ('kind' in node && typeof node.kind === 'string') visit(node as Node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'range' || key === 'nameRange') continue;
    if (value !== null && typeof value === 'object') forEachNode(value, visit);
  }
}

export function callsIn(node: unknown): { calls: Call[]; routeCalls: RouteCall[] } {
  const calls: Call[] = [];
  const routeCalls: RouteCall[] = [];
  forEachNode(node, (n) => {
    if (n.kind === 'call') calls.push(n);
    else if (n.kind === 'route-call') routeCalls.push(n);
  });
  return { calls, routeCalls };
}
