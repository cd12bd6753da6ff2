/**
 * The DynamoDB adapter behind every storage port. Requests are Gets, Puts, conditional Puts,
 * transactions and Queries on one partition; nothing here Scans.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { IndicatorRow } from '#core/indicators.ts';
import type { AggregationMark, DeliveryRecord, IndicatorScope, IndicatorStore, LinkTarget, PublicationRecord, PublicationStore, NewParticipant, ParticipantStore, PutResponseResult, ResponseStore, StoredResponse, TokenStore } from '#ports/store.ts';
import { INDICATOR_PREFIX, MARK_SORT_KEY, PUBLICATION_SORT_KEY, sentSortKey, PARTICIPANT_PREFIX, POOLED_SESSION, RESPONSE_PREFIX, TIME_INDEX, cohortKey, indicatorSortKey, linkKey, participantSortKey, responseKey, scopeKey, timeSortKey, tokenKey } from './dynamo-keys.ts';

/** One put or delete of a BatchWriteItem. */
type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

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
      })),
      {
        PK: cohortKey(participant.programme, participant.cohort),
        SK: participantSortKey(participant.participant),
        type: 'participant',
        participant: participant.participant,
        linkHashes: participant.links.map((link) => link.hash),
        createdAt: participant.createdAt,
      },
    ]);
    await this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  async eraseParticipant(programme: string, cohort: string, participant: string): Promise<{ responses: number; links: number; found: boolean }> {
    const pk = cohortKey(programme, cohort);
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: pk, SK: participantSortKey(participant) }, ConsistentRead: true }));
    const linkHashes = (Item?.linkHashes as string[] | undefined) ?? [];
    const responseKeys: Record<string, unknown>[] = [];
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': `${RESPONSE_PREFIX}${participant}#` },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) responseKeys.push({ PK: item.PK, SK: item.SK });
      },
    );
    // Answers and links first; the participant item (which lists the links) and the mark last,
    // so a run that dies part-way is finished by the next.
    await this.deleteKeys([...responseKeys, ...linkHashes.map((hash) => linkKey(hash))]);
    await this.deleteKeys([{ PK: pk, SK: MARK_SORT_KEY }, { PK: pk, SK: participantSortKey(participant) }]);
    return { responses: responseKeys.length, links: linkHashes.length, found: Item !== undefined };
  }

  private async deleteKeys(keys: readonly Record<string, unknown>[]): Promise<void> {
    await this.batchWrite(keys.map((Key) => ({ DeleteRequest: { Key } })));
  }

  /** BatchWriteItem 25 requests at a time, retrying what DynamoDB leaves unprocessed, with backoff. */
  private async batchWrite(all: readonly WriteRequest[]): Promise<void> {
    for (let start = 0; start < all.length; start += 25) {
      let requests = all.slice(start, start + 25);
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error('DynamoDB left items unprocessed after 8 retries');
        const { UnprocessedItems } = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      }
    }
  }

  async findLink(hash: string): Promise<LinkTarget | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: linkKey(hash) }));
    if (Item === undefined) return undefined;
    return { programme: Item.programme, cohort: Item.cohort, participant: Item.participant, session: Item.session, wave: Item.wave };
  }

  async hasParticipant(programme: string, cohort: string, participant: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: cohortKey(programme, cohort), SK: participantSortKey(participant) }, ProjectionExpression: 'PK', ConsistentRead: true }),
    );
    return Item !== undefined;
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
          Item: { ...responseKey(response), TSK: timeSortKey(response), type: 'response', ...response },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { stored: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getResponse(response);
      if (existing === undefined) throw error;
      return { stored: false, existing };
    }
  }

  async getResponse(target: LinkTarget): Promise<StoredResponse | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: responseKey(target), ConsistentRead: true }));
    return Item === undefined ? undefined : toResponse(Item);
  }

  async listCohortResponses(programme: string, cohort: string): Promise<StoredResponse[]> {
    const responses: StoredResponse[] = [];
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':prefix': RESPONSE_PREFIX },
      },
      (page) => {
        for (const item of page.Items ?? []) responses.push(toResponse(item));
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
    // One item per session: each Put replaces a session's table atomically, so a reader never
    // sees half a table. The mark goes last: a run that crashes before it leaves the old mark,
    // and the next run recomputes this scope.
    for (const session of mark.sessions) {
      const sessionRows = rows.filter((row) => (row.session ?? POOLED_SESSION) === session);
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: pk, SK: indicatorSortKey(session), type: 'indicators', asOf: mark.asOf, rows: JSON.stringify(sessionRows) } }));
    }
    for (const session of previous?.sessions ?? []) {
      if (!mark.sessions.includes(session)) await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { PK: pk, SK: indicatorSortKey(session) } }));
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: pk, SK: MARK_SORT_KEY, type: 'mark', ...mark, sessions: [...mark.sessions] } }));
  }

  async listIndicators(scope: IndicatorScope): Promise<{ rows: IndicatorRow[]; mark: AggregationMark | undefined }> {
    const rows: IndicatorRow[] = [];
    await this.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': scopeKey(scope.programme, scope.cohort), ':prefix': INDICATOR_PREFIX },
      },
      (page) => {
        for (const item of page.Items ?? []) rows.push(...(JSON.parse(String(item.rows)) as IndicatorRow[]));
      },
    );
    return { rows, mark: await this.getMark(scope) };
  }

  async getMark(scope: IndicatorScope): Promise<AggregationMark | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: scopeKey(scope.programme, scope.cohort), SK: MARK_SORT_KEY }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    return {
      asOf: String(Item.asOf),
      responses: Number(Item.responses),
      sessions: (Item.sessions as string[] | undefined) ?? [],
      ...(typeof Item.participants === 'number' ? { participants: Item.participants } : {}),
      ...(Item.answered === undefined ? {} : { answered: Item.answered as Record<string, number> }),
      ...(typeof Item.windowStart === 'string' ? { windowStart: Item.windowStart } : {}),
      ...(typeof Item.windowCount === 'number' ? { windowCount: Item.windowCount } : {}),
      ...(typeof Item.basis === 'string' ? { basis: Item.basis } : {}),
    };
  }

  async latestPublication(programme: string): Promise<PublicationRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: scopeKey(programme, null), SK: PUBLICATION_SORT_KEY }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    return { programme, period: String(Item.period), shown: JSON.parse(String(Item.shown)) as Record<string, number>, publishedAt: String(Item.publishedAt) };
  }

  async putPublication(record: PublicationRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: scopeKey(record.programme, null), SK: PUBLICATION_SORT_KEY, type: 'publication', period: record.period, publishedAt: record.publishedAt, shown: JSON.stringify(record.shown) },
      }),
    );
  }

  async wasSent(programme: string, period: string, funder: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: scopeKey(programme, null), SK: sentSortKey(period, funder) }, ConsistentRead: true }));
    return Item !== undefined;
  }

  async recordSent(record: DeliveryRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: scopeKey(record.programme, null), SK: sentSortKey(record.period, record.funder), type: 'delivery', ...record } }));
  }

  async putToken(hash: string, record: { readonly label: string; readonly createdAt: string }): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...tokenKey(hash), type: 'token', ...record } }));
  }

  async hasToken(hash: string): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: tokenKey(hash) }));
    return Item !== undefined;
  }

  private async queryPages(input: Omit<QueryCommandInput, 'TableName'>, onPage: (page: { Items?: Record<string, unknown>[]; Count?: number }) => void): Promise<void> {
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
