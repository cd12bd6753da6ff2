/**
 * A small structured logger: one JSON line per event. Callers pass only operational fields
 * (route, status, error class, counts); answers and link codes are never logged, and the
 * `redact` guard drops any field whose name suggests one, in case a caller slips.
 */
const FORBIDDEN = /code|answer|body|token|cookie/i;

type Fields = Record<string, unknown>;

function write(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Fields = {}): void {
  if (level === 'debug' && process.env.LOG_LEVEL !== 'debug') return;
  if (process.env.PREPOST_QUIET === '1' && level !== 'error') return;
  const safe = Object.fromEntries(Object.entries(fields).filter(([key]) => !FORBIDDEN.test(key)));
  const line = JSON.stringify({ level, message, service: 'prepost', ...safe });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** The process-wide logger. */
export const logger = {
  debug: (message: string, fields?: Fields): void => write('debug', message, fields),
  info: (message: string, fields?: Fields): void => write('info', message, fields),
  warn: (message: string, fields?: Fields): void => write('warn', message, fields),
  error: (message: string, fields?: Fields): void => write('error', message, fields),
};
