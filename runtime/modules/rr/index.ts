// rr: Record-Route insertion and Route processing (RFC 3261 §16.4, §16.12). Route edits go through
// the message's deferred edits; the next hop is set immediately ($du / R-URI), as in Kamailio.
import type { ScriptContext } from '../../core/script/context.js';
import { isMyselfUriOrHost } from '../../core/script/keywords.js';
import type { NameAddr } from '../../core/sip/index.js';

export interface RrParams {
  /** `append_fromtag`: add ;ftag=<From tag> to our Record-Route. */
  appendFromtag: boolean;
  /** `enable_full_lr`: write `lr=on` instead of `lr`. */
  enableFullLr: boolean;
}

export const rrParams: RrParams = { appendFromtag: true, enableFullLr: false };

/** Our Record-Route URI for the socket the request arrived on. */
function ownRrUri(ctx: ScriptContext, extra = ''): string {
  const ip = ctx.rcv.localIp.includes(':') ? `[${ctx.rcv.localIp}]` : ctx.rcv.localIp;
  const transport = ctx.rcv.proto === 'udp' ? '' : `;transport=${ctx.rcv.proto}`;
  const ftag = rrParams.appendFromtag && ctx.msg.from.tag ? `;ftag=${ctx.msg.from.tag}` : '';
  const lr = rrParams.enableFullLr ? ';lr=on' : ';lr';
  return `sip:${ip}:${ctx.rcv.localPort}${transport}${lr}${ftag}${extra}`;
}

/** record_route([params]): insert our Record-Route on top. */
export function record_route(ctx: ScriptContext, params?: string): number {
  if (!ctx.msg.isRequest) return -1;
  const extra = params === undefined || params === '' ? '' : params.startsWith(';') ? params : `;${params}`;
  ctx.msg.addHeader('Record-Route', `<${ownRrUri(ctx, extra)}>`, 'prepend');
  return 1;
}

/** SER 0.8 name of record_route(). */
export function addRecordRoute(ctx: ScriptContext): number {
  return record_route(ctx);
}

function isOwnRoute(ctx: ScriptContext, route: NameAddr): boolean {
  return isMyselfUriOrHost(ctx, route.uri.toString());
}

/** Rewrites the Route set of the outgoing request (prepended lines keep call order, so order is kept). */
function setRoutes(ctx: ScriptContext, routes: readonly NameAddr[]): void {
  ctx.msg.removeHeader('route');
  for (const r of routes) ctx.msg.addHeader('Route', r.toString(), 'prepend');
}

/**
 * loose_route(): 1 when the request is routed by its Route headers (our entry removed; the next hop
 * set in $du for a loose router, or the R-URI rewritten for a strict one); -1 when there is no Route.
 */
// Our own Route entry consumed by loose_route in this run (check_route_param, is_direction read it).
const consumedRoute = new WeakMap<ScriptContext, NameAddr>();

export function loose_route(ctx: ScriptContext): number {
  if (!ctx.msg.isRequest) return -1;
  const routes = ctx.msg.routes();
  if (!routes || routes.length === 0) return -1;
  if (isOwnRoute(ctx, routes[0] as NameAddr)) consumedRoute.set(ctx, routes[0] as NameAddr);
  // Removal only affects the received fields, so the new Route set is computed first and written once.
  const rest = isOwnRoute(ctx, routes[0] as NameAddr) ? routes.slice(1) : routes;
  const next = rest[0];
  if (!next) {
    setRoutes(ctx, rest); // we were the last hop of the route set: the R-URI is the target
    return 1;
  }
  if (next.uri.lr) {
    if (rest !== routes) setRoutes(ctx, rest);
    ctx.dstUri = next.uri.toString();
    return 1;
  }
  // Strict router next: it gets the request with its URI as R-URI, our R-URI goes last (§16.12.1.2).
  const target = ctx.ruri;
  ctx.ruri = next.uri.toString();
  ctx.msg.removeHeader('route');
  const lines = [...rest.slice(1).map((r) => r.toString()), `<${target}>`];
  for (const r of lines) ctx.msg.addHeader('Route', r, 'prepend');
  return 1;
}

/** SER 0.8 strict routing: the first Route becomes the R-URI and is removed. */
export function rewriteFromRoute(ctx: ScriptContext): number {
  const routes = ctx.msg.routes();
  const first = routes?.[0];
  if (!routes || !first) return -1;
  ctx.ruri = first.uri.toString();
  setRoutes(ctx, routes.slice(1));
  return 1;
}

/** record_route_preset(uri[, uri2]): Record-Route with a fixed address (`;lr` added when missing). */
export function record_route_preset(ctx: ScriptContext, uri: string, uri2?: string): number {
  if (!ctx.msg.isRequest || uri === '') return -1;
  const ftag = rrParams.appendFromtag && ctx.msg.from.tag ? `;ftag=${ctx.msg.from.tag}` : '';
  const entry = (u: string) => {
    const bare = u.replace(/^<|>$/g, '');
    const withScheme = /^sips?:/i.test(bare) ? bare : `sip:${bare}`;
    return `<${withScheme}${/;lr(=|;|$)/.test(withScheme) ? '' : ';lr'}${ftag}>`;
  };
  // Prepended lines keep their call order, so the first URI is added first and stays on top.
  ctx.msg.addHeader('Record-Route', entry(uri), 'prepend');
  if (uri2 !== undefined && uri2 !== '') ctx.msg.addHeader('Record-Route', entry(uri2), 'prepend');
  return 1;
}

/** check_route_param(re): regex over the parameters of our Route entry consumed by loose_route(). */
export function check_route_param(ctx: ScriptContext, re: RegExp): number {
  const route = consumedRoute.get(ctx);
  if (!route) return -1;
  re.lastIndex = 0;
  return re.test(route.uri.params.toString()) ? 1 : -1;
}

/**
 * is_direction("downstream" | "upstream"): compares the ftag our Record-Route carried with the From
 * tag (needs append_fromtag); downstream = request from the dialog's caller.
 */
export function is_direction(ctx: ScriptContext, dir: string): number {
  const ftag = consumedRoute.get(ctx)?.uri.params.get('ftag');
  if (ftag === undefined || ftag === null) return -1;
  const downstream = ftag === ctx.msg.from.tag;
  const want = dir.toLowerCase();
  if (want !== 'downstream' && want !== 'upstream') return -1;
  return downstream === (want === 'downstream') ? 1 : -1;
}
