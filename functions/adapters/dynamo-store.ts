/**
 * The DynamoDB adapter behind every storage port. Requests are Gets, Puts, conditional Puts,
 * transactions and Queries on one partition; nothing here Scans.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type {
  StoredIndicators,
  DeliveryRecord,
  ErasurePlan,
  ErasureReport,
  IndicatorStore,
  LinkLookup,
  PublicationRecord,
  PublicationStore,
  NewParticipant,
  ParticipantStore,
  PutResponseResult,
  ResponseStore,
  SaveDraftResult,
  TokenStore,
} from '#ports/store.ts';
import {
  INDICATOR_PREFIX,
  MARK_SORT_KEY,
  PUBLICATION_SORT_KEY,
  sentSortKey,
  PARTICIPANT_PREFIX,
  POOLED_SESSION,
  RESPONSE_PREFIX,
  TIME_INDEX,
  cohortKey,
  indicatorSortKey,
  linkKey,
  participantSortKey,
  responseKey,
  scopeKey,
  timeSortKey,
  tokenKey,
} from './dynamo-keys.ts';
import {
  isStale,
  type AggregationMark,
  type IndicatorRow,
  type IndicatorScope,
  type LinkTarget,
  type StoredResponse,
  type SurveyDraft,
  type WaveRecord,
} from '#core/model.ts';
import { ErasureRaceError } from '#core/errors.ts';

/**
 * The kinds of item stored at a wave's key (`RESP#<participant>#<session>#<wave>`). Every write
 * of a response or a draft is conditional on {@link WAVE_WRITABLE}: the item is absent or a
 * draft. An erasure writes markers unconditionally, so after it nothing else can land there:
 * that single-item condition is what makes withdrawal win every race, on DynamoDB and on the
 * embedded one alike (no transaction needed).
 */
const RESPONSE = 'response';
const DRAFT = 'draft';
const ERASED = 'erased';
const WAVE_WRITABLE = {
  ConditionExpression: 'attribute_not_exists(PK) OR #type = :draft',
  ExpressionAttributeNames: { '#type': 'type' },
  ExpressionAttributeValues: { ':draft': DRAFT },
};

/** One put or delete of a BatchWriteItem. */
type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** All of prepost's storage on one DynamoDB table. */
export class DynamoStore implements ParticipantStore, ResponseStore, IndicatorStore, TokenStore, PublicationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createParticipants(participants: readonly NewParticipant[]): Promise<void> {
    // BatchWriteItem, 25 items a request. Ids and codes are random (60 and 130 bits), so no
    // condition is needed against collisions. The codes reach the coordinator only after this
    // returns, so a crash part-way leaves unreachable link items and no half-issued participant.
    const items = participants.flatMap((participant) => [
      ...participant.links.map((link) => ({
        ...linkKey(link.hash),
        type: 'link',
        programme: participant.programme,
        cohort: participant.cohort,
        participant: participant.participant,
        session: link.session,
        wave: link.wave,
        expiresAt: participant.expiresAt,
      })),
      {
        PK: cohortKey(participant.programme, participant.cohort),
        SK: participantSortKey(participant.participant),
        type: 'participant',
        participant: participant.participant,
        linkHashes: participant.links.map((link) => link.hash),
        createdAt: participant.createdAt,
        expiresAt: participant.expiresAt,
      },
    ]);
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  async eraseParticipant(
    programme: string,
    cohort: string,
    participant: string,
    plan: ErasurePlan,
  ): Promise<ErasureReport> {
    const pk = cohortKey(programme, cohort);
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: pk, SK: participantSortKey(participant) },
        ConsistentRead: true,
      }),
    );
    const linkHashes = ((Item?.linkHashes as string[] | undefined) ?? []).filter((hash) => hash !== plan.via);
    const waveKeys = new Set(plan.waves.map((wave) => responseKey({ programme, cohort, participant, ...wave }).SK));
    let responses = 0;
    let answersLeft = false;
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': `${RESPONSE_PREFIX}${participant}#` },
        ProjectionExpression: 'SK, #type',
        ExpressionAttributeNames: { '#type': 'type' },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) {
          waveKeys.add(String(item.SK));
          if (item.type === RESPONSE) responses += 1;
          if (item.type !== ERASED) answersLeft = true;
        }
      },
    );
    // The link withdrawn through, while it still names this participant (a withdrawal cut short).
    let viaActive = false;
    if (plan.via !== undefined) {
      const { Item: via } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: linkKey(plan.via), ConsistentRead: true }),
      );
      viaActive = via?.participant === participant;
    }
    // Nothing of the participant (never existed, or already erased) changes nothing. Answers
    // whose participant item has expired are erased all the same.
    if (Item === undefined && !answersLeft && !viaActive) return { responses: 0, links: 0, found: false };
    const marker = { type: ERASED, expiresAt: plan.markersExpireAt };
    const countErasure = async (): Promise<void> => {
      for (const scope of [pk, scopeKey(programme, null)]) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { PK: scope, SK: MARK_SORT_KEY },
            UpdateExpression: 'ADD erasures :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
      }
    };
    // 1. The stored tables of the cohort and the pool become stale: should anything below fail,
    //    they are withheld and recomputed all the same.
    await countErasure();
    // 2. Every wave's item becomes a marker, overwriting answers and drafts; from here on no
    //    conditional write of a response or draft can land for this participant.
    await this.batchWrite([...waveKeys].map((SK) => ({ PutRequest: { Item: { PK: pk, SK, ...marker } } })));
    // 3. Counted again after the markers: an aggregation that reads this count reads no answer
    //    of theirs (one that read the first count may have read the answers, and is stale).
    await countErasure();
    // 4. Links become markers that name only the programme, the link withdrawn through last, so
    //    a participant whose withdrawal was cut short can finish it through the same link;
    // 5. the participant item goes last, so `prepost erase` can always finish the job.
    const via = plan.via !== undefined && (viaActive || Item !== undefined) ? plan.via : undefined;
    await this.batchWrite(
      linkHashes.map((hash) => ({ PutRequest: { Item: { ...linkKey(hash), programme, ...marker } } })),
    );
    if (via !== undefined)
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...linkKey(via), programme, ...marker } }),
      );
    if (Item !== undefined)
      await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: { PK: pk, SK: participantSortKey(participant) } }),
      );
    return { responses, links: linkHashes.length + (via === undefined ? 0 : 1), found: true };
  }

  /** BatchWriteItem 25 requests at a time, retrying what DynamoDB leaves unprocessed, with backoff. */
  private async batchWrite(all: readonly WriteRequest[]): Promise<void> {
    for (let start = 0; start < all.length; start += 25) {
      let requests = all.slice(start, start + 25);
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error('DynamoDB left items unprocessed after 8 retries');
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      }
    }
  }

  async findLink(hash: string): Promise<LinkLookup | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: linkKey(hash) }));
    if (Item === undefined) return undefined;
    if (Item.type === ERASED) return { status: 'withdrawn', programme: String(Item.programme) };
    return {
      status: 'active',
      target: {
        programme: Item.programme,
        cohort: Item.cohort,
        participant: Item.participant,
        session: Item.session,
        wave: Item.wave,
      },
      expiresAt: typeof Item.expiresAt === 'number' ? Item.expiresAt : undefined,
    };
  }

  async findParticipant(
    programme: string,
    cohort: string,
    participant: string,
  ): Promise<{ readonly expiresAt?: number | undefined } | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: cohortKey(programme, cohort), SK: participantSortKey(participant) },
        ProjectionExpression: 'PK, expiresAt',
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    return { expiresAt: typeof Item.expiresAt === 'number' ? Item.expiresAt : undefined };
  }

  async countParticipants(programme: string, cohort: string): Promise<number> {
    let count = 0;
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':prefix': PARTICIPANT_PREFIX },
        Select: 'COUNT',
      },
      (page) => {
        count += page.Count ?? 0;
      },
    );
    return count;
  }

  async putResponse(response: StoredResponse): Promise<PutResponseResult> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...responseKey(response), TSK: timeSortKey(response), ...response, type: RESPONSE },
          ...WAVE_WRITABLE,
        }),
      );
      return { stored: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const record = await this.getWaveRecord(response);
      if (record.kind === 'withdrawn') return { stored: false, existing: 'withdrawn' };
      if (record.kind !== 'response') throw error;
      return { stored: false, existing: record.response };
    }
  }

  async getResponse(target: LinkTarget): Promise<StoredResponse | undefined> {
    const record = await this.getWaveRecord(target);
    return record.kind === 'response' ? record.response : undefined;
  }

  async getWaveRecord(target: LinkTarget): Promise<WaveRecord> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: responseKey(target), ConsistentRead: true }),
    );
    if (Item === undefined) return { kind: 'none' };
    if (Item.type === ERASED) return { kind: 'withdrawn' };
    if (Item.type === DRAFT) return { kind: 'draft', draft: JSON.parse(String(Item.draft)) as SurveyDraft };
    return { kind: 'response', response: toResponse(Item) };
  }

  async deleteDraft(target: LinkTarget): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: responseKey(target),
          ConditionExpression: '#type = :draft',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':draft': DRAFT },
        }),
      );
    } catch (error) {
      // Nothing to delete, or not a draft (an answer, a withdrawal): nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async saveDraft(target: LinkTarget, draft: SurveyDraft): Promise<SaveDraftResult> {
    try {
      // No TSK: drafts stay out of the time index, so aggregation's freshness count never sees them.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...responseKey(target), type: DRAFT, draft: JSON.stringify(draft), expiresAt: draft.expiresAt },
          ...WAVE_WRITABLE,
        }),
      );
      return 'saved';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const record = await this.getWaveRecord(target);
      if (record.kind === 'withdrawn') return 'withdrawn';
      if (record.kind === 'response') return 'answered';
      throw error;
    }
  }

  async listCohortResponses(programme: string, cohort: string): Promise<StoredResponse[]> {
    const responses: StoredResponse[] = [];
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':prefix': RESPONSE_PREFIX },
        // Consistent: an aggregation that has read an erasure's count must see its markers (an
        // eventually consistent read just after them could still return the answers).
        ConsistentRead: true,
      },
      (page) => {
        // Drafts and erasure markers share the prefix; only responses are answers.
        for (const item of page.Items ?? []) if (item.type === RESPONSE) responses.push(toResponse(item));
      },
    );
    return responses;
  }

  async countResponsesSince(programme: string, cohort: string, since: string): Promise<number> {
    let count = 0;
    await this.queryPages(
      {
        IndexName: TIME_INDEX,
        KeyConditionExpression: 'PK = :pk AND TSK >= :since',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':since': since },
        Select: 'COUNT',
        ConsistentRead: true,
      },
      (page) => {
        count += page.Count ?? 0;
      },
    );
    return count;
  }

  async putIndicators(scope: IndicatorScope, rows: readonly IndicatorRow[], mark: AggregationMark): Promise<void> {
    const pk = scopeKey(scope.programme, scope.cohort);
    const previous = await this.getMark(scope);
    // One item per session: each Put replaces a session's table atomically. Each carries the
    // erasure count its rows were computed with, and never replaces rows computed with a higher
    // one: an overlapping, older run cannot put back a withdrawn person's answers over a newer
    // run's table. The mark goes last: a run that crashes before it leaves the old mark, and
    // the next run recomputes this scope.
    const seen = mark.erasuresIncluded ?? 0;
    try {
      for (const session of mark.sessions) {
        const sessionRows = rows.filter((row) => (row.session ?? POOLED_SESSION) === session);
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              PK: pk,
              SK: indicatorSortKey(session),
              type: 'indicators',
              asOf: mark.asOf,
              erasuresIncluded: seen,
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
        await this.client.send(
          new DeleteCommand({ TableName: this.tableName, Key: { PK: pk, SK: indicatorSortKey(session) } }),
        );
    }
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            PK: pk,
            SK: MARK_SORT_KEY,
            type: 'mark',
            ...mark,
            sessions: [...mark.sessions],
            erasures: seen,
            erasuresIncluded: seen,
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
  }

  async listIndicators(scope: IndicatorScope): Promise<StoredIndicators> {
    // The mark first, then the rows: rows computed before the erasures the mark now counts may
    // hold a withdrawn person's answers, and are not shown.
    const mark = await this.getMark(scope);
    const rows: IndicatorRow[] = [];
    let behind = false;
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': scopeKey(scope.programme, scope.cohort), ':prefix': INDICATOR_PREFIX },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) {
          if (Number(item.erasuresIncluded ?? 0) < (mark?.erasures ?? 0)) behind = true;
          rows.push(...(JSON.parse(String(item.rows)) as IndicatorRow[]));
        }
      },
    );
    return { rows, mark, stale: isStale(mark) || behind };
  }

  async getMark(scope: IndicatorScope): Promise<AggregationMark | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: scopeKey(scope.programme, scope.cohort), SK: MARK_SORT_KEY },
        ConsistentRead: true,
      }),
    );
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
    };
  }

  async latestPublication(programme: string): Promise<PublicationRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: scopeKey(programme, null), SK: PUBLICATION_SORT_KEY },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    return {
      programme,
      period: String(Item.period),
      shown: JSON.parse(String(Item.shown)) as Record<string, number>,
      publishedAt: String(Item.publishedAt),
    };
  }

  async putPublication(record: PublicationRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: scopeKey(record.programme, null),
          SK: PUBLICATION_SORT_KEY,
          type: 'publication',
          period: record.period,
          publishedAt: record.publishedAt,
          shown: JSON.stringify(record.shown),
        },
      }),
    );
  }

  async wasSent(programme: string, period: string, funder: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: scopeKey(programme, null), SK: sentSortKey(period, funder) },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  async recordSent(record: DeliveryRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          PK: scopeKey(record.programme, null),
          SK: sentSortKey(record.period, record.funder),
          type: 'delivery',
          ...record,
        },
      }),
    );
  }

  async putToken(hash: string, record: { readonly label: string; readonly createdAt: string }): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...tokenKey(hash), type: 'token', ...record } }),
    );
  }

  async hasToken(hash: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: tokenKey(hash) }));
    return Item !== undefined;
  }

  private async queryPages(
    input: Omit<QueryCommandInput, 'TableName'>,
    onPage: (page: { Items?: Record<string, unknown>[]; Count?: number }) => void,
  ): Promise<void> {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      onPage(page);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
  }
}

function toResponse(item: Record<string, unknown>): StoredResponse {
  const { PK: _pk, SK: _sk, TSK: _tsk, type: _type, ...response } = item;
  return response as unknown as StoredResponse;
}
