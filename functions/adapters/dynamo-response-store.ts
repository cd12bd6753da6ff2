/**
 * Each participant's wave on the table: at most one response, a draft before it, or the marker
 * an erasure left. Every response and draft write is conditional on `WAVE_WRITABLE`, so nothing
 * lands after an erasure's marker.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SurveyDraft, type LinkTarget, type StoredResponse, type WaveRecord } from '#core/model.ts';
import type { PutResponseResult, ResponseStore, SaveDraftResult } from '#ports/store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import {
  RESPONSE_PREFIX,
  TIME_INDEX,
  WAVE_ITEM,
  WAVE_WRITABLE,
  cohortKey,
  responseKey,
  timeSortKey,
} from './table-design.ts';

/** {@link ResponseStore} on DynamoDB. */
export class DynamoResponseStore implements ResponseStore {
  constructor(private readonly table: DynamoTable) {}

  async putResponse(response: StoredResponse): Promise<PutResponseResult> {
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: responseItem(response),
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
    const Item = await this.table.get(responseKey(target));
    if (Item === undefined) return { kind: 'none' };
    if (Item.type === WAVE_ITEM.erased) return { kind: 'withdrawn' };
    if (Item.type === WAVE_ITEM.draft) {
      // Checked against the model: a draft written by another version, or damaged, is no draft
      // (the participant starts the screen again) rather than a failure on every visit.
      const draft = SurveyDraft.safeParse(parseJson(Item.draft));
      return draft.success ? { kind: 'draft', draft: draft.data } : { kind: 'none' };
    }
    return { kind: 'response', response: toResponse(Item) };
  }

  async deleteDraft(target: LinkTarget): Promise<void> {
    try {
      await this.table.client.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: responseKey(target),
          ConditionExpression: '#type = :draft',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':draft': WAVE_ITEM.draft },
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
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            ...responseKey(target),
            type: WAVE_ITEM.draft,
            draft: JSON.stringify(draft),
            expiresAt: draft.expiresAt,
          },
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
    await this.forEachCohortResponsePage(programme, cohort, (page) => {
      for (const response of page) responses.push(response);
    });
    return responses;
  }

  async forEachCohortResponsePage(
    programme: string,
    cohort: string,
    onPage: (responses: readonly StoredResponse[]) => void,
  ): Promise<void> {
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':prefix': RESPONSE_PREFIX },
        // Consistent: an aggregation that has read an erasure's count must see its markers (an
        // eventually consistent read just after them could still return the answers).
        ConsistentRead: true,
      },
      (page) => {
        // Drafts and erasure markers share the prefix; only responses are answers.
        const responses: StoredResponse[] = [];
        for (const item of page.Items ?? []) if (item.type === WAVE_ITEM.response) responses.push(toResponse(item));
        onPage(responses);
      },
    );
  }

  async countResponsesSince(programme: string, cohort: string, since: string): Promise<number> {
    let count = 0;
    await this.table.queryPages(
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
}

/**
 * The item a response is stored as: its wave's key, its place in the time index and its fields.
 * Exported so the benchmark fills a table with the very items `putResponse` writes.
 */
export function responseItem(response: StoredResponse): Record<string, unknown> {
  return { ...responseKey(response), TSK: timeSortKey(response), ...response, type: WAVE_ITEM.response };
}

function parseJson(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return undefined;
  }
}

/** A stored item as the response it holds: its own fields without the table's keys and type. */
function toResponse(item: Record<string, unknown>): StoredResponse {
  const { PK: _pk, SK: _sk, TSK: _tsk, type: _type, ...response } = item;
  return response as unknown as StoredResponse;
}
