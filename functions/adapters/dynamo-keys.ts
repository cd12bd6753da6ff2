/**
 * The single-table key design, in one place (README "Data model" documents it):
 *
 * | item        | PK                        | SK                              |
 * |-------------|---------------------------|---------------------------------|
 * | link        | LINK#<hmac of code>       | LINK                            |
 * | participant | COHORT#<programme>#<cohort> | PART#<participant>            |
 * | response    | COHORT#<programme>#<cohort> | RESP#<participant>#<session>#<wave> |
 * | indicators  | COHORT#<programme>#<cohort> | IND#<session>                 |
 * | token       | TOKEN#<sha256 of token>   | TOKEN                           |
 *
 * A cohort is one partition, so everything aggregation needs is one Query.
 */
import type { LinkTarget } from '#ports/store.ts';

export const cohortKey = (programme: string, cohort: string): string => `COHORT#${programme}#${cohort}`;
export const linkKey = (hash: string): { PK: string; SK: string } => ({ PK: `LINK#${hash}`, SK: 'LINK' });
export const participantSortKey = (participant: string): string => `PART#${participant}`;
export const responseKey = (target: LinkTarget): { PK: string; SK: string } => ({
  PK: cohortKey(target.programme, target.cohort),
  SK: `RESP#${target.participant}#${target.session}#${target.wave}`,
});
export const indicatorSortKey = (session: string): string => `IND#${session}`;
export const tokenKey = (hash: string): { PK: string; SK: string } => ({ PK: `TOKEN#${hash}`, SK: 'TOKEN' });

export const RESPONSE_PREFIX = 'RESP#';
export const PARTICIPANT_PREFIX = 'PART#';
export const INDICATOR_PREFIX = 'IND#';
