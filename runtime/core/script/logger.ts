// Script logging levels (Kamailio numbering) and a logger with a threshold (`debug=` global param).

export const LOG_LEVELS = {
  L_ALERT: -5,
  L_BUG: -4,
  L_CRIT: -3,
  L_ERR: -1,
  L_WARN: 0,
  L_NOTICE: 1,
  L_INFO: 2,
  L_DBG: 3,
} as const;

export type LogLevelName = keyof typeof LOG_LEVELS;

/** Default level of the core `log("…")`: L_DBG + 1, visible only with debug >= 4. */
export const CORE_LOG_DEFAULT_LEVEL = 4;

/**
 * xlog level argument: only the third letter of a literal matters (`L_ERR`, `L_E…`), as in xlog's
 * fixup; unknown → undefined.
 */
export function parseLevelName(text: string): number | undefined {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t.length < 3 || !t.startsWith('L_')) return undefined;
  switch (t[2]) {
    case 'A':
      return LOG_LEVELS.L_ALERT;
    case 'B':
      return LOG_LEVELS.L_BUG;
    case 'C':
      return LOG_LEVELS.L_CRIT;
    case 'E':
      return LOG_LEVELS.L_ERR;
    case 'W':
      return LOG_LEVELS.L_WARN;
    case 'N':
      return LOG_LEVELS.L_NOTICE;
    case 'I':
      return LOG_LEVELS.L_INFO;
    case 'D':
      return LOG_LEVELS.L_DBG;
    default:
      return undefined;
  }
}

export function levelLabel(level: number): string {
  for (const [name, v] of Object.entries(LOG_LEVELS)) if (v === level) return name.slice(2);
  return level > LOG_LEVELS.L_DBG ? 'DBG' : 'ERR';
}

export type LogSink = (line: string, level: number) => void;

/** Writes messages whose level is at most `threshold`. */
export class ScriptLogger {
  constructor(
    public threshold: number = LOG_LEVELS.L_WARN,
    private readonly sink: LogSink = (line) => process.stderr.write(line),
  ) {}

  enabled(level: number): boolean {
    return level <= this.threshold;
  }

  log(level: number, text: string): void {
    if (this.enabled(level)) this.sink(text, level);
  }
}
