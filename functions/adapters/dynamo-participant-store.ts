/**
 * Participants and their links on the table: created in batches, found by a link's keyed hash,
 * and erased on request in an order that wins every race with a write in flight.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  CohortRoll,
  ErasurePlan,
  ErasureReport,
  LinkLookup,
  NewParticipant,
  ParticipantBatch,
  ParticipantStore,
} from '#ports/store.ts';
import { isWaveKind, type WaveKind } from '#core/model.ts';
import type { DynamoTable } from './dynamo-table.ts';
import {
  BATCH_PREFIX,
  MARK_SORT_KEY,
  PARTICIPANT_PREFIX,
  RESPONSE_PREFIX,
  WAVE_ITEM,
  cohortKey,
  linkKey,
  participantSortKey,
  responseKey,
  scopeKey,
} from './table-design.ts';

/** {@link ParticipantStore} on DynamoDB. */
export class DynamoParticipantStore implements ParticipantStore {
  constructor(private readonly table: DynamoTable) {}

  async createParticipants(batch: ParticipantBatch, participants: readonly NewParticipant[]): Promise<void> {
    // BatchWriteItem, 25 items a request. Ids and codes are random (60 and 130 bits), so no
    // condition is needed against collisions. The codes reach the coordinator only after this
    // returns, so a crash part-way leaves unreachable link items and no half-issued participant.
    const items: Record<string, unknown>[] = participants.flatMap((participant) => [
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
        batch: participant.batch,
        number: participant.number,
        linkHashes: participant.links.map((link) => link.hash),
        createdAt: participant.createdAt,
        expiresAt: participant.expiresAt,
      },
    ]);
    await this.table.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
    // The batch record after every participant is in (its own write, not one retried beside
    // them): a batch the console lists has all its participants, and participants of a batch
    // cut short, whose codes nobody got, are never counted (`readCohortProgress`).
    const first = participants[0];
    if (first !== undefined)
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            PK: cohortKey(first.programme, first.cohort),
            SK: `${BATCH_PREFIX}${batch.id}`,
            type: 'batch',
            ...batch,
          },
        }),
      );
  }

  async listBatches(programme: string, cohort: string): Promise<ParticipantBatch[]> {
    const batches: ParticipantBatch[] = [];
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort), ':prefix': BATCH_PREFIX },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) batches.push(batchOf(item));
      },
    );
    return batches;
  }

  async cohortRoll(programme: string, cohort: string): Promise<CohortRoll> {
    const batches: ParticipantBatch[] = [];
    const participants: CohortRoll['participants'][number][] = [];
    const answered: CohortRoll['answered'][number][] = [];
    // Keys and counts only: a coordinator's view never reads an answer.
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': cohortKey(programme, cohort) },
        // What a coordinator just did (a batch, an answer they watched come in) shows at once.
        ConsistentRead: true,
        ProjectionExpression:
          'SK, #type, participant, #session, wave, receivedAt, ' +
          '#batch, #number, id, createdAt, #count, #language, expiresAt',
        ExpressionAttributeNames: {
          '#type': 'type',
          '#session': 'session',
          '#batch': 'batch',
          '#number': 'number',
          '#count': 'count',
          '#language': 'language',
        },
      },
      (page) => {
        for (const item of page.Items ?? []) {
          const sk = String(item.SK);
          if (sk.startsWith(BATCH_PREFIX)) batches.push(batchOf(item));
          else if (sk.startsWith(PARTICIPANT_PREFIX))
            participants.push({
              participant: String(item.participant),
              batch: typeof item.batch === 'string' ? item.batch : undefined,
              number: typeof item.number === 'number' ? item.number : undefined,
            });
          else if (sk.startsWith(RESPONSE_PREFIX) && item.type === WAVE_ITEM.response)
            answered.push({
              participant: String(item.participant),
              session: String(item.session),
              wave: waveOfItem(item.wave),
              receivedAt: String(item.receivedAt),
            });
        }
      },
    );
    return { batches, participants, answered };
  }

  async eraseParticipant(
    programme: string,
    cohort: string,
    participant: string,
    plan: ErasurePlan,
  ): Promise<ErasureReport> {
    const { client, name: TableName } = this.table;
    const pk = cohortKey(programme, cohort);
    const Item = await this.table.get({ PK: pk, SK: participantSortKey(participant) });
    const linkHashes = ((Item?.linkHashes as string[] | undefined) ?? []).filter((hash) => hash !== plan.via);
    const waveKeys = new Set(plan.waves.map((wave) => responseKey({ programme, cohort, participant, ...wave }).SK));
    // The links name their own wave: each one's is closed too, whatever catalogue this erasure
    // runs with (an older checkout, a rollback lacking a session), so no token of any of them
    // can lead to a write. Read before anything of the participant changes.
    const links = await this.readLinks(plan.via === undefined ? linkHashes : [...linkHashes, plan.via]);
    for (const link of links.values())
      if (link.participant === participant && typeof link.session === 'string')
        waveKeys.add(
          responseKey({
            programme,
            cohort,
            participant,
            session: link.session,
            wave: waveOfItem(link.wave),
          }).SK,
        );
    let responses = 0;
    let answersLeft = false;
    await this.table.queryPages(
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
          if (item.type === WAVE_ITEM.response) responses += 1;
          if (item.type !== WAVE_ITEM.erased) answersLeft = true;
        }
      },
    );
    // The link withdrawn through, while it still names this participant (a withdrawal cut short).
    const viaActive = plan.via !== undefined && links.get(plan.via)?.participant === participant;
    // Nothing of the participant (never existed, or already erased) changes nothing. Answers
    // whose participant item has expired are erased all the same.
    if (Item === undefined && !answersLeft && !viaActive) return { responses: 0, links: 0, found: false };
    const marker = { type: WAVE_ITEM.erased, expiresAt: plan.markersExpireAt };
    const countErasure = async (): Promise<void> => {
      for (const scope of [pk, scopeKey(programme, null)]) {
        await client.send(
          new UpdateCommand({
            TableName,
            Key: { PK: scope, SK: MARK_SORT_KEY },
            // A participant with answers also counts as a withdrawal from the published figures.
            UpdateExpression: responses > 0 ? 'ADD erasures :one, withdrawals :one' : 'ADD erasures :one',
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
    await this.table.batchWrite([...waveKeys].map((SK) => ({ PutRequest: { Item: { PK: pk, SK, ...marker } } })));
    // 3. Counted again after the markers: an aggregation that reads this count reads no answer
    //    of theirs (one that read the first count may have read the answers, and is stale).
    await countErasure();
    // 4. Links become markers that name only the programme, the link withdrawn through last, so
    //    a participant whose withdrawal was cut short can finish it through the same link;
    // 5. the participant item goes last, so `prepost erase` can always finish the job.
    const via = plan.via !== undefined && (viaActive || Item !== undefined) ? plan.via : undefined;
    await this.table.batchWrite(
      linkHashes.map((hash) => ({ PutRequest: { Item: { ...linkKey(hash), programme, ...marker } } })),
    );
    if (via !== undefined)
      await client.send(new PutCommand({ TableName, Item: { ...linkKey(via), programme, ...marker } }));
    if (Item !== undefined)
      await client.send(new DeleteCommand({ TableName, Key: { PK: pk, SK: participantSortKey(participant) } }));
    return { responses, links: linkHashes.length + (via === undefined ? 0 : 1), found: true };
  }

  /**
   * Link items by hash, strongly consistent. One GetItem each, all at once: a participant has a
   * link per session and wave (a handful), and BatchGetItem is not among the actions the
   * functions that erase (submit-survey's withdrawal) are granted on the table.
   */
  private async readLinks(hashes: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const unique = [...new Set(hashes)];
    const items = await Promise.all(unique.map((hash) => this.table.get(linkKey(hash))));
    const found = new Map<string, Record<string, unknown>>();
    for (const [index, hash] of unique.entries()) {
      const item = items[index];
      if (item !== undefined) found.set(hash, item);
    }
    return found;
  }

  async findLink(hash: string): Promise<LinkLookup | undefined> {
    // Eventually consistent: a link is written once, long before it is opened.
    const Item = await this.table.get(linkKey(hash), { consistent: false });
    if (Item === undefined) return undefined;
    if (Item.type === WAVE_ITEM.erased) return { status: 'withdrawn', programme: String(Item.programme) };
    return {
      status: 'active',
      target: {
        programme: String(Item.programme),
        cohort: String(Item.cohort),
        participant: String(Item.participant),
        session: String(Item.session),
        wave: waveOfItem(Item.wave),
      },
      expiresAt: typeof Item.expiresAt === 'number' ? Item.expiresAt : undefined,
    };
  }

  async findParticipant(
    programme: string,
    cohort: string,
    participant: string,
  ): Promise<{ readonly expiresAt?: number | undefined } | undefined> {
    const Item = await this.table.get(
      { PK: cohortKey(programme, cohort), SK: participantSortKey(participant) },
      { projection: 'PK, expiresAt' },
    );
    if (Item === undefined) return undefined;
    return { expiresAt: typeof Item.expiresAt === 'number' ? Item.expiresAt : undefined };
  }

  async countParticipants(programme: string, cohort: string): Promise<number> {
    let count = 0;
    await this.table.queryPages(
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
}

/** A stored item's wave: as written (links made before follow-ups existed name pre or post). */
function waveOfItem(value: unknown): WaveKind {
  return isWaveKind(value) ? value : 'pre';
}

/** A batch item as the port gives it. */
function batchOf(item: Record<string, unknown>): ParticipantBatch {
  return {
    id: String(item.id),
    createdAt: String(item.createdAt),
    count: Number(item.count),
    language: String(item.language),
    expiresAt: Number(item.expiresAt),
  };
}
