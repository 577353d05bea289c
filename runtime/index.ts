// The runtime's public entry: everything a generated program imports. Route functions take a
// ScriptContext and return a number (or a Promise of one when they awaited an async function);
// module and core functions take the context first and return their script return code.

// Engine: start a compiled script as a server, or run it as a program (-l / -m / --log-level).
export type { CompiledScript, CoreParams, ModparamValue, RouteFn, RouteTable } from './engine/script.js';
export { startServer, type RunningServer, type ServerOptions } from './engine/server.js';
export { runMain, parseMainArgs, UsageError, type MainArgs, type MainIo } from './engine/main.js';
export { applyModparamOverrides, ModparamError, ModuleParams } from './engine/modparams.js';
export { parseLogLevel } from './engine/log.js';

// Script semantics: values, control flow, PVs, formats, AVPs, flags, regexes.
export * from './core/script/index.js';
// Core functions (setflag, is_myself, log, strip, append_branch, force_rport, …).
export * from './core/script/core-functions.js';

// Module functions under their script names.
export * from './modules/sl/index.js';
export * from './modules/tm/index.js';
export * from './modules/maxfwd/index.js';
export * from './modules/textops/index.js';
export * from './modules/xlog/index.js';
export * from './modules/siputils/index.js';
export * from './modules/pv/index.js';
export * from './modules/rr/index.js';
// Core forward()/send(): stateless sending through the engine's stack.
export { forward, forward_udp, forward_tcp, send, send_tcp, ruriHost, ruriPort } from './engine/forward.js';
export { save, lookup, registered, unregister, m_store, m_dump } from './engine/module-functions.js';
