/**
 * X-Ray subsegments of the AWS SDK calls (Powertools Tracer; the functions' active tracing makes the
 * segment they hang from). Loaded by `tracing.ts` on a scheduled function's first invocation, never
 * at module load: the X-Ray SDK under Tracer would cost a cold start about 15 ms of CPU.
 *
 * What is traced, and nothing else: for each SDK call, a subsegment named after the service with
 * the operation, region, request id, attempts, HTTP status and response length, throttle, error
 * and fault flags, its time, and the X-Ray SDK's own list of parameters per operation: for
 * DynamoDB the table and index names, projection, consistency, limit and consumed capacity; for S3
 * the bucket and object key (here a programme, a period and a file name); for SQS the queue URL,
 * message attribute names and message ids or counts; for SES, Secrets Manager and Cognito nothing
 * more. A call AWS refuses adds its exception's name, AWS's message and the stack. Never an item,
 * a key's value, a message body or a response. Off: outgoing HTTP(S) and fetch calls (an OpenID
 * Connect call's URL), and the handler's response and errors as metadata (a page holds answers; an
 * error's message may quote one): this module never captures a handler or a method, only clients.
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
