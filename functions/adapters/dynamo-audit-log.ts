/**
 * The audit log on the table: append-only items, one partition a month, each expiring after the
 * retention. Nothing in prepost updates or deletes an entry.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AUDIT_RETENTION_DAYS, AuditEvent } from '#core/access.ts';
import type { AuditLog } from '#ports/staff.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { auditPartition } from './table-design.ts';

/** {@link AuditLog} on DynamoDB. */
export class DynamoAuditLog implements AuditLog {
  constructor(private readonly table: DynamoTable) {}

  async append(event: AuditEvent): Promise<void> {
    const entry = AuditEvent.parse(event);
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          PK: auditPartition(entry.at.slice(0, 7)),
          // A random tail: two entries in the same millisecond are both kept.
          SK: `${entry.at}#${randomBytes(6).toString('hex')}`,
          type: 'audit',
          ...entry,
          expiresAt: Math.floor(Date.parse(entry.at) / 1000) + AUDIT_RETENTION_DAYS * 86400,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async list(options: {
    readonly since: Date;
    readonly until: Date;
    readonly programme?: string;
    readonly limit?: number;
  }): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    const since = options.since.toISOString();
    const until = options.until.toISOString();
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    // Newest month first, each read backwards, stopping at the limit: a page of the newest entries
    // costs a page of reads however long the log has grown.
    for (const month of monthsBetween(options.since, options.until).reverse()) {
      if (events.length >= limit) break;
      await this.table.queryPages(
        {
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :since AND :until',
          ExpressionAttributeValues: {
            ':pk': auditPartition(month),
            ':since': since,
            ':until': `${until}~`,
            ...(options.programme === undefined ? {} : { ':programme': options.programme }),
          },
          ...(options.programme === undefined ? {} : { FilterExpression: 'programme = :programme' }),
          ScanIndexForward: false,
          ConsistentRead: true,
        },
        (page) => {
          for (const item of page.Items ?? []) if (events.length < limit) events.push(toEvent(item));
        },
        () => events.length >= limit,
      );
    }
    return events;
  }
}

function toEvent(item: Record<string, unknown>): AuditEvent {
  return AuditEvent.parse({
    at: item.at,
    actor: item.actor,
    action: item.action,
    ...(item.actorEmail === undefined ? {} : { actorEmail: item.actorEmail }),
    ...(item.programme === undefined ? {} : { programme: item.programme }),
    ...(item.detail === undefined ? {} : { detail: item.detail }),
  });
}

/** `yyyy-mm` of every month from `since` to `until`, in order. */
function monthsBetween(since: Date, until: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
  while (cursor.getTime() <= until.getTime()) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}
