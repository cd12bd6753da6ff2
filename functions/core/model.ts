/**
 * The domain model: what a participant's answers, a wave's stored record and an impact table's
 * rows are. Each is a zod/mini schema whose inferred type is the type the whole code uses
 * (ports, use cases, adapters, pages), so there is one definition to read and to change. The
 * schemas validate what crosses a trust boundary (stored items read back); the hot aggregation
 * path trusts its own writes and does not parse each response.
 */
import * as z from 'zod/mini';

/**
 * Cohorts, funders and the programme as it runs are defined beside the definitions they are
 * checked against (`surveys/schema.ts`); ports and adapters take them from here, the domain model.
 */
export type { Cohort, Funder, Language, Programme } from '#surveys/schema.ts';

/** Which wave of a session a link opens: before it, after it, or months later (a session's follow-up). */
export const WaveKind = z.enum(['pre', 'post', 'followup']);
export type WaveKind = z.infer<typeof WaveKind>;

/** Whether a value read back (a stored item, a sealed token, a typed cell) names a wave. */
export function isWaveKind(value: unknown): value is WaveKind {
  return value === 'pre' || value === 'post' || value === 'followup';
}

/** Whose wave: the fields a link names, and every response, draft and marker is kept under. */
const waveOwner = {
  programme: z.string(),
  cohort: z.string(),
  participant: z.string(),
  session: z.string(),
  wave: WaveKind,
};

/** What a link code resolves to. The participant id is pseudonymous; no name, email or phone. */
export const LinkTarget = z.readonly(z.object(waveOwner));
export type LinkTarget = z.infer<typeof LinkTarget>;

/** One accepted response: answers as option values per instrument and item. */
export const StoredResponse = z.readonly(
  z.object({
    ...waveOwner,
    /** instrument id -> item id -> chosen option value ("prefer-not-to-say" for an explicit skip). */
    answers: z.readonly(z.record(z.string(), z.readonly(z.record(z.string(), z.string())))),
    /**
     * The then-test of a post wave that asks one: instrument id -> item id -> option value, the
     * same items answered again looking back to before the programme. Absent for other waves.
     */
    // biome-ignore lint/suspicious/noThenProperty: the shared contract's name; never a function, never a thenable
    then: z.optional(z.readonly(z.record(z.string(), z.readonly(z.record(z.string(), z.string()))))),
    /** subgroup id -> option value, for subgroups asked in this wave. */
    groups: z.readonly(z.record(z.string(), z.string())),
    language: z.string(),
    consentVersion: z.string(),
    receipt: z.string(),
    receivedAt: z.string(),
    /** Epoch seconds after which the raw answers expire (the programme's retention). */
    expiresAt: z.number(),
  }),
);
export type StoredResponse = z.infer<typeof StoredResponse>;

/**
 * Why a screen is shown with a message above its questions: the participant moved on from it
 * with nothing answered (asked once whether to continue anyway), or reached the end with no
 * question answered at all (nothing is sent).
 */
export const ScreenNotice = z.enum(['confirm-empty', 'nothing-answered']);
export type ScreenNotice = z.infer<typeof ScreenNotice>;

/**
 * A questionnaire in progress, kept on the server between screens so that reload, Back and a
 * lost connection never lose answers. Covered by the consent already given (nothing is kept
 * before it), short-lived, replaced by the response on submission, removed by withdrawal, and
 * never aggregated.
 */
export const SurveyDraft = z.readonly(
  z.object({
    /** The screen to show next. */
    step: z.number(),
    /** Answers so far, as form fields (consent, `a.<instrument>.<item>`, `g.<subgroup>`), valid values only. */
    fields: z.readonly(z.record(z.string(), z.string())),
    language: z.string(),
    /** Why `step` is shown with a message: nothing answered on it yet (ask once), or nothing at all to send. */
    notice: z.optional(ScreenNotice),
    /** Epoch seconds when the draft expires. */
    expiresAt: z.number(),
  }),
);
export type SurveyDraft = z.infer<typeof SurveyDraft>;

/** What is stored for a participant's wave: nothing yet, a draft, the response, or an erasure marker. */
export type WaveRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'draft'; readonly draft: SurveyDraft }
  | { readonly kind: 'response'; readonly response: StoredResponse }
  | { readonly kind: 'withdrawn' };

/** A subgroup cell: one value of one dimension (site, role, age band...). */
export const GroupKey = z.readonly(z.object({ dimension: z.string(), value: z.string() }));
export type GroupKey = z.infer<typeof GroupKey>;

const count = z.number();
const statistic = z.nullable(z.number());
const optional = z.optional(statistic);

/**
 * What a cell adds when its design has it (evaluation beyond before-after, statistics/later.ts,
 * cell.ts, comparison.ts): absent when the design does not (no follow-up wave, no then-test, no
 * norms, no comparison cohort), and the follow-up's and the then-test's until someone has answered
 * them (a follow-up months away is not yet "lost"); null when asked but not computable. Every row
 * has the attrition keys (`lost_share`, and the bounds, from the instrument's range).
 */
const laterIndicators = {
  /** Attrition: people with a pre score and no post score, over people with a pre score. */
  lost_share: optional,
  /** Worst and best cases of the mean change over everyone with a pre score (Manski bounds). */
  bounds_low: optional,
  bounds_high: optional,
  /** Follow-up: change from pre to follow-up over those with both (t interval). */
  n_followup: optional,
  mean_change_followup: optional,
  sd_change_followup: optional,
  ci95_low_followup: optional,
  ci95_high_followup: optional,
  /** Follow-up: change from post to follow-up over those with both (negative for higher-better: fading). */
  n_post_followup: optional,
  mean_change_post_followup: optional,
  ci95_low_post_followup: optional,
  ci95_high_post_followup: optional,
  /** Of those with pre, post and follow-up (`n_all_waves`): better at post than at pre, still better at follow-up. */
  n_all_waves: optional,
  n_sustained: optional,
  /** People with a pre score and no follow-up score, over people with a pre score. */
  lost_share_followup: optional,
  /** Manski bounds on the change from pre to follow-up over everyone with a pre score (as `bounds_low`). */
  bounds_low_followup: optional,
  bounds_high_followup: optional,
  /** Then-test: change from the retrospective pre-test to post, over those with both (t interval). */
  n_then: optional,
  mean_change_then: optional,
  ci95_low_then: optional,
  ci95_high_then: optional,
  /** Response shift: retrospective pre-test minus pre-test, over those with both (t interval). */
  n_shift: optional,
  mean_response_shift: optional,
  ci95_low_shift: optional,
  ci95_high_shift: optional,
  /** Clinically significant change (Jacobson & Truax 1991): the cut-off and how it was set. */
  csc_cutoff: optional,
  csc_criterion: z.optional(z.nullable(z.enum(['published', 'a', 'b', 'c']))),
  /** Reliable improvement from the atypical side of the cut-off to the typical side (among `rci_improved`). */
  rci_recovered: optional,
  /** Completers in the typical range before and after, as shares of the completers. */
  typical_pre_share: optional,
  typical_post_share: optional,
  /** Comparison cohorts (pool rows): their completers, mean change, and the programme's difference from it. */
  n_comparison: optional,
  mean_change_comparison: optional,
  did_estimate: optional,
  did_ci95_low: optional,
  did_ci95_high: optional,
  did_df: optional,
  did_g: optional,
};

/**
 * The indicators of one cell: the statistics of change over its completers (change is post -
 * pre), plus what a cohort table adds. Means are null without data, SDs below two values; every
 * statistic that does not exist for the data is null, never NaN. The statistics of change are
 * those `prepost stats` prints, defined (and documented) in `statistics/paired.ts`.
 */
export const Indicators = z.readonly(
  z.object({
    n_paired: count,
    mean_change: statistic,
    sd_change: statistic,
    ci95_low: statistic,
    ci95_high: statistic,
    t: statistic,
    df: statistic,
    p_t: statistic,
    /** R's V: the sum of the ranks of the positive changes. */
    wilcoxon_v: statistic,
    p_wilcoxon: statistic,
    wilcoxon_method: z.enum(['exact', 'normal-approximation', 'none']),
    d_z: statistic,
    d_av: statistic,
    g_av: statistic,
    n_pre: count,
    n_post: count,
    /** Scored before but not after: the drop-outs, so attrition bias is visible. */
    n_pre_only: count,
    /** All pre respondents with a score. */
    mean_pre: statistic,
    sd_pre: statistic,
    /** All post respondents with a score. */
    mean_post: statistic,
    sd_post: statistic,
    /** Baseline of the drop-outs, to compare with the completers' baseline. */
    mean_pre_dropouts: statistic,
    /** Completers only (scored both before and after). */
    mean_pre_paired: statistic,
    sd_pre_paired: statistic,
    mean_post_paired: statistic,
    sd_post_paired: statistic,
    /** Holm-adjusted p_t across the instruments of the same cohort, session and group. */
    p_t_holm: statistic,
    /** Cronbach's alpha of the item scores at baseline: whole-group cells, complete cases. */
    alpha_baseline: statistic,
    /** The reliability used for reliable change (the whole group's, in every cell), and where it came from. */
    reliability: statistic,
    reliability_source: z.nullable(z.enum(['published', 'cronbach-alpha-baseline'])),
    rci_threshold: statistic,
    rci_improved: statistic,
    rci_unchanged: statistic,
    rci_deteriorated: statistic,
    /** Knowledge quizzes only: Hake's normalised gain. */
    gain_of_averages: statistic,
    average_of_gains: statistic,
    gain_undefined: statistic,
    ...laterIndicators,
  }),
);
export type Indicators = z.infer<typeof Indicators>;

/** The keys of {@link Indicators} a cell has only when its design asks for them (absent: not asked). */
export type LaterIndicatorKey = keyof typeof laterIndicators;

/**
 * One item's answers in a table (whole-group rows of a cohort's whole instrument): how many chose
 * each of the item's scored options (by position, as the definition lists them) before and after,
 * and among those who answered it both times, how many moved to a better answer, stayed, or moved
 * to a worse one (by the item's score and the instrument's direction). Evaluators only.
 */
export const ItemAnswers = z.readonly(
  z.object({
    item: z.string(),
    before: z.readonly(z.array(z.number())),
    after: z.readonly(z.array(z.number())),
    better: z.number(),
    same: z.number(),
    worse: z.number(),
  }),
);
export type ItemAnswers = z.infer<typeof ItemAnswers>;

/** One cell of an impact table. Pooled rows have cohort and session null. */
export const IndicatorRow = z.readonly(
  z.object({
    cohort: z.nullable(z.string()),
    session: z.nullable(z.string()),
    instrument: z.string(),
    /** A part of the instrument scored on its own (`subscale:<id>`, `topic:<id>`); absent for the whole. */
    part: z.optional(z.string()),
    group: z.nullable(GroupKey),
    indicators: Indicators,
    /**
     * Whole-group cells only: the distribution of the completers' individual changes as
     * [change, how many] pairs in ascending order, without ids, for the evaluator's chart and
     * export: exact, unless a table holds too many for its stored item (statistics/distribution.ts).
     * Never published to funders.
     */
    changeCounts: z.optional(z.readonly(z.array(z.readonly(z.tuple([z.number(), z.number()]))))),
    /** Whole-group rows of a cohort's whole instrument: each item's answers (see {@link ItemAnswers}). */
    items: z.optional(z.readonly(z.array(ItemAnswers))),
  }),
);
export type IndicatorRow = z.infer<typeof IndicatorRow>;

/**
 * The programme pool's name wherever a cohort or session name is expected: the impact API's
 * `cohort=pooled`, the pool's one stored table, the dashboard's keys.
 */
export const POOLED = 'pooled';

/** Which stored impact table: a cohort's, or (cohort null) the programme's pool. */
export const IndicatorScope = z.readonly(z.object({ programme: z.string(), cohort: z.nullable(z.string()) }));
export type IndicatorScope = z.infer<typeof IndicatorScope>;

/** What an aggregation of a scope included: written after its rows, so a crash leaves the old mark. */
export const AggregationMark = z.readonly(
  z.object({
    /** The receivedAt of the newest response included ('' when none). */
    asOf: z.string(),
    responses: z.number(),
    /** The sessions stored (a pool stores one table, {@link POOLED}). */
    sessions: z.readonly(z.array(z.string())),
    /** Cohorts: participants created, and responses per wave (`session:pre`), for response rates. */
    participants: z.optional(z.number()),
    answered: z.optional(z.readonly(z.record(z.string(), z.number()))),
    /**
     * Cohorts: the responses included that were received at or after `windowStart` (a quarter of
     * an hour before `asOf`). A later run counts that window again: a different count means new
     * responses, even ones stamped with the same or a slightly earlier time than `asOf`.
     */
    windowStart: z.optional(z.string()),
    windowCount: z.optional(z.number()),
    /** Pools: the cohort marks they were computed from, to know when they are stale. */
    basis: z.optional(z.string()),
    /** Erasures counted on the scope so far (bumped by every erasure in it). */
    erasures: z.optional(z.number()),
    /** The erasures already taken into account when the rows were computed. */
    erasuresIncluded: z.optional(z.number()),
    /**
     * Erasures of participants who had answered (bumped with `erasures`, only for them): what the
     * funder summaries take as someone having left a published figure. Erasing a participant who
     * never answered (an unused card) changes no figure.
     */
    withdrawals: z.optional(z.number()),
    /**
     * Set when, after this mark was stored, rows of another computation were found under it (two
     * overlapping runs of the scope, their writes interleaved): the rows may be older than the
     * mark claims, so the scope is stale until recomputed.
     */
    mixed: z.optional(z.boolean()),
  }),
);
export type AggregationMark = z.infer<typeof AggregationMark>;

/**
 * Whether a scope's stored rows may still include someone who has since withdrawn (an erasure
 * was counted after they were computed), or may be older than their mark (`mixed`). Readers show
 * no such rows; aggregation recomputes them.
 */
export function isStale(mark: AggregationMark | undefined): boolean {
  return (mark?.erasures ?? 0) !== (mark?.erasuresIncluded ?? 0) || mark?.mixed === true;
}
