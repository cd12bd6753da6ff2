/**
 * What the use cases need from storage, named by what it does. The DynamoDB adapter implements
 * all of it against one table; tests use that same adapter against the embedded DynamoDB.
 */
import type { IndicatorRow } from '#core/indicators.ts';
import type { ScreenNotice } from '#core/steps.ts';

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

/**
 * What a link's hash finds: an active link, or the marker an erasure left in its place (only
 * the programme, so the page can say "no longer active" in the programme's languages with its
 * exit control), or nothing.
 */
export type LinkLookup =
  | { readonly status: 'active'; readonly target: LinkTarget; readonly expiresAt?: number | undefined }
  | { readonly status: 'withdrawn'; readonly programme: string };

/** A participant being created: its pseudonymous id and the keyed hashes of its link codes. */
export interface NewParticipant {
  readonly programme: string;
  readonly cohort: string;
  readonly participant: string;
  readonly links: readonly { readonly hash: string; readonly session: string; readonly wave: WaveKind }[];
  readonly createdAt: string;
  /** Epoch seconds when the participant and link items expire (the programme's retention). */
  readonly expiresAt: number;
}

/**
 * A questionnaire in progress, kept on the server between screens so that reload, Back and a
 * lost connection never lose answers. Covered by the consent already given (nothing is kept
 * before it), short-lived, replaced by the response on submission, removed by withdrawal, and
 * never aggregated.
 */
export interface SurveyDraft {
  /** The screen to show next. */
  readonly step: number;
  /** Answers so far, as form fields (consent, `a.<instrument>.<item>`, `g.<subgroup>`), valid values only. */
  readonly fields: Readonly<Record<string, string>>;
  readonly language: string;
  /** Why `step` is shown with a message: nothing answered on it yet (ask once), or nothing at all to send. */
  readonly notice?: ScreenNotice | undefined;
  /** Epoch seconds when the draft expires. */
  readonly expiresAt: number;
}

/** What is stored for a participant's wave: nothing yet, a draft, the response, or an erasure marker. */
export type WaveRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'draft'; readonly draft: SurveyDraft }
  | { readonly kind: 'response'; readonly response: StoredResponse }
  | { readonly kind: 'withdrawn' };

/** What an erasure removed. */
export interface ErasureReport {
  readonly responses: number;
  readonly links: number;
  /** Whether the participant existed (false: nothing was changed). */
  readonly found: boolean;
}

/** How an erasure is carried out: the waves to close for good and how long the markers live. */
export interface ErasurePlan {
  /** Every wave of the programme, so that no write can land on any of them afterwards. */
  readonly waves: readonly { readonly session: string; readonly wave: WaveKind }[];
  /** Epoch seconds when the erasure markers themselves expire. */
  readonly markersExpireAt: number;
  /**
   * The keyed hash of the link the participant withdrew through: it becomes a marker last, so
   * a withdrawal cut short (a timeout) can be finished by trying again through the same link.
   */
  readonly via?: string | undefined;
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

/**
 * The outcome of storing a response: stored now, or the one already there, or 'withdrawn' when
 * the participant erased their answers (an erasure marker holds the wave for good).
 */
export type PutResponseResult =
  | { readonly stored: true }
  | { readonly stored: false; readonly existing: StoredResponse | 'withdrawn' };

/** The outcome of saving a draft: saved, or the wave is already answered or withdrawn. */
export type SaveDraftResult = 'saved' | 'answered' | 'withdrawn';

/** Participants and their links. */
export interface ParticipantStore {
  /** Creates each participant with its links (batched writes: callers hand out codes only after it returns). */
  createParticipants(participants: readonly NewParticipant[]): Promise<void>;
  /** The target of a link, by the keyed hash of its code. */
  findLink(hash: string): Promise<LinkLookup | undefined>;
  /** How many participants a cohort has. */
  countParticipants(programme: string, cohort: string): Promise<number>;
  /**
   * Removes every stored trace of a participant and wins every race with a write in flight:
   * each wave's item becomes an erasure marker (every response and draft write is conditional
   * on the item being absent or a draft, so none can land after it), the links become
   * markers without the participant, the aggregation marks of the cohort and the pool count one
   * more erasure (their tables are stale until recomputed), then the participant item, then the
   * link withdrawn through. A participant item that has expired does not stop it: answers
   * still stored are erased all the same. Changes nothing when there is nothing of the
   * participant. Safe to repeat after a crash.
   */
  eraseParticipant(programme: string, cohort: string, participant: string, plan: ErasurePlan): Promise<ErasureReport>;
  /** A participant of a cohort and when its items expire (paper answers name the participant, not a link). */
  findParticipant(
    programme: string,
    cohort: string,
    participant: string,
  ): Promise<{ readonly expiresAt?: number | undefined } | undefined>;
}

/** Responses, at most one per participant and wave. */
export interface ResponseStore {
  /** Stores the response unless one exists for that participant and wave (a draft is replaced). */
  putResponse(response: StoredResponse): Promise<PutResponseResult>;
  /** The stored response of a wave (drafts and erasure markers are not responses). */
  getResponse(target: LinkTarget): Promise<StoredResponse | undefined>;
  /** Whatever is stored for a wave: nothing, a draft, the response or an erasure marker. */
  getWaveRecord(target: LinkTarget): Promise<WaveRecord>;
  /** Saves a draft unless the wave is answered or withdrawn. */
  saveDraft(target: LinkTarget, draft: SurveyDraft): Promise<SaveDraftResult>;
  /** Deletes the wave's draft, if it is one (consent taken back). */
  deleteDraft(target: LinkTarget): Promise<void>;
  /** Every response of a cohort, in one Query pass. */
  listCohortResponses(programme: string, cohort: string): Promise<StoredResponse[]>;
  /**
   * How many of the cohort's responses were received at or after `since` (time-ordered index, keys only, consistent).
   */
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
  /** Erasures counted on the scope so far (bumped by every erasure in it). */
  readonly erasures?: number;
  /** The erasures already taken into account when the rows were computed. */
  readonly erasuresIncluded?: number;
}

/** A scope's stored table as readers get it. */
export interface StoredIndicators {
  readonly rows: IndicatorRow[];
  readonly mark: AggregationMark | undefined;
  /**
   * Not to be shown: the mark or some of the rows were computed before a withdrawal counted
   * since. Aggregation recomputes it.
   */
  readonly stale: boolean;
}

/**
 * Whether a scope's stored rows may still include someone who has since withdrawn: an erasure
 * was counted after they were computed. Readers show no such rows; aggregation recomputes them.
 */
export function isStale(mark: AggregationMark | undefined): boolean {
  return (mark?.erasures ?? 0) !== (mark?.erasuresIncluded ?? 0);
}

/** A newer erasure was counted while a scope was being computed: its rows must be computed again. */
export class ErasureRaceError extends Error {
  constructor(scope: string) {
    super(`an erasure landed while ${scope} was being aggregated`);
    this.name = 'ErasureRaceError';
  }
}

/** Computed indicators, replaced per scope on each aggregation. */
export interface IndicatorStore {
  /**
   * Replaces the scope's rows, one item per session, unless a run that saw more erasures
   * stored them; then writes the mark, on condition that no erasure was counted since
   * `mark.erasuresIncluded` was read.
   * @throws ErasureRaceError in either case: the caller computes again
   */
  putIndicators(scope: IndicatorScope, rows: readonly IndicatorRow[], mark: AggregationMark): Promise<void>;
  listIndicators(scope: IndicatorScope): Promise<StoredIndicators>;
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
