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

const Id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: a-z, 0-9 and single hyphens'));
const NonEmpty = z.string().check(z.minLength(1));
const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'));

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

export const Wave = z.object({
  instruments: z.array(Id).check(z.minLength(1)),
  /** Subgroup questions asked in this wave (usually the first pre wave). */
  subgroups: z._default(z.array(Id), []),
});
export type Wave = z.infer<typeof Wave>;

export const Session = z.object({
  id: Id,
  name: LocalizedText,
  /** Free labels such as the session type, shown in tables. */
  attributes: z._default(z.record(Id, Id), {}),
  pre: Wave,
  post: Wave,
});
export type Session = z.infer<typeof Session>;

/** When a wave accepts answers; absent bounds mean open. */
const Window = z.object({ opens: z.optional(IsoDate), closes: z.optional(IsoDate) });

export const Cohort = z.object({
  id: Id,
  name: NonEmpty,
  /** Values of `source: cohort` subgroups, such as the site. */
  attributes: z._default(z.record(Id, Id), {}),
  /** Per wave (`session-id:pre`), when it is open. */
  windows: z._default(z.record(z.string().check(z.regex(/^[a-z0-9-]+:(pre|post)$/)), Window), {}),
});
export type Cohort = z.infer<typeof Cohort>;

export const Programme = z.object({
  id: Id,
  name: LocalizedText,
  organisation: NonEmpty,
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
  funders: z.array(
    z.object({
      name: NonEmpty,
      email: z.string().check(z.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address')),
    }),
  ),
  summarySchedule: z.object({ cron: NonEmpty, timezone: NonEmpty }),
  subgroups: z._default(z.array(Subgroup), []),
  sessions: z.array(Session).check(z.minLength(1)),
  cohorts: z.array(Cohort).check(z.minLength(1)),
});
export type Programme = z.infer<typeof Programme>;
