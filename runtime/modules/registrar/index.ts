// registrar public surface.
export { Registrar, type SaveIo } from './registrar.js';
export { DEFAULT_REGISTRAR_CONFIG, type RegistrarConfig } from './config.js';
export type { RequestView, RegisterContext, SendReply, LookupTarget, BranchTarget } from './ports.js';
export { parseSaveFlags, type SaveFlags } from './save-flags.js';
export { q2str } from './expires.js';
export { R as RegistrarErrors, type RegError } from './errors.js';
export {
  parseNameAddr,
  parseUri,
  splitTopLevel,
  isIpHost,
  type NameAddr,
  type UriParts,
} from './sip-text.js';
export { registrarConfigFrom } from './params.js';
export { RegistrarFunctions, requestViewOf, lookupTargetOf, type ContextReply } from './script-binding.js';
