/**
 * The metrics the deployed functions publish, which the alarms and the dashboard read: Powertools
 * Metrics, written as CloudWatch embedded metric format (EMF) lines on stdout, which CloudWatch Logs
 * turns into metrics. Only the Lambda entries use this module (the local stack and the command line
 * print no EMF); each wraps its handler in {@link withMetrics} and adds the recorder of what it
 * counts. The metric contract, namespace `prepost`, every metric with the dimension `service`
 * (`POWERTOOLS_SERVICE_NAME`, which the CDK sets to `prepost`):
 *
 * | metric | unit | one value per | also by |
 * |---|---|---|---|
 * | `Submissions` | Count | response stored by a final POST (a repeated one stores nothing) | |
 * | `ValidationFailures` | Count | participant POST refused for its input (400, 413, 415, 422) | |
 * | `AggregationDuration` | Milliseconds | aggregation run that finished (plan or cohort job) | |
 * | `AggregatedCohorts` | Count | aggregation run that finished: the cohorts whose tables it stored | |
 * | `SummariesSent` | Count | summary run that finished: the funder messages it sent | `programme` |
 * | `ColdStart` (Powertools) | Count | first invocation of an instance | `function_name` |
 *
 * What a metric carries is a count or a duration, and dimensions that name the service, the
 * function or a programme (a programme id names a project, never a person): never a path, a link
 * code, an answer or anything else a participant sent.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { IndicatorStore, ResponseStore } from '#ports/store.ts';
import type { HttpEvent, HttpResult } from './http.ts';
import { logger } from './logger.ts';

/** The CloudWatch namespace of every metric of ours. */
const METRICS_NAMESPACE = 'prepost';

/** The metric names. Fixed: the alarms and the dashboard are built on them. */
const METRIC = {
  submissions: 'Submissions',
  validationFailures: 'ValidationFailures',
  aggregationDuration: 'AggregationDuration',
  aggregatedCohorts: 'AggregatedCohorts',
  summariesSent: 'SummariesSent',
  overdueSummaries: 'OverdueSummaries',
} as const;

/** The statuses that refuse what a participant sent (not 404 or 410: those are about the link). */
const INPUT_REFUSALS: ReadonlySet<number> = new Set([400, 413, 415, 422]);

type MetricsLogger = NonNullable<NonNullable<ConstructorParameters<typeof Metrics>[0]>['logger']>;

/**
 * Where Powertools Metrics reports its own problems: our logger, without the notice that an
 * invocation recorded no metric, which most invocations (a page shown, a screen saved) rightly do.
 */
const metricsLogger: MetricsLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message: unknown) => {
    if (typeof message === 'string' && message.startsWith('No application metrics to publish')) return;
    logger.warn('metrics problem', { problem: String(message) });
  },
  error: (message: unknown) => logger.error('metrics problem', { problem: String(message) }),
};

/** The one Metrics of the process, created at module load so that its cold start is seen. */
const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'prepost',
  logger: metricsLogger,
});

/** A Lambda handler as a middy chain or a plain function. */
type Handler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The handler inside an outer middy chain that flushes the metrics after every invocation, failed
 * ones included, with a `ColdStart` metric on an instance's first. `middlewares` join the chain:
 * the recorders, which add what they count once the handler has answered, and the start of the
 * tracing (`tracing.ts`). An outer chain, not more middleware on the handler's own: an error the
 * handler's chain answers (a refusal page) is seen here as the answer it became.
 */
export function withMetrics<E, R>(
  handler: Handler<E, R>,
  ...middlewares: MiddlewareObj<E, R>[]
): middy.MiddyfiedHandler<E, R> {
  // The handler's own chain keeps the early timeout; a second one here would only race it.
  const chain = middy<E, R>({ timeoutEarlyInMillis: 0 }).use(logMetrics(metrics, { captureColdStartMetric: true }));
  // Added after logMetrics, so they run before it flushes (middy runs `after` in reverse order).
  for (const middleware of middlewares) chain.use(middleware);
  return chain.handler((event, context) => handler(event, context));
}

/**
 * The response store, counting `Submissions`: one per response a final POST stores. The store is
 * the one place that knows (the POST's redirect is the same for a saved screen); a repeat of the
 * same answers stores nothing and is not counted.
 */
export function countingSubmissions(responses: ResponseStore): ResponseStore {
  return replacing(responses, 'putResponse', async (response) => {
    const outcome = await responses.putResponse(response);
    if (outcome.stored) metrics.addMetric(METRIC.submissions, MetricUnit.Count, 1);
    return outcome;
  });
}

/** Counts `ValidationFailures`: a participant's POST answered with a refusal of its input. */
export function validationFailures(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    after: (request) => {
      const status = request.response?.statusCode;
      if (status !== undefined && INPUT_REFUSALS.has(status))
        metrics.addMetric(METRIC.validationFailures, MetricUnit.Count, 1);
    },
  };
}

/** What an aggregation function records of its runs: see {@link aggregationRuns}. */
export interface AggregationRuns {
  /** The indicator store, counting the cohorts whose tables a run stores. */
  counting(indicators: IndicatorStore): IndicatorStore;
  /** The recorder for {@link withMetrics}. */
  readonly recorder: MiddlewareObj<unknown, unknown>;
}

/**
 * Records each aggregation run that finished, the plan's or a cohort job's: its
 * `AggregationDuration`, and its `AggregatedCohorts`, the cohorts whose tables it stored (zero
 * said too), counted where they are stored: at the indicator store, whatever the handler returns
 * (a report, an SQS batch response). A programme's pool is not a cohort. A failed run records
 * neither: the function's Errors metric counts it, and its duration would only blur the others'.
 * The count is the instance's, as runs are: Lambda gives an instance one invocation at a time.
 */
export function aggregationRuns(): AggregationRuns {
  let started = 0;
  let cohorts = 0;
  return {
    counting: (indicators) =>
      replacing(indicators, 'putIndicators', async (scope, rows, mark) => {
        await indicators.putIndicators(scope, rows, mark);
        if (scope.cohort !== null) cohorts += 1;
      }),
    recorder: {
      before: () => {
        started = performance.now();
        cohorts = 0;
      },
      after: (request) => {
        // A queued job that failed is answered, not thrown (the SQS batch response names it): not a
        // finished run either. The queue delivers one job an invocation, so a run is a job.
        const failures = (request.response as { batchItemFailures?: readonly unknown[] } | undefined)
          ?.batchItemFailures;
        if (failures !== undefined && failures.length > 0) return;
        metrics.addMetric(METRIC.aggregationDuration, MetricUnit.Milliseconds, performance.now() - started);
        metrics.addMetric(METRIC.aggregatedCohorts, MetricUnit.Count, cohorts);
      },
    },
  };
}

/**
 * Records a summary run that finished: `SummariesSent`, the funder messages it sent (zero when all
 * had been sent already), once by service and once more by programme, so that an alarm can watch
 * one programme's deadline. A run that failed sent what it sent and is counted by Errors.
 */
export function summariesSent<
  E extends { readonly programme: string },
  R extends { readonly messages: number },
>(): MiddlewareObj<E, R> {
  return {
    after: (request) => {
      const sent = request.response?.messages ?? 0;
      metrics.addMetric(METRIC.summariesSent, MetricUnit.Count, sent);
      // EMF gives every metric of a line the same dimensions: the programme's own line, printed now.
      metrics
        .singleMetric()
        .addDimension('programme', request.event.programme)
        .addMetric(METRIC.summariesSent, MetricUnit.Count, sent);
    },
  };
}

/**
 * Records the hourly plan's count of programmes whose last month's summary is past its deadline
 * unrecorded, zero included: the `OverdueSummaries` alarm fires on one or more, and on the metric
 * going missing (the plan stopped running).
 */
export function overdueSummaries<
  R extends { readonly programmes: readonly { readonly summaryOverdue: boolean }[] },
>(): MiddlewareObj<unknown, R> {
  return {
    after: (request) => {
      const overdue = (request.response?.programmes ?? []).filter((programme) => programme.summaryOverdue).length;
      metrics.addMetric(METRIC.overdueSummaries, MetricUnit.Count, overdue);
    },
  };
}

/** `target` with its method `name` replaced; every other member is the target's own, called on it. */
function replacing<T extends object, K extends keyof T>(target: T, name: K, method: T[K]): T {
  return new Proxy(target, {
    get: (object, property) => {
      if (property === name) return method;
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
