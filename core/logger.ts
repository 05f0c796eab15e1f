// Structured log lines (pino): one JSON object a line, on stderr and, in the apps, in the data
// folder's log files (maintenance/log-files.ts). Only what is safe to keep: never tokens, secrets,
// Authorization headers, card or personal data. `redact` runs on every entry, at any depth, as a
// last line of defence.
import pino from 'pino';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEYS = /authorization|token|secret|password|pin|code_verifier|^code$/i;
export const REDACTED = '[redacted]';

/** The fields with every value under a secret-looking key (in nested objects and lists too) replaced. */
export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) safe[key] = SECRET_KEYS.test(key) ? REDACTED : redactValue(value);
  return safe;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return redact(value as Record<string, unknown>);
  return value;
}

/** A Logger writing to `destination`: `{"level":"info","time":"…","message":"…",…fields}` a line. */
export function streamLogger(destination: pino.DestinationStream): Logger {
  const logger = pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redact },
    },
    destination,
  );
  return {
    info: (message, fields = {}) => logger.info(fields, message),
    warn: (message, fields = {}) => logger.warn(fields, message),
    error: (message, fields = {}) => logger.error(fields, message),
  };
}

/** One JSON line per entry on stderr. */
export function consoleLogger(): Logger {
  return streamLogger(pino.destination({ dest: 2, sync: true }));
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
