/**
 * STAND-IN from the infrastructure branch (h/infra), so that `cdk synth` finds the fan-out worker's
 * entry before the streaming-aggregation branch lands. That branch's `functions/lambda/aggregate-cohort.ts`
 * replaces this file at merge. Until then every message fails back to the queue (and, after three
 * receives, to its dead-letter queue, which raises an alarm), so no planned aggregation is lost.
 */
export const handler = async (event: {
  readonly Records: readonly { readonly messageId: string }[];
}): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> => ({
  batchItemFailures: event.Records.map((record) => ({ itemIdentifier: record.messageId })),
});
