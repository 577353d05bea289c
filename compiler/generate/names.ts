// Stable, readable TypeScript names for route blocks: `requestRoute`, `route_REQINIT`,
// `failureRoute_1`, `onreplyRoute_REPLY_ONE`. Same script → same names (no counters from hash order).
import type { RouteBlock, RouteKind } from '../ast.js';

const PREFIX: Record<RouteKind, string> = {
  request: 'route',
  failure: 'failureRoute',
  onreply: 'onreplyRoute',
  reply: 'replyRoute',
  branch: 'branchRoute',
  onsend: 'onsendRoute',
  event: 'eventRoute',
  error: 'errorRoute',
  local: 'localRoute',
  startup: 'startupRoute',
  timer: 'timerRoute',
};

/** The name of a main block (`route {}`, `request_route`, `onreply_route {}`). */
function mainName(kind: RouteKind): string {
  return kind === 'request' ? 'requestRoute' : PREFIX[kind];
}

/** Route names like `xhttp:request` or `1` become identifier-safe suffixes. */
export function identifierSuffix(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Route numbers 0 name the main block in S08/K/O (`route[0]` is `route {}`). */
export function isMainRoute(block: Pick<RouteBlock, 'name' | 'routeKind'>): boolean {
  return block.name === undefined || (block.routeKind === 'request' && block.name === '0');
}

/** Assigns a unique function name to every route block, in source order. */
export function routeFunctionNames(blocks: readonly RouteBlock[]): Map<RouteBlock, string> {
  const used = new Set<string>();
  const names = new Map<RouteBlock, string>();
  for (const block of blocks) {
    const base = isMainRoute(block)
      ? mainName(block.routeKind)
      : `${PREFIX[block.routeKind]}_${identifierSuffix(block.name ?? '')}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(block, name);
  }
  return names;
}
