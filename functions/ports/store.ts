/**
 * What the use cases need from storage, named by what it does. The DynamoDB adapter implements
 * all of it against one table; tests use that same adapter against the embedded DynamoDB.
 */
import type {
  AggregationMark,
  IndicatorRow,
  IndicatorScope,
  LinkTarget,
  StoredResponse,
  SurveyDraft,
  WaveKind,
  WaveRecord,
} from '#core/model.ts';
import type { PublishedFigures } from '#core/summary.ts';
import type { DisclosureHistory } from '#core/disclosure.ts';

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
  /** The batch it was made in and its number there (1, 2, ...): how coordinators know a participant. */
  readonly batch: string;
  readonly number: number;
  readonly links: readonly { readonly hash: string; readonly session: string; readonly wave: WaveKind }[];
  readonly createdAt: string;
  /** Epoch seconds when the participant and link items expire (the programme's retention). */
  readonly expiresAt: number;
}

/** A batch of participants made at once, by the console or `prepost links`. */
export interface ParticipantBatch {
  /** Sorts in creation order. */
  readonly id: string;
  readonly createdAt: string;
  readonly count: number;
  /** The language its cards and messages were made in. */
  readonly language: string;
  /** Epoch seconds when the batch record expires with its participants. */
  readonly expiresAt: number;
}

/**
 * Who is in a cohort and which waves they have answered: participant numbers and wave keys only,
 * never an answer (what the coordinators' console and `prepost pending` show).
 */
export interface CohortRoll {
  readonly batches: readonly ParticipantBatch[];
  readonly participants: readonly {
    readonly participant: string;
    readonly batch?: string | undefined;
    readonly number?: number | undefined;
  }[];
  readonly answered: readonly {
    readonly participant: string;
    readonly session: string;
    readonly wave: WaveKind;
    readonly receivedAt: string;
  }[];
}

/** What an erasure removed. */
export interface ErasureReport {
  readonly responses: number;
  readonly links: number;
  /** Whether the participant existed (false: nothing was changed). */
  readonly found: boolean;
}

/** How an erasure is carried out: the waves to close for good and how long the markers live. */
export interface ErasurePlan {
  /**
   * Every wave of the programme, so that no write can land on any of them afterwards; the store
   * adds every wave the participant's links name (a catalogue may lack a session).
   */
  readonly waves: readonly { readonly session: string; readonly wave: WaveKind }[];
  /** Epoch seconds when the erasure markers themselves expire. */
  readonly markersExpireAt: number;
  /**
   * The keyed hash of the link the participant withdrew through: it becomes a marker last, so
   * a withdrawal cut short (a timeout) can be finished by trying again through the same link.
   */
  readonly via?: string | undefined;
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
  /**
   * Creates each participant with its links, then the batch record (batched writes: callers hand
   * out codes only after it returns).
   */
  createParticipants(batch: ParticipantBatch, participants: readonly NewParticipant[]): Promise<void>;
  /** The cohort's batches (one Query over their keys). */
  listBatches(programme: string, cohort: string): Promise<ParticipantBatch[]>;
  /** The cohort's batches, participants and answered waves, in one Query pass over its partition. */
  cohortRoll(programme: string, cohort: string): Promise<CohortRoll>;
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
  /** Every response of a cohort, in one Query pass (exports, and reads of one cohort held whole). */
  listCohortResponses(programme: string, cohort: string): Promise<StoredResponse[]>;
  /**
   * Every response of a cohort, in one Query pass, handed over a page at a time in the Query's
   * order (grouped by participant, participants in id order) and not kept: aggregation scores
   * each page and drops it, so a cohort of any size is read in bounded memory.
   */
  forEachCohortResponsePage(
    programme: string,
    cohort: string,
    onPage: (responses: readonly StoredResponse[]) => void,
  ): Promise<void>;
  /**
   * How many of the cohort's responses were received at or after `since` (time-ordered index, keys only, consistent).
   */
  countResponsesSince(programme: string, cohort: string, since: string): Promise<number>;
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

/** Computed indicators, replaced per scope on each aggregation. */
export interface IndicatorStore {
  /**
   * Replaces the scope's rows, one item per session, unless a run that saw more erasures
   * stored them; then writes the mark, on condition that no erasure was counted since
   * `mark.erasuresIncluded` was read.
   * @throws ErasureRaceError (core/errors.ts) in either case: the caller computes again
   */
  putIndicators(scope: IndicatorScope, rows: readonly IndicatorRow[], mark: AggregationMark): Promise<void>;
  listIndicators(scope: IndicatorScope): Promise<StoredIndicators>;
  getMark(scope: IndicatorScope): Promise<AggregationMark | undefined>;
  /**
   * Begins the fan-in of a programme's aggregation run: one pending marker per cohort job and a
   * counter of them, named by the run's id; the last job to finish starts the pool. Replaces an
   * earlier run's counter (its jobs then count nothing).
   * @returns the earlier run's count still pending (above 0: one of its jobs never finished), if any
   */
  startAggregationRun(programme: string, run: AggregationRun): Promise<number | undefined>;
  /**
   * Counts one cohort job of the programme's run as finished (done, or given up on): only if its
   * marker was still pending (a job delivered again counts nothing), and only while `run` is the
   * programme's current run (a job of a replaced run counts nothing).
   * @returns true for exactly one caller: the one that finished the run's last pending job
   */
  finishAggregationJob(programme: string, run: string, cohort: string): Promise<boolean>;
}

/** A run of cohort jobs the hourly plan queued for a programme. */
export interface AggregationRun {
  /** New for every run; the jobs carry it. */
  readonly id: string;
  /** The cohorts whose jobs were queued. */
  readonly cohorts: readonly string[];
  /** Epoch seconds after which leftover pending markers (of a replaced run) vanish. */
  readonly expiresAt: number;
}

/** What a programme's summaries have shown so far, kept privately to protect the next one. */
export interface PublicationRecord {
  readonly programme: string;
  readonly period: string;
  /** Records from before the history only: the last published people count of every cell (cell key -> n). */
  readonly shown?: Readonly<Record<string, number>>;
  /** The last published figures of every cell ever shown, to carry forward; absent on records from before. */
  readonly figures?: Readonly<Record<string, PublishedFigures>>;
  /** What every publication showed and every cell's exact count then (disclosure.ts); absent on records from before. */
  readonly history?: DisclosureHistory;
  /**
   * Which record this is, as read; a new record names the one it was built on, and is refused
   * with `PublicationChangedError` if another was recorded since (undefined: none, or one from
   * before revisions).
   */
  readonly revision?: string;
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
  /** The period of the most recent publication alone (one small read): what the deadline check needs. */
  latestPeriod(programme: string): Promise<string | undefined>;
  putPublication(record: PublicationRecord): Promise<void>;
  wasSent(programme: string, period: string, funder: string): Promise<boolean>;
  recordSent(record: DeliveryRecord): Promise<void>;
}

/** The current time; core never reads the clock itself. */
export interface Clock {
  now(): Date;
}
