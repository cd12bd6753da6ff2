import type { LinkTarget } from '#core/model.ts';
/**
 * The single-table key design, in one place (README "Data model" documents it):
 *
 * | item        | PK                        | SK                              |
 * |-------------|---------------------------|---------------------------------|
 * | link        | LINK#<hmac of code>       | LINK                            |
 * | participant | COHORT#<programme>#<cohort> | PART#<participant>            |
 * | response    | COHORT#<programme>#<cohort> | RESP#<participant>#<session>#<wave> |
 * | indicators  | COHORT#<programme>#<cohort> | IND#<session>                 |
 * | mark        | COHORT#<programme>#<cohort> | AGG                           |
 * | pool        | PROG#<programme>          | IND#pooled, AGG                 |
 * | publication | PROG#<programme>          | PUBLICATION (latest, cumulative)|
 * | delivery    | PROG#<programme>          | SENT#<period>#<funder email>    |
 * | token       | TOKEN#<sha256 of token>   | TOKEN                           |
 *
 * A cohort is one partition, so everything aggregation needs is one Query. Responses also carry
 * `TSK` = `<receivedAt>#<participant>#<session>#<wave>`, the sort key of the local secondary
 * index `ByTime` (keys only), so the newest response of a cohort is one item read.
 */

export const cohortKey = (programme: string, cohort: string): string => `COHORT#${programme}#${cohort}`;
export const linkKey = (hash: string): { PK: string; SK: string } => ({ PK: `LINK#${hash}`, SK: 'LINK' });
export const participantSortKey = (participant: string): string => `PART#${participant}`;
export const responseKey = (target: LinkTarget): { PK: string; SK: string } => ({
  PK: cohortKey(target.programme, target.cohort),
  SK: `RESP#${target.participant}#${target.session}#${target.wave}`,
});
export const indicatorSortKey = (session: string): string => `IND#${session}`;
export const scopeKey = (programme: string, cohort: string | null): string =>
  cohort === null ? `PROG#${programme}` : cohortKey(programme, cohort);
export const MARK_SORT_KEY = 'AGG';
export const PUBLICATION_SORT_KEY = 'PUBLICATION';
export const sentSortKey = (period: string, funder: string): string => `SENT#${period}#${funder.toLowerCase()}`;
export { POOLED as POOLED_SESSION } from '#core/model.ts';
export const TIME_INDEX = 'ByTime';
export const timeSortKey = (response: {
  receivedAt: string;
  participant: string;
  session: string;
  wave: string;
}): string => `${response.receivedAt}#${response.participant}#${response.session}#${response.wave}`;
export const tokenKey = (hash: string): { PK: string; SK: string } => ({ PK: `TOKEN#${hash}`, SK: 'TOKEN' });

export const RESPONSE_PREFIX = 'RESP#';
export const PARTICIPANT_PREFIX = 'PART#';
export const INDICATOR_PREFIX = 'IND#';
