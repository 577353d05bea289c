// Script settings the engine's module set does not apply itself: rr modparams, pv's initial $shv/$var
// values (shvset/varset) and OpenSIPS 3's `log_level`. One call at start-up, after the logger exists:
//   applyScriptParams(script, proc, { logLevel: options.logLevel });
// Also: the listen sockets a script asks for, with `port=` as the default port of addresses without one.
import type { ScriptProcess } from '../core/script/context.js';
import type { UdpBufferSizes } from '../core/transport/udp-endpoint.js';
import { applyVarInits } from '../core/script/vars.js';
import { rrParams } from '../modules/rr/index.js';
import { ModuleParams } from './modparams.js';
import { loadedModules } from './modules.js';
import type { CompiledScript } from './script.js';

export interface ScriptParamOverrides {
  /** The command line's log level (-L / --log-level): beats `debug=` and `log_level=`. */
  logLevel?: number | undefined;
}

/** Applies rr params, shvset/varset and log_level to the process (and rr's module settings). */
export function applyScriptParams(
  script: CompiledScript,
  proc: ScriptProcess,
  overrides: ScriptParamOverrides = {},
): void {
  const loaded = loadedModules(script);
  if (loaded.has('rr')) {
    const rr = new ModuleParams('rr', script.dialect, script);
    rrParams.appendFromtag = rr.int('append_fromtag') !== 0;
    rrParams.enableFullLr = rr.int('enable_full_lr') !== 0;
  }
  if (loaded.has('pv')) {
    const pv = new ModuleParams('pv', script.dialect, script);
    applyVarInits(proc.shv, pv.list('shvset').map(String));
    applyVarInits(proc.vars, pv.list('varset').map(String));
  }
  // `debug=` is already the threshold; OpenSIPS 3 spells it `log_level=`.
  const logLevel = script.core?.['log_level'];
  if (overrides.logLevel === undefined && script.core?.debug === undefined && typeof logLevel === 'number')
    proc.logger.threshold = logLevel;
}

/**
 * The UDP receive buffer a script asks for with Kamailio's `maxbuffer` (bytes): the size the socket is
 * raised to, never beyond; without it the kernel default stays (a deeper queue under overload only
 * means older retransmissions, so it is not maximised unasked).
 */
export function scriptUdpBuffers(script: CompiledScript): UdpBufferSizes | undefined {
  const maxbuffer = script.core?.['maxbuffer'];
  return typeof maxbuffer === 'number' && maxbuffer > 0 ? { receive: maxbuffer } : undefined;
}

/**
 * The listen addresses of a script as `[proto:]host:port` texts: `listen=` values (the override
 * first), with `port=` filling in addresses written without a port; `undefined` when none are given.
 */
export function scriptListen(
  script: CompiledScript,
  override?: readonly string[],
): readonly string[] | undefined {
  const given = override ?? script.core?.listen;
  const port = script.core?.['port'];
  if (given === undefined) {
    if (typeof port !== 'number') return undefined;
    return [`udp:0.0.0.0:${port}`, `tcp:0.0.0.0:${port}`]; // all interfaces, as Kamailio does
  }
  if (override !== undefined || typeof port !== 'number') return given;
  return given.map((l) => (hasPort(l) ? l : `${l}:${port}`));
}

/** `udp:1.2.3.4:5060`, `[::1]:5060`, `host:5060` have a port; `udp:1.2.3.4`, `::1`, `[::1]` do not. */
function hasPort(listen: string): boolean {
  const rest = listen.trim().replace(/^(udp|tcp|tls|sctp):/i, '');
  if (rest.startsWith('[')) return /\]:\d+$/.test(rest);
  return rest.split(':').length - 1 === 1 && /:\d+$/.test(rest);
}
