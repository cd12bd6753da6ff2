/**
 * The schema every instrument and programme definition in `surveys/` obeys.
 *
 * Definitions are data so that coordinators and evaluators can read and review them; this
 * schema is both their validator and, through `z.infer`, the type the rest of the code uses.
 * It is written with `zod/mini` because the Lambda bundles load the catalogue at cold start.
 */
import * as z from 'zod/mini';

/** The languages prepost ships strings for. */
export const LANGUAGES = ['en', 'ro', 'es', 'ca'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

// Ids and names have a length limit: coordinators type them at run time, and ids go into table keys.
const Id = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: a-z, 0-9 and single hyphens'),
    z.maxLength(64, 'must be at most 64 characters'),
  );
const NonEmpty = z.string().check(z.minLength(1));
/** A name a person gives (a cohort's, a site's, a funder's): on one line, of a readable length. */
const Name = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(200, 'must be at most 200 characters'),
    z.regex(/^[^\r\n]*$/, 'must be on one line'),
  );
/** A calendar day: the form of YYYY-MM-DD and a day that exists (not 2027-02-30). */
const IsoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  // Only a value of the right form is checked against the calendar: one problem for each value.
  z.refine(
    (day) =>
      !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
      (!Number.isNaN(Date.parse(day)) && new Date(Date.parse(day)).toISOString().slice(0, 10) === day),
    'must be a day of the calendar',
  ),
);

/** A text in some of the shipped languages; which ones are required is checked per programme. */
export const LocalizedText = z.object({
  en: z.optional(NonEmpty),
  ro: z.optional(NonEmpty),
  es: z.optional(NonEmpty),
  ca: z.optional(NonEmpty),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** One answer option: the value sent by the form, its score, its label. */
export const ResponseOption = z.object({
  value: Id,
  score: z.number(),
  label: LocalizedText,
  /** Quiz items: the right answer. */
  correct: z.optional(z.boolean()),
});
export type ResponseOption = z.infer<typeof ResponseOption>;

export const Item = z.object({
  id: Id,
  text: LocalizedText,
  /** Reverse-scored: the score becomes (min + max) - score, over the item's options. */
  reverse: z._default(z.boolean(), false),
  /** A participant may leave it unanswered. Most items are; consent is the exception. */
  skippable: z._default(z.boolean(), true),
  /** Sensitive questions offer an explicit "prefer not to say", counted as not answered. */
  sensitive: z._default(z.boolean(), false),
  /** Knowledge quizzes: the topic this question tests, for per-topic % correct. */
  topic: z.optional(Id),
  /** Item-specific options; otherwise the instrument's shared options apply. */
  options: z.optional(z.array(ResponseOption).check(z.minLength(2))),
});
export type Item = z.infer<typeof Item>;

/** Where the reliability used for reliable change comes from. */
export const Reliability = z.union([
  z.object({ method: z.literal('published'), value: z.number().check(z.gt(0), z.lt(1)), source: NonEmpty }),
  z.object({ method: z.literal('cronbach-alpha-baseline') }),
]);
export type Reliability = z.infer<typeof Reliability>;

/** A population's score on an instrument: its mean and standard deviation, on the instrument's own scoring. */
const NormGroup = z.object({
  mean: z.number('must be a finite number'),
  sd: z.number('must be a finite number').check(z.gt(0, 'must be above 0')),
});

/**
 * Published norms of an instrument: the scores of a functional (general) population and of a
 * dysfunctional (clinical) one, or a published cut-off, with the full citation they come from
 * (and, when the publication scored the items otherwise, how its figures were converted). From
 * them, Jacobson & Truax (1991) place the cut-off between the typical and the atypical range:
 * a = 2 SD beyond the dysfunctional mean, b = 2 SD within the functional mean, c = the weighted
 * midpoint of the two; a published `cutoff` is used as given. At least the cut-off or the
 * functional population is needed for any of them.
 */
export const Norms = z
  .object({
    functional: z.optional(NormGroup),
    dysfunctional: z.optional(NormGroup),
    cutoff: z.optional(z.number('must be a finite number')),
    source: NonEmpty,
  })
  .check(
    z.refine(
      (norms) => norms.cutoff !== undefined || norms.functional !== undefined || norms.dysfunctional !== undefined,
      // Jacobson & Truax's criterion a needs the dysfunctional population alone.
      'needs a cutoff, or the functional or the dysfunctional population (mean and sd)',
    ),
  );
export type Norms = z.infer<typeof Norms>;

/** Whether a translation is a published validated version or ours. */
export const TranslationStatus = z.object({
  status: z.enum(['original', 'validated', 'unvalidated']),
  source: z.optional(NonEmpty),
});

export const Instrument = z.object({
  id: Id,
  version: NonEmpty,
  kind: z.enum(['scale', 'quiz', 'single-item']),
  /** The scale's own name (academic, as cited), for evaluators, the dashboard and the funder summary. */
  name: LocalizedText,
  /**
   * The heading participants see above the instrument's questions: plain words about their own
   * life, with no scale name and no jargon ("How you see yourself", not "Rosenberg Self-Esteem
   * Scale"), because a scale's name can label people or tell them what the answers are read for.
   */
  title: LocalizedText,
  /** What it measures, in a sentence, for the evaluator and the funder summary. */
  construct: LocalizedText,
  citation: NonEmpty,
  licence: NonEmpty,
  translations: z.partialRecord(Language, TranslationStatus),
  instructions: z.optional(LocalizedText),
  options: z.optional(z.array(ResponseOption).check(z.minLength(2))),
  items: z.array(Item).check(z.minLength(1)),
  subscales: z.optional(z.array(z.object({ id: Id, name: LocalizedText, items: z.array(Id).check(z.minLength(1)) }))),
  scoring: z.object({
    /** sum or mean of item scores; percent-correct for quizzes. */
    rule: z.enum(['sum', 'mean', 'percent-correct']),
    /** Score only when at least this share of items is answered; sums are then prorated. */
    minAnswered: z._default(z.number().check(z.gt(0), z.lte(1)), 0.8),
  }),
  direction: z.enum(['higher-better', 'lower-better']),
  range: z.object({ min: z.number(), max: z.number() }),
  reliability: z.optional(Reliability),
  /** Population norms or a published cut-off, for clinically significant change (Jacobson & Truax 1991). */
  norms: z.optional(Norms),
});
export type Instrument = z.infer<typeof Instrument>;

/** A participant attribute that defines subgroups: asked in the form, or set per cohort. */
export const Subgroup = z.object({
  id: Id,
  label: LocalizedText,
  source: z.enum(['question', 'cohort']),
  /** Asked questions: the text shown. */
  question: z.optional(LocalizedText),
  sensitive: z._default(z.boolean(), false),
  options: z.array(z.object({ value: Id, label: LocalizedText })).check(z.minLength(2)),
});
export type Subgroup = z.infer<typeof Subgroup>;

/**
 * A retrospective pre-test ("then-test"), asked in a post wave: the instruments named are asked
 * a second time, after their own questions, looking back to before the programme (same items,
 * same options), so that change can be measured against a baseline judged with the same
 * understanding of the questions as the post answers (response shift).
 */
export const ThenTest = z.object({
  /** Instruments of the same wave asked again, looking back. */
  instruments: z.array(Id).check(z.minLength(1)),
  /** What participants are asked to think back to, in each language of the programme. */
  prompt: LocalizedText,
  /** Where the prompt's wording comes from (published, or the programme's own and not validated). */
  source: z.optional(NonEmpty),
});
export type ThenTest = z.infer<typeof ThenTest>;

export const Wave = z.object({
  instruments: z.array(Id).check(z.minLength(1)),
  /** Subgroup questions asked in this wave (usually the first pre wave). */
  subgroups: z._default(z.array(Id), []),
  /** Post waves only (the catalogue refuses it elsewhere): a then-test of some of the wave's instruments. */
  // biome-ignore lint/suspicious/noThenProperty: the shared contract's name; never a function, never a thenable
  then: z.optional(ThenTest),
});
export type Wave = z.infer<typeof Wave>;

/**
 * A session's follow-up wave: its questions asked again `monthsAfter` months after the post wave,
 * so evaluators see whether a change lasted (What Works Wellbeing asks for a later measurement).
 */
export const FollowupWave = z.extend(Wave, {
  /** When it is due: whole months after the post wave (its window opens so long after the post one closes). */
  monthsAfter: z.number().check(z.int(), z.gte(1), z.lte(24)),
});
export type FollowupWave = z.infer<typeof FollowupWave>;

/**
 * What a session is, for the words cards and messages use: a `meeting` (a training or a
 * meeting on one day: "before the session", "after the session") or a `cycle` (weeks or months
 * of mentoring: "at the start", "at the end").
 */
export const SessionKind = z.enum(['meeting', 'cycle']);
export type SessionKind = z.infer<typeof SessionKind>;

export const Session = z.object({
  id: Id,
  name: LocalizedText,
  kind: z._default(SessionKind, 'meeting'),
  /** Free labels such as the session type, shown in tables. */
  attributes: z._default(z.record(Id, Id), {}),
  pre: Wave,
  post: Wave,
  /** Asked again months after the post wave, with its own links, window and reminders. */
  followup: z.optional(FollowupWave),
});
export type Session = z.infer<typeof Session>;

/**
 * When a wave accepts answers, both bounds inclusive days; `closed` ends it early (a coordinator
 * closed the wave). Cohorts made at run time give both dates for every wave; absent bounds mean
 * open (cohorts stored before windows were required).
 */
export const Window = z.object({
  opens: z.optional(IsoDate),
  closes: z.optional(IsoDate),
  closed: z.optional(z.boolean()),
});
export type Window = z.infer<typeof Window>;

/** A wave's id in cohort windows and exports: `session-id:pre`, `session-id:post` or `session-id:followup`. */
export const WaveId = z
  .string()
  .check(z.regex(/^[a-z0-9-]+:(pre|post|followup)$/, 'must be SESSION:pre, SESSION:post or SESSION:followup'));

/**
 * A cohort: a group of participants who go through the programme together, in one place and
 * time. Run-time data (the console, `prepost cohorts`), stored in the table, not in `surveys/`.
 */
export const Cohort = z.object({
  id: Id,
  name: Name,
  /** Where it runs, in words (a town, a centre), for staff pages. */
  site: z.optional(Name),
  /** Values of `source: cohort` subgroups, such as the site. */
  attributes: z._default(z.record(Id, Id), {}),
  /** Per wave (`session-id:pre`), when it is open. */
  windows: z._default(z.record(WaveId, Window), {}),
  /** A closed cohort takes no answers and no new participants; reopening it restores its windows. */
  status: z._default(z.enum(['open', 'closed']), 'open'),
  /**
   * A comparison cohort: a waiting list, people not yet in the programme who answer the same
   * questionnaires, so programme cohorts' change can be set against change without it.
   */
  comparison: z._default(z.boolean(), false),
});
export type Cohort = z.infer<typeof Cohort>;

/** An email address, as far as a form can tell: something@domain.tld, at most 254 characters (RFC 5321). */
const Email = z
  .string()
  .check(
    z.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address'),
    z.maxLength(254, 'must be at most 254 characters'),
  );

/** Someone a programme's summaries are sent to: run-time data kept by the programme's coordinators. */
export const Funder = z.object({
  /** Shown beside the address in the email's `To:`, quoted there (so it can never add a recipient). */
  name: Name,
  email: Email,
  /** The language of this funder's summary; the programme's default when absent. */
  language: z.optional(Language),
});
export type Funder = z.infer<typeof Funder>;

/**
 * A programme as defined in `surveys/programmes/`: instruments, sessions, subgroups, consent and
 * k, a reviewed change deployed with the stack. Its cohorts and funders are run-time data.
 */
export const ProgrammeDefinition = z.object({
  id: Id,
  name: LocalizedText,
  organisation: NonEmpty,
  /**
   * Who funders write to about the programme: named at the foot of every summary and the
   * Reply-To of its emails (the sender itself is a no-reply address of the deployment).
   */
  contact: z.optional(z.object({ name: Name, email: Email })),
  description: LocalizedText,
  languages: z.array(Language).check(z.minLength(1)),
  defaultLanguage: Language,
  /** Minimum paired participants for a cell a funder sees. */
  k: z._default(z.number().check(z.int(), z.gte(3)), 5),
  /** Published counts are rounded to the nearest `base` when below `below` (HESA-style). */
  rounding: z._default(
    z.object({ base: z.number().check(z.int(), z.gte(1)), below: z.number().check(z.int(), z.gte(0)) }),
    { base: 5, below: 50 },
  ),
  /** Days raw answers are kept before they expire. */
  retentionDays: z.number().check(z.int(), z.gt(0)),
  /** Show the "Exit this page" control on every page. */
  quickExit: z._default(z.boolean(), false),
  supportLine: z.optional(LocalizedText),
  consent: z.object({ version: NonEmpty, text: LocalizedText }),
  summarySchedule: z.object({ cron: NonEmpty, timezone: NonEmpty }),
  subgroups: z._default(z.array(Subgroup), []),
  sessions: z.array(Session).check(z.minLength(1)),
});
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinition>;

/**
 * A programme as the pipeline runs it: its definition with the cohorts and funders stored at
 * run time (`use-cases/programmes.ts` puts them together).
 */
export interface Programme extends ProgrammeDefinition {
  readonly cohorts: readonly Cohort[];
  readonly funders: readonly Funder[];
}

/**
 * The cohorts and funders a new deployment starts with (`surveys/seed/`): loaded as data on the
 * first `npm start` and by `prepost cohorts seed`. Their windows are set when they are loaded.
 */
export const ProgrammeSeed = z.object({
  programme: Id,
  cohorts: z.array(z.omit(Cohort, { windows: true, status: true })),
  funders: z._default(z.array(Funder), []),
});
export type ProgrammeSeed = z.infer<typeof ProgrammeSeed>;
