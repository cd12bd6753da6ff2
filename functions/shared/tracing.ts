/**
 * X-Ray subsegments of the AWS SDK calls (Powertools Tracer; the functions' active tracing makes the
 * segment they hang from). A module of its own, imported only by the entries that trace, the
 * scheduled ones: the X-Ray SDK under Tracer adds about a fifth to a function's module
 * initialisation (get-survey's bundle: 580 KB -> 713 KB), which a participant waiting for a page
 * should not pay, and a scheduled run's segments are the ones worth reading.
 *
 * What is traced, and nothing else: for each SDK call, the service and operation, region, request
 * id, retries, HTTP status, throttle/error/fault flags and time, plus the X-Ray SDK's own list of
 * parameters per operation (for DynamoDB the table and index names, projection, consistency and
 * consumed capacity; for S3 the bucket and object key, which here are programme and period; for
 * SES, Secrets Manager, SQS and Cognito nothing but the queue URL). No item, key value, message
 * body or response. Off: outgoing HTTP(S) and fetch calls (an OpenID Connect call's URL), and the
 * handler's response and errors as metadata (a page holds answers; an error's message may quote
 * one): this module never captures a handler or a method, only clients.
 * Outside Lambda (the local stack, the command line, tests) Tracer is disabled and a client is
 * returned as it was: nothing is sent and nothing is printed.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';

/** The one Tracer of the process. */
const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'prepost',
  captureHTTPsRequests: false,
});

/** The client, its calls traced as X-Ray subsegments when tracing is on (a document client shares its client's). */
export function traced<Client extends object>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
