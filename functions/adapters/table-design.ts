/**
 * The single table's design, in one place: the CDK DataStack, `ensureTable` (local and
 * `DYNAMODB_ENDPOINT` tables) and the infrastructure test all read it, and the DynamoDB adapters
 * build every key with it. README "Data model" documents it:
 *
 * | item        | PK                          | SK                                  |
 * |-------------|-----------------------------|-------------------------------------|
 * | link        | LINK#<hmac of code>         | LINK                                |
 * | participant | COHORT#<programme>#<cohort> | PART#<participant>                  |
 * | batch       | COHORT#<programme>#<cohort> | BATCH#<created at>#<random>         |
 * | wave        | COHORT#<programme>#<cohort> | RESP#<participant>#<session>#<wave> |
 * | indicators  | COHORT#<programme>#<cohort> | IND#<session>                       |
 * | mark        | COHORT#<programme>#<cohort> | AGG                                 |
 * | cohort      | PROG#<programme>            | COHORT#<cohort>                     |
 * | funder      | PROG#<programme>            | FUNDER#<email>                      |
 * | seed marker | PROG#<programme>            | SEEDED                              |
 * | form token  | PROG#<programme>            | ONCE#<token>                        |
 * | pool        | PROG#<programme>            | IND#pooled, AGG                     |
 * | agg. run    | PROG#<programme>            | AGGRUN (run id, cohort jobs pending) |
 * | run pending | PROG#<programme>            | AGGRUN#<run>#<cohort>               |
 * | publication | PROG#<programme>            | PUBLICATION (latest, cumulative)    |
 * | delivery    | PROG#<programme>            | SENT#<period>#<funder email>        |
 * | staff       | STAFF                       | STAFF#<email>                       |
 * | admin count | STAFF                       | ADMINS                              |
 * | session     | SESSION#<sha256 of id>      | SESSION                             |
 * | sign-in     | SIGNIN#<sha256 of state>    | SIGNIN                              |
 * | API token   | APITOKEN                    | APITOKEN#<token id>                 |
 * | audit       | AUDIT#<yyyy-mm>             | <time>#<random>                     |
 *
 * A cohort is one partition, so everything aggregation needs is one Query. Responses also carry
 * `TSK` = `<receivedAt>#<participant>#<session>#<wave>`, the sort key of the local secondary
 * index `ByTime` (keys only): aggregation counts a cohort's responses received since a time
 * with one keys-only Query, to recompute only cohorts with new responses.
 *
 * Plain data and string functions only: the CDK app imports this module, so it must not pull in
 * runtime code.
 */

/** A wave's owner, as a link names it (the fields of core's `LinkTarget` the key is built from). */
interface WaveOwner {
  readonly programme: string;
  readonly cohort: string;
  readonly participant: string;
  readonly session: string;
  readonly wave: string;
}

/** The table's key attributes and the time index, as CloudFormation and CreateTable both need them. */
export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** The local secondary index of responses by time received; it projects keys only. */
  timeIndex: { name: 'ByTime', sortKey: 'TSK', projection: 'KEYS_ONLY' },
  /** Epoch seconds after which DynamoDB's TTL deletes an item (answers, links, drafts, markers). */
  timeToLiveAttribute: 'expiresAt',
} as const;

/** The time index's name, for Queries. */
export const TIME_INDEX = TABLE_DESIGN.timeIndex.name;

export const cohortKey = (programme: string, cohort: string): string => `COHORT#${programme}#${cohort}`;
export const linkKey = (hash: string): { PK: string; SK: string } => ({ PK: `LINK#${hash}`, SK: 'LINK' });
export const participantSortKey = (participant: string): string => `PART#${participant}`;
export const responseKey = (target: WaveOwner): { PK: string; SK: string } => ({
  PK: cohortKey(target.programme, target.cohort),
  SK: `RESP#${target.participant}#${target.session}#${target.wave}`,
});
export const indicatorSortKey = (session: string): string => `IND#${session}`;
export const scopeKey = (programme: string, cohort: string | null): string =>
  cohort === null ? `PROG#${programme}` : cohortKey(programme, cohort);
export const MARK_SORT_KEY = 'AGG';
/**
 * A programme's aggregation run, in its partition: how many of the cohort jobs the hourly plan
 * queued are still pending; the job that brings it to 0 queues the pool (the fan-in).
 */
export const aggregationRunKey = (programme: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: 'AGGRUN',
});
/**
 * One cohort job of a run still pending: the job deletes it as it counts itself off, so only the
 * first delivery of a job counts (`expiresAt` a day after the plan, so a replaced run's vanish).
 */
export const aggregationPendingKey = (programme: string, run: string, cohort: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: `AGGRUN#${run}#${cohort}`,
});
export const PUBLICATION_SORT_KEY = 'PUBLICATION';
export const sentSortKey = (period: string, funder: string): string => `SENT#${period}#${funder.toLowerCase()}`;
/**
 * The pool's one stored table is kept under this session name: core's `POOLED`, written out so
 * the CDK app loads no runtime code (a test holds the two equal).
 */
export const POOLED_SESSION = 'pooled';
export const timeSortKey = (response: {
  receivedAt: string;
  participant: string;
  session: string;
  wave: string;
}): string => `${response.receivedAt}#${response.participant}#${response.session}#${response.wave}`;
/** Staff members: one partition (a few dozen people), so listing them is one Query. */
export const STAFF_PARTITION = 'STAFF';
export const staffKey = (email: string): { PK: string; SK: string } => ({
  PK: STAFF_PARTITION,
  SK: `STAFF#${email.toLowerCase()}`,
});
/** How many members are admins: what keeps the last admin from being removed (`dynamo-staff-store.ts`). */
export const ADMIN_COUNT_KEY: { readonly PK: string; readonly SK: string } = { PK: STAFF_PARTITION, SK: 'ADMINS' };
export const sessionKey = (idHash: string): { PK: string; SK: string } => ({ PK: `SESSION#${idHash}`, SK: 'SESSION' });
export const signInKey = (stateHash: string): { PK: string; SK: string } => ({
  PK: `SIGNIN#${stateHash}`,
  SK: 'SIGNIN',
});
/** API tokens: one partition, listed by one Query; a token is found by the id it carries. */
export const API_TOKEN_PARTITION = 'APITOKEN';
export const apiTokenKey = (id: string): { PK: string; SK: string } => ({
  PK: API_TOKEN_PARTITION,
  SK: `APITOKEN#${id}`,
});
/** The audit log, one partition a month, entries in time order within it. */
export const auditPartition = (month: string): string => `AUDIT#${month}`;

/** A cohort's own item, in its programme's partition: listing a programme's cohorts is one Query. */
export const COHORT_PREFIX = 'COHORT#';
export const cohortItemKey = (programme: string, cohort: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: `${COHORT_PREFIX}${cohort}`,
});
export const FUNDER_PREFIX = 'FUNDER#';
export const funderKey = (programme: string, email: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: `${FUNDER_PREFIX}${email.toLowerCase()}`,
});
export const BATCH_PREFIX = 'BATCH#';
/** A console form's one-use token, claimed when the form is sent (`expiresAt` a day later). */
export const formTokenKey = (programme: string, token: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: `ONCE#${token}`,
});
/** That a programme's seed cohorts and funders were loaded into this table (a first `npm start`, `cohorts seed`). */
export const seedMarkerKey = (programme: string): { PK: string; SK: string } => ({
  PK: scopeKey(programme, null),
  SK: 'SEEDED',
});

export const RESPONSE_PREFIX = 'RESP#';
export const PARTICIPANT_PREFIX = 'PART#';
export const INDICATOR_PREFIX = 'IND#';

/**
 * The kinds of item stored at a wave's key (`RESP#<participant>#<session>#<wave>`). Every write
 * of a response or a draft is conditional on {@link WAVE_WRITABLE}: the item is absent or a
 * draft. An erasure writes markers unconditionally, so after it nothing else can land there:
 * that single-item condition is what makes withdrawal win every race, on DynamoDB and on the
 * embedded one alike (no transaction needed).
 */
export const WAVE_ITEM = { response: 'response', draft: 'draft', erased: 'erased' } as const;
export const WAVE_WRITABLE = {
  ConditionExpression: 'attribute_not_exists(PK) OR #type = :draft',
  ExpressionAttributeNames: { '#type': 'type' },
  ExpressionAttributeValues: { ':draft': WAVE_ITEM.draft },
};
