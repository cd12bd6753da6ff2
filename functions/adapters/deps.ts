/**
 * The dependencies handlers, commands and tests are built with: one adapter per storage port
 * over the one table, the survey catalogue, a clock and the link key. Lambdas build them from
 * their environment (`lambda-deps.ts`), the local stack from what it started.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, IndicatorStore, ParticipantStore, PublicationStore, ResponseStore } from '#ports/store.ts';
import type { CohortStore } from '#ports/cohorts.ts';
import type { ApiTokenStore, AuditLog, SessionStore, SignInStore, StaffStore } from '#ports/staff.ts';
import { DynamoApiTokenStore } from './dynamo-api-token-store.ts';
import { DynamoAuditLog } from './dynamo-audit-log.ts';
import { DynamoCohortStore } from './dynamo-cohort-store.ts';
import { DynamoIndicatorStore } from './dynamo-indicator-store.ts';
import { DynamoParticipantStore } from './dynamo-participant-store.ts';
import { DynamoPublicationStore } from './dynamo-publication-store.ts';
import { DynamoResponseStore } from './dynamo-response-store.ts';
import { DynamoSessionStore, DynamoSignInStore } from './dynamo-session-store.ts';
import { DynamoStaffStore } from './dynamo-staff-store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import type { LinkKeySource } from './link-key.ts';

/** Everything a handler may need; each handler's factory asks only for its part. */
export interface Deps {
  readonly participants: ParticipantStore;
  readonly cohorts: CohortStore;
  readonly responses: ResponseStore;
  readonly indicators: IndicatorStore;
  readonly publications: PublicationStore;
  readonly staff: StaffStore;
  readonly sessions: SessionStore;
  readonly signIns: SignInStore;
  readonly apiTokens: ApiTokenStore;
  readonly audit: AuditLog;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly linkKey: LinkKeySource;
}

/** The system clock. */
const systemClock: Clock = { now: () => new Date() };

/** One adapter per storage port, all on the one table. */
export function storesOn(
  table: DynamoTable,
): Pick<
  Deps,
  | 'participants'
  | 'cohorts'
  | 'responses'
  | 'indicators'
  | 'publications'
  | 'staff'
  | 'sessions'
  | 'signIns'
  | 'apiTokens'
  | 'audit'
> {
  return {
    participants: new DynamoParticipantStore(table),
    cohorts: new DynamoCohortStore(table),
    responses: new DynamoResponseStore(table),
    indicators: new DynamoIndicatorStore(table),
    publications: new DynamoPublicationStore(table),
    staff: new DynamoStaffStore(table),
    sessions: new DynamoSessionStore(table),
    signIns: new DynamoSignInStore(table),
    apiTokens: new DynamoApiTokenStore(table),
    audit: new DynamoAuditLog(table),
  };
}

/** The dependencies around a table. */
export function depsOn(options: {
  readonly table: DynamoTable;
  readonly catalog: Catalog;
  readonly linkKey: LinkKeySource;
  readonly clock?: Clock;
}): Deps {
  return {
    ...storesOn(options.table),
    catalog: options.catalog,
    clock: options.clock ?? systemClock,
    linkKey: options.linkKey,
  };
}
