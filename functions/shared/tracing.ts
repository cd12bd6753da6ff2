/**
 * Tracing of the AWS SDK clients, started by a function's first invocation rather than at module
 * load. Loading Tracer and the X-Ray SDK under it (`tracer.ts`, 120 KB) costs about 15 ms of CPU
 * (aggregate's module initialisation, measured: 92 ms untraced, 106 ms loading it at once, 96 ms
 * this way); only the scheduled functions trace, and their first run, which nobody waits for,
 * pays it instead of every cold start. esbuild keeps a dynamically imported module in the bundle,
 * evaluated when it is first imported.
 */
import type { MiddlewareObj } from '@middy/core';
import { logger } from './logger.ts';

/** An entry's traced clients: see {@link lazyTracing}. */
export interface LazyTracing {
  /** The client, whose calls are traced from the first invocation on (`lambdaDeps(tracing.traced)`). */
  traced<Client extends object>(client: Client): Client;
  /** Middleware for the entry's outer chain (`withMetrics`) that starts the tracing, once. */
  readonly start: MiddlewareObj<unknown, unknown>;
}

/**
 * Clients collected at module load and traced once Tracer is loaded, before the first invocation's
 * handler runs; a client made later (on first use) is traced as it is made. A Tracer that fails to
 * load leaves the clients untraced and the run unharmed.
 */
export function lazyTracing(): LazyTracing {
  const waiting: object[] = [];
  let capture: ((client: object) => void) | undefined;
  let started: Promise<void> | undefined;
  return {
    traced: (client) => {
      if (capture === undefined) waiting.push(client);
      else capture(client);
      return client;
    },
    start: {
      before: async () => {
        started ??= import('./tracer.ts').then(
          ({ traced }) => {
            capture = traced;
            for (const client of waiting.splice(0)) traced(client);
          },
          (error: unknown) => logger.error('tracing not started', { error }),
        );
        await started;
      },
    },
  };
}
