/**
 * What the use cases need from storage, named by what it does. The DynamoDB adapter implements
 * all of it against one table; tests use that same adapter against the embedded DynamoDB.
 */
import type { IndicatorRow } from '#core/indicators.ts';

/** Which wave of which session a link opens. */
export type WaveKind = 'pre' | 'post';

/** What a link code resolves to. The participant id is pseudonymous; no name, email or phone. */
export interface LinkTarget {
  readonly programme: string;
  readonly cohort: string;
  readonly participant: string;
  readonly session: string;
  readonly wave: WaveKind;
}

/** A participant being created: its pseudonymous id and the keyed hashes of its link codes. */
export interface NewParticipant {
  readonly programme: string;
  readonly cohort: string;
  readonly participant: string;
  readonly links: readonly { readonly hash: string; readonly session: string; readonly wave: WaveKind }[];
  readonly createdAt: string;
}

/** One accepted response: answers as option values per instrument and item. */
export interface StoredResponse {
  readonly programme: string;
  readonly cohort: string;
  readonly participant: string;
  readonly session: string;
  readonly wave: WaveKind;
  /** instrument id -> item id -> chosen option value ("prefer-not-to-say" for an explicit skip). */
  readonly answers: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** subgroup id -> option value, for subgroups asked in this wave. */
  readonly groups: Readonly<Record<string, string>>;
  readonly language: string;
  readonly consentVersion: string;
  readonly receipt: string;
  readonly receivedAt: string;
  /** Epoch seconds after which the raw answers expire (the programme's retention). */
  readonly expiresAt: number;
}

/** The outcome of storing a response: stored now, or the one already there. */
export type PutResponseResult = { readonly stored: true } | { readonly stored: false; readonly existing: StoredResponse };

/** Participants and their links. */
export interface ParticipantStore {
  /** Creates each participant with its links (batched writes: callers hand out codes only after it returns). */
  createParticipants(participants: readonly NewParticipant[]): Promise<void>;
  /** The target of a link, by the keyed hash of its code. */
  findLink(hash: string): Promise<LinkTarget | undefined>;
  /** How many participants a cohort has. */
  countParticipants(programme: string, cohort: string): Promise<number>;
  /**
   * Removes every stored trace of a participant: responses, links, the participant, and the
   * cohort's aggregation mark so the next aggregation recomputes it. Safe to repeat after a crash.
   */
  eraseParticipant(programme: string, cohort: string, participant: string): Promise<{ responses: number; links: number; found: boolean }>;
  /** Whether a participant exists in a cohort (paper answers name the participant, not a link). */
  hasParticipant(programme: string, cohort: string, participant: string): Promise<boolean>;
}

/** Responses, at most one per participant and wave. */
export interface ResponseStore {
  /** Stores the response unless one exists for that participant and wave. */
  putResponse(response: StoredResponse): Promise<PutResponseResult>;
  getResponse(target: LinkTarget): Promise<StoredResponse | undefined>;
  /** Every response of a cohort, in one Query pass. */
  listCohortResponses(programme: string, cohort: string): Promise<StoredResponse[]>;
  /** How many of the cohort's responses were received at or after `since` (time-ordered index, keys only, consistent). */
  countResponsesSince(programme: string, cohort: string, since: string): Promise<number>;
}

/**
 * The programme pool's name wherever a cohort or session name is expected: the impact API's
 * `cohort=pooled`, the pool's one stored table, the dashboard's keys.
 */
export const POOLED = 'pooled';

/** Which stored impact table: a cohort's, or (cohort null) the programme's pool. */
export interface IndicatorScope {
  readonly programme: string;
  readonly cohort: string | null;
}

/** What an aggregation of a scope included: written after its rows, so a crash leaves the old mark. */
export interface AggregationMark {
  /** The receivedAt of the newest response included ('' when none). */
  readonly asOf: string;
  readonly responses: number;
  /** The sessions stored (a pool stores one table, {@link POOLED}). */
  readonly sessions: readonly string[];
  /** Cohorts: participants created, and responses per wave (`session:pre`), for response rates. */
  readonly participants?: number;
  readonly answered?: Readonly<Record<string, number>>;
  /**
   * Cohorts: the responses included that were received at or after `windowStart` (a quarter of
   * an hour before `asOf`). A later run counts that window again: a different count means new
   * responses, even ones stamped with the same or a slightly earlier time than `asOf`.
   */
  readonly windowStart?: string;
  readonly windowCount?: number;
  /** Pools: the cohort marks they were computed from, to know when they are stale. */
  readonly basis?: string;
}

/** Computed indicators, replaced per scope on each aggregation. */
export interface IndicatorStore {
  /** Replaces the scope's rows, one item per session, then writes the mark. */
  putIndicators(scope: IndicatorScope, rows: readonly IndicatorRow[], mark: AggregationMark): Promise<void>;
  listIndicators(scope: IndicatorScope): Promise<{ rows: IndicatorRow[]; mark: AggregationMark | undefined }>;
  getMark(scope: IndicatorScope): Promise<AggregationMark | undefined>;
}

/** What a programme's summaries have shown so far, kept privately to protect the next one. */
export interface PublicationRecord {
  readonly programme: string;
  readonly period: string;
  /** The last published people count of every cell ever shown (cell key -> n), cumulative. */
  readonly shown: Readonly<Record<string, number>>;
  readonly publishedAt: string;
}

/** That a funder was sent a period's summary, and when. */
export interface DeliveryRecord {
  readonly programme: string;
  readonly period: string;
  readonly funder: string;
  readonly sentAt: string;
}

/** Summaries published and messages sent, so a period is never emailed twice. */
export interface PublicationStore {
  /** The most recent publication of the programme (any period). */
  latestPublication(programme: string): Promise<PublicationRecord | undefined>;
  putPublication(record: PublicationRecord): Promise<void>;
  wasSent(programme: string, period: string, funder: string): Promise<boolean>;
  recordSent(record: DeliveryRecord): Promise<void>;
}

/** Evaluator access tokens, stored hashed. */
export interface TokenStore {
  putToken(hash: string, record: { readonly label: string; readonly createdAt: string }): Promise<void>;
  hasToken(hash: string): Promise<boolean>;
}

/** The current time; core never reads the clock itself. */
export interface Clock {
  now(): Date;
}
