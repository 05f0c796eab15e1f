// Structured log lines. Only what is safe to keep: never tokens, secrets, Authorization headers,
// card or personal data. `redact` is applied to every field as a last line of defence.

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEYS = /authorization|token|secret|password|pin|code_verifier|^code$/i;

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    safe[key] = SECRET_KEYS.test(key) ? '[redacted]' : value;
  }
  return safe;
}

/** One JSON line per entry on stderr. */
export function consoleLogger(): Logger {
  const write = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    console.error(JSON.stringify({ at: new Date().toISOString(), level, message, ...redact(fields) }));
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
