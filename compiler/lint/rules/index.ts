// The registry of lint rules, in documentation order. Codes are stable: never renumber or reuse one.
import type { LintRule } from '../rule.js';
import { booleanizedComparison } from './booleanized-comparison.js';
import { constantParam } from './constant-param.js';
import { constantTypeMismatch } from './constant-type-mismatch.js';
import { duplicateLoadmodule } from './duplicate-loadmodule.js';
import { duplicateRoute } from './duplicate-route.js';
import { formatStringPv } from './format-string-pv.js';
import { functionDialect } from './function-dialect.js';
import { functionModuleNotLoaded } from './function-module-not-loaded.js';
import { functionNotImplemented } from './function-not-implemented.js';
import { intParam } from './int-param.js';
import { invalidRegex } from './invalid-regex.js';
import { modparamModuleNotLoaded } from './modparam-module-not-loaded.js';
import { modparamType } from './modparam-type.js';
import { moduleIgnored } from './module-ignored.js';
import { moduleNotImplemented } from './module-not-implemented.js';
import { pvNotImplemented } from './pv-not-implemented.js';
import { pvParam } from './pv-param.js';
import { readOnlyPv } from './read-only-pv.js';
import { returnZero } from './return-zero.js';
import { routeBlockAction } from './route-block-action.js';
import { routeTypeMisuse } from './route-type-misuse.js';
import { timerUnit } from './timer-unit.js';
import { undefinedCallbackRoute } from './undefined-callback-route.js';
import { undefinedRoute } from './undefined-route.js';
import { unknownFunction } from './unknown-function.js';
import { unknownModparam } from './unknown-modparam.js';
import { unknownModule } from './unknown-module.js';
import { unknownPv } from './unknown-pv.js';
import { unreachable } from './unreachable.js';
import { unusedRoute } from './unused-route.js';
import { varBeforeWrite } from './var-before-write.js';
import { wrongArity } from './wrong-arity.js';

export const RULES: readonly LintRule[] = [
  duplicateRoute,
  undefinedRoute,
  undefinedCallbackRoute,
  unusedRoute,
  duplicateLoadmodule,
  routeBlockAction,
  constantTypeMismatch,
  unknownModule,
  modparamModuleNotLoaded,
  functionModuleNotLoaded,
  unknownFunction,
  wrongArity,
  modparamType,
  unknownModparam,
  intParam,
  constantParam,
  invalidRegex,
  unknownPv,
  formatStringPv,
  readOnlyPv,
  pvParam,
  routeTypeMisuse,
  unreachable,
  booleanizedComparison,
  returnZero,
  varBeforeWrite,
  timerUnit,
  moduleNotImplemented,
  functionNotImplemented,
  pvNotImplemented,
  functionDialect,
  moduleIgnored,
];

const byKey = new Map<string, LintRule>();
for (const r of RULES) {
  byKey.set(r.code, r);
  byKey.set(r.id, r);
}

/** A rule by code (`SERC3004`) or id (`unknown-function`). */
export function findRule(key: string): LintRule | undefined {
  return byKey.get(key) ?? byKey.get(key.toUpperCase());
}
