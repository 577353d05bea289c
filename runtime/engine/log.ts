// The engine's own log lines, filtered by the script logger's threshold (`debug=` / --log-level).
import { LOG_LEVELS, parseLevelName, type ScriptLogger } from '../core/script/logger.js';
import type { EngineLog } from './services.js';

export function engineLog(logger: ScriptLogger): EngineLog {
  // The threshold is checked first: no timestamp is formatted for a line that is filtered out.
  const at = (level: number, label: string) => (message: string) => {
    if (logger.enabled(level)) logger.log(level, `${new Date().toISOString()} ${label}: ${message}\n`);
  };
  return {
    error: at(LOG_LEVELS.L_ERR, 'ERROR'),
    warn: at(LOG_LEVELS.L_WARN, 'WARNING'),
    info: at(LOG_LEVELS.L_INFO, 'INFO'),
    debug: at(LOG_LEVELS.L_DBG, 'DEBUG'),
  };
}

const WORDS: Readonly<Record<string, number>> = {
  error: LOG_LEVELS.L_ERR,
  warn: LOG_LEVELS.L_WARN,
  warning: LOG_LEVELS.L_WARN,
  notice: LOG_LEVELS.L_NOTICE,
  info: LOG_LEVELS.L_INFO,
  debug: LOG_LEVELS.L_DBG,
};

/** --log-level value: a Kamailio number (-5…4), a level name (L_INFO) or a word (info, debug). */
export function parseLogLevel(text: string): number | undefined {
  const word = WORDS[text.trim().toLowerCase()];
  if (word !== undefined) return word;
  return parseLevelName(text);
}
