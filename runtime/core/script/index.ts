// Public API of the script runtime: what generated code and module implementations import.
export * from './values.js';
export * from './control.js';
export * from './regex.js';
export { AvpStore, avpKey } from './avp.js';
export { VarStore, applyVarInits, parseVarInit } from './vars.js';
export { LocalAddresses } from './myself.js';
export {
  CORE_LOG_DEFAULT_LEVEL,
  LOG_LEVELS,
  ScriptLogger,
  levelLabel,
  parseLevelName,
  type LogLevelName,
  type LogSink,
} from './logger.js';
export {
  ScriptContext,
  ScriptProcess,
  type ArmedRoutes,
  type Branch,
  type ScriptError,
  type TransactionView,
} from './context.js';
export { PvSyntaxError, parsePv, scanPv, type PvIndex, type PvSpec } from './pv-parse.js';
export {
  PvError,
  compilePv,
  compilePvSpec,
  defaultAttributeMode,
  validatePv,
  type AttributeMode,
  type PvCompileOptions,
  type PvRef,
} from './pv.js';
export {
  TransformError,
  compileTransform,
  parseTransform,
  type TransformFn,
  type TransformSpec,
} from './transform.js';
export {
  FormatError,
  compileFormat,
  formatStyle,
  isConstantFormat,
  validateFormat,
  type Format,
  type FormatKind,
  type FormatStyle,
} from './format.js';
export * from './keywords.js';
export { SubstError, applySubst, parseSubst, type SubstExpr } from './subst.js';
export { replaceUriParts, tryUri, uriOfNameAddr } from './uri-util.js';
