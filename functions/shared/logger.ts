/**
 * The structured logger: Powertools for AWS Lambda's Logger (one JSON line per event; levels from
 * `LOG_LEVEL` or `POWERTOOLS_LOG_LEVEL`, or the function's advanced logging controls; the service
 * from `POWERTOOLS_SERVICE_NAME`). Callers pass only operational fields (route, status, error
 * class, counts). Logs never hold answers or link codes (PRODUCT.md), so our formatter drops any
 * field whose name suggests one, at any depth, in case a caller slips.
 */
import { LogFormatter, LogItem, Logger, LogLevel, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  LogAttributes,
  LogLevel as LogLevelName,
  UnformattedAttributes,
} from '@aws-lambda-powertools/logger/types';

/** Field names that may hold what logs must not: answers, link codes, request bodies, credentials. */
const FORBIDDEN = /code|answer|body|token|cookie/i;

/**
 * A copy of a log field's value without the fields whose names are forbidden, in nested objects
 * and arrays too (a caller may pass `{ request: { body } }`). Errors are left to
 * {@link RedactingLogFormatter.formatError}; a value that refers back to itself is cut there.
 */
export function redact(value: unknown): unknown {
  return redactWithin(value, []);
}

function redactWithin(value: unknown, ancestors: readonly object[]): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Error) return value;
  if (ancestors.includes(value)) return undefined;
  const within = [...ancestors, value];
  // What JSON.stringify would write (a Date its text), redacted in turn.
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function') return redactWithin(toJSON.call(value), within);
  if (Array.isArray(value)) return value.map((item) => redactWithin(item, within));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !FORBIDDEN.test(key))
      .map(([key, field]) => [key, redactWithin(field, within)]),
  );
}

/**
 * Our log line: `level` (lower case), `message`, `service`, then the caller's fields with the
 * forbidden ones dropped. No timestamp or request id: the Lambda runtime prefixes each line with
 * them, and the local server's lines need none.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
    return new LogItem({
      attributes: {
        level: attributes.logLevel.toLowerCase(),
        message: attributes.message,
        service: attributes.serviceName,
        ...(redact(additionalLogAttributes) as LogAttributes),
      },
    });
  }

  /**
   * An error as its class and where it was thrown, never its message or cause: a message may
   * quote what was being parsed or written (a draft, an answer).
   */
  override formatError(error: Error): LogAttributes {
    return { name: error.name, location: this.getCodeLocation(error.stack) };
  }
}

/**
 * Powertools' Logger writing through the global console, as our logger always has: the local
 * server and the tests read `console.log` (info, debug) and `console.error` (warn, error), and in
 * Lambda the runtime stamps each line with its time and request id. `PREPOST_QUIET=1` (local runs,
 * tests, benchmarks) silences all but errors; it is read at each line because a test or a
 * benchmark turns it on and off around its own work.
 */
class PrepostLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    if (process.env.PREPOST_QUIET === '1' && logLevel < LogLevelThreshold.ERROR) return;
    log.prepareForPrint();
    const line = JSON.stringify(log.getAttributes(), this.getJsonReplacer());
    if (logLevel >= LogLevelThreshold.WARN) console.error(line);
    else console.log(line);
  }

  /** Child loggers print the same way. */
  protected override createLogger(options?: ConstructorOptions): Logger {
    return new PrepostLogger(options);
  }
}

/**
 * The level from `POWERTOOLS_LOG_LEVEL` or `LOG_LEVEL` in any case (`LOG_LEVEL=debug` has always
 * worked; Powertools itself reads only upper case from the environment), else Powertools' default.
 */
function levelFromEnvironment(): LogLevelName | undefined {
  const name = (process.env.POWERTOOLS_LOG_LEVEL || process.env.LOG_LEVEL)?.trim().toUpperCase();
  return name !== undefined && name in LogLevel ? (name as LogLevelName) : undefined;
}

/**
 * The process-wide logger: `logger.info(message, fields)`, and `debug`, `warn`, `error` alike.
 * The CDK sets `POWERTOOLS_SERVICE_NAME` on every function; elsewhere the service is prepost.
 */
export const logger: Logger = new PrepostLogger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'prepost',
  logLevel: levelFromEnvironment(),
  logFormatter: new RedactingLogFormatter(),
});
