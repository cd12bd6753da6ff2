/**
 * Stored impact tables on the table: one item per session of a scope (a cohort, or the
 * programme's pool) and the scope's aggregation mark, written so that neither a crash nor an
 * overlapping older run nor a withdrawal can leave a table that includes someone who withdrew.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ErasureRaceError } from '#core/errors.ts';
import { isStale, type AggregationMark, type IndicatorRow, type IndicatorScope } from '#core/model.ts';
import type { AggregationRun, IndicatorStore, StoredIndicators } from '#ports/store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import {
  INDICATOR_PREFIX,
  MARK_SORT_KEY,
  POOLED_SESSION,
  aggregationPendingKey,
  aggregationRunKey,
  indicatorSortKey,
  scopeKey,
} from './table-design.ts';

/** {@link IndicatorStore} on DynamoDB. */
export class DynamoIndicatorStore implements IndicatorStore {
  constructor(private readonly table: DynamoTable) {}

  async putIndicators(scope: IndicatorScope, rows: readonly IndicatorRow[], mark: AggregationMark): Promise<void> {
    const { client, name: TableName } = this.table;
    const pk = scopeKey(scope.programme, scope.cohort);
    const previous = await this.getMark(scope);
    // One item per session: each Put replaces a session's table atomically. Each carries the
    // erasure count its rows were computed with, and never replaces rows computed with a higher
    // one: an overlapping, older run cannot put back a withdrawn person's answers over a newer
    // run's table. The mark goes last: a run that crashes before it leaves the old mark, and
    // the next run recomputes this scope.
    const seen = mark.erasuresIncluded ?? 0;
    // Which computation wrote the rows and the mark: two overlapping runs of a scope (a pool
    // queued twice, publication beside the schedule) may interleave their writes; see below. A
    // digest of what is written, so the same responses still store byte-identical items (and
    // two computations of the same rows and mark are one as far as mixing goes).
    const computation = createHash('sha256')
      .update(JSON.stringify([rows, mark]))
      .digest('base64url')
      .slice(0, 22);
    try {
      for (const session of mark.sessions) {
        const sessionRows = rows.filter((row) => (row.session ?? POOLED_SESSION) === session);
        await client.send(
          new PutCommand({
            TableName,
            Item: {
              PK: pk,
              SK: indicatorSortKey(session),
              type: 'indicators',
              asOf: mark.asOf,
              erasuresIncluded: seen,
              computation,
              rows: JSON.stringify(sessionRows),
            },
            ConditionExpression: 'attribute_not_exists(erasuresIncluded) OR erasuresIncluded <= :seen',
            ExpressionAttributeValues: { ':seen': seen },
          }),
        );
      }
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ErasureRaceError(pk);
      throw error;
    }
    for (const session of previous?.sessions ?? []) {
      if (!mark.sessions.includes(session))
        await client.send(new DeleteCommand({ TableName, Key: { PK: pk, SK: indicatorSortKey(session) } }));
    }
    try {
      await client.send(
        new PutCommand({
          TableName,
          Item: {
            PK: pk,
            SK: MARK_SORT_KEY,
            type: 'mark',
            ...mark,
            sessions: [...mark.sessions],
            erasures: seen,
            erasuresIncluded: seen,
            computation,
            // Kept as counted: no erasure landed since it was read, or the condition below refuses this.
            ...(previous?.withdrawals === undefined ? {} : { withdrawals: previous.withdrawals }),
          },
          // An erasure counted since the computation began wins: the old mark stays, stale.
          ConditionExpression: seen === 0 ? 'attribute_not_exists(erasures) OR erasures = :seen' : 'erasures = :seen',
          ExpressionAttributeValues: { ':seen': seen },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ErasureRaceError(pk);
      throw error;
    }
    await this.markMixedUnlessOwnRows(pk, computation);
  }

  /**
   * After the mark: if any rows item under it is another computation's (an overlapping run wrote
   * its rows after these and its mark before this one), the rows may be older than this mark
   * claims, and no plan would see it (the mark's counts and basis are current). The mark is then
   * set `mixed`, stale, unless another computation's mark has replaced it meanwhile (that one
   * checks its own rows in turn). No transactions: the re-read stands in for one.
   */
  private async markMixedUnlessOwnRows(pk: string, computation: string): Promise<void> {
    let mixed = false;
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': INDICATOR_PREFIX },
        ProjectionExpression: '#computation',
        ExpressionAttributeNames: { '#computation': 'computation' },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) if (item.computation !== computation) mixed = true;
      },
    );
    if (!mixed) return;
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: { PK: pk, SK: MARK_SORT_KEY },
          UpdateExpression: 'SET mixed = :true',
          ConditionExpression: '#computation = :mine',
          ExpressionAttributeNames: { '#computation': 'computation' },
          ExpressionAttributeValues: { ':true': true, ':mine': computation },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listIndicators(scope: IndicatorScope): Promise<StoredIndicators> {
    // The mark first, then the rows: rows computed before the erasures the mark now counts may
    // hold a withdrawn person's answers, and are not shown.
    const markItem = await this.table.get({ PK: scopeKey(scope.programme, scope.cohort), SK: MARK_SORT_KEY });
    const mark = markOf(markItem);
    const rows: IndicatorRow[] = [];
    let behind = false;
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': scopeKey(scope.programme, scope.cohort), ':prefix': INDICATOR_PREFIX },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) {
          if (Number(item.erasuresIncluded ?? 0) < (mark?.erasures ?? 0)) behind = true;
          // Rows of another computation than the mark's (a run that died between its rows and its mark).
          if (markItem?.computation !== undefined && item.computation !== markItem.computation) behind = true;
          rows.push(...(JSON.parse(String(item.rows)) as IndicatorRow[]));
        }
      },
    );
    return { rows, mark, stale: isStale(mark) || behind };
  }

  async getMark(scope: IndicatorScope): Promise<AggregationMark | undefined> {
    return markOf(await this.table.get({ PK: scopeKey(scope.programme, scope.cohort), SK: MARK_SORT_KEY }));
  }

  async startAggregationRun(programme: string, run: AggregationRun): Promise<number | undefined> {
    // The markers first: a job can only count itself off once the counter names its run, and by
    // then its marker is there. No transaction (the embedded DynamoDB has none): a plan that dies
    // between them queued no job, and its markers vanish with their TTL.
    await this.table.batchWrite(
      run.cohorts.map((cohort) => ({
        PutRequest: {
          Item: {
            ...aggregationPendingKey(programme, run.id, cohort),
            type: 'aggregation-pending',
            expiresAt: run.expiresAt,
          },
        },
      })),
    );
    const { Attributes } = await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...aggregationRunKey(programme), type: 'aggregation-run', run: run.id, pending: run.cohorts.length },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return typeof Attributes?.pending === 'number' ? Attributes.pending : undefined;
  }

  async finishAggregationJob(programme: string, run: string, cohort: string): Promise<boolean> {
    // Only the delivery that deletes the job's marker counts: SQS may deliver a job twice.
    const { Attributes: pending } = await this.table.client.send(
      new DeleteCommand({
        TableName: this.table.name,
        Key: aggregationPendingKey(programme, run, cohort),
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (pending === undefined) return false;
    // A crash here leaves the counter above 0: the next plan finds the pool stale behind an
    // unfinished run and queues it.
    try {
      // Only the programme's current run, never below 0: a job of a replaced run starts no pool.
      const { Attributes } = await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: aggregationRunKey(programme),
          UpdateExpression: 'SET pending = pending - :one',
          ConditionExpression: '#run = :run AND pending > :none',
          ExpressionAttributeNames: { '#run': 'run' },
          ExpressionAttributeValues: { ':one': 1, ':none': 0, ':run': run },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Attributes?.pending === 0;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** A mark item as the domain's mark (undefined: none). */
function markOf(Item: Record<string, unknown> | undefined): AggregationMark | undefined {
  if (Item === undefined) return undefined;
  // A mark an erasure created before any aggregation holds only the count.
  return {
    asOf: String(Item.asOf ?? ''),
    responses: Number(Item.responses ?? 0),
    sessions: (Item.sessions as string[] | undefined) ?? [],
    ...(typeof Item.participants === 'number' ? { participants: Item.participants } : {}),
    ...(Item.answered === undefined ? {} : { answered: Item.answered as Record<string, number> }),
    ...(typeof Item.windowStart === 'string' ? { windowStart: Item.windowStart } : {}),
    ...(typeof Item.windowCount === 'number' ? { windowCount: Item.windowCount } : {}),
    ...(typeof Item.basis === 'string' ? { basis: Item.basis } : {}),
    ...(typeof Item.erasures === 'number' ? { erasures: Item.erasures } : {}),
    ...(typeof Item.erasuresIncluded === 'number' ? { erasuresIncluded: Item.erasuresIncluded } : {}),
    ...(typeof Item.withdrawals === 'number' ? { withdrawals: Item.withdrawals } : {}),
    ...(Item.mixed === true ? { mixed: true } : {}),
  };
}
