/**
 * What a funder summary says, before it is laid out: the headline, the findings by measure
 * (strongest change first), participation and the methods, as sentences and labels in one
 * language. The page, the email's HTML and its plain text (`summary-page.ts`) all lay out this
 * one reading, so they can never tell a funder different things.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, Programme } from '#surveys/schema.ts';
import type { Summary, SummaryRow } from '#core/summary.ts';
import {
  isPool,
  isWhole,
  localized,
  stronger,
  SummaryPhrasing,
  type GroupReading,
  type RowReading,
} from './summary-phrasing.ts';
import { periodName, plural, type SummaryStrings } from './summary-strings.ts';

export type { GroupReading, RowReading } from './summary-phrasing.ts';

/** The highest loss to follow-up NHLBI's quality assessment tool for before-after studies accepts. */
const ACCEPTED_LOSS = 0.2;
/** How many changes the headline names. */
const HEADLINE_CHANGES = 3;

/** Everything said about one measure (instrument). */
export interface MeasureReading {
  readonly name: string;
  readonly construct: string;
  readonly percent: boolean;
  readonly rows: readonly RowReading[];
  readonly groups: readonly GroupReading[];
  /** Subgroup results not shown, counted (listing them would say nothing more). */
  readonly hiddenGroups: string | undefined;
  /** Its tables' captions and column headings (the change is in points or percentage points). */
  readonly headings: {
    readonly where: string;
    readonly change: string;
    readonly byGroup: string;
    readonly group: string;
    readonly people: string;
    readonly changeWithInterval: string;
  };
}

/** The whole summary as sentences in one language. */
export interface SummaryReading {
  readonly language: Language;
  readonly words: SummaryStrings;
  readonly programme: string;
  readonly month: string;
  readonly title: string;
  readonly headline: string;
  readonly measures: readonly MeasureReading[];
  readonly participation: readonly string[];
  readonly methods: {
    readonly items: readonly (readonly [string, string])[];
    readonly measures: readonly (readonly [string, string])[];
  };
  readonly contact: { readonly line: string; readonly email: string } | undefined;
}

/** Reads a summary for a funder in `language`, with the names the definitions give in it. */
export function readSummary(
  catalog: Catalog,
  programme: Programme,
  summary: Summary,
  language: Language,
): SummaryReading {
  const say = new SummaryPhrasing(catalog, programme, language, summary.k);
  const { words, count, share } = say;
  const visible = summary.rows.filter((row) => !row.suppressed && row.indicators !== null);
  const instruments = [...new Set(summary.rows.map((row) => row.instrument))];
  const strongestOf = (instrument: string): SummaryRow | undefined =>
    visible.filter((row) => row.instrument === instrument && isWhole(row)).sort(stronger)[0];
  instruments.sort((a, b) => {
    const [ra, rb] = [strongestOf(a), strongestOf(b)];
    return ra === undefined ? (rb === undefined ? 0 : 1) : rb === undefined ? -1 : stronger(ra, rb);
  });

  const measures = instruments.map((id): MeasureReading => {
    const rows = summary.rows.filter((row) => row.instrument === id);
    const wholeShown = rows
      .filter((row) => isWhole(row) && visible.includes(row))
      .sort((a, b) => Number(isPool(b)) - Number(isPool(a)) || stronger(a, b));
    const wholeHidden = rows.filter((row) => isWhole(row) && !visible.includes(row));
    const groups = rows
      .filter((row) => !isWhole(row) && visible.includes(row))
      .sort((a, b) => Number(isPool(b)) - Number(isPool(a)));
    const hiddenGroups = rows.filter((row) => !isWhole(row) && !visible.includes(row)).length;
    const hiddenCount = count.format(hiddenGroups);
    const instrument = say.instrument(id);
    return {
      name: say.measureName(id),
      construct: instrument === undefined ? '' : localized(instrument.construct, language),
      percent: instrument?.scoring.rule === 'percent-correct',
      rows: [...wholeShown, ...wholeHidden].map((row) => say.row(row)),
      groups: groups.map((row) => say.group(row)),
      hiddenGroups: hiddenGroups === 0 ? undefined : words.hiddenGroups(hiddenCount, plural(language, hiddenCount)),
      headings: {
        where: words.where,
        change: words.change(instrument?.scoring.rule === 'percent-correct'),
        byGroup: words.byGroup,
        group: words.group,
        people: words.peopleHeading,
        changeWithInterval: words.changeWithInterval,
      },
    };
  });

  const headline = (): string => {
    const pool = visible.filter((row) => isPool(row) && isWhole(row)).sort(stronger);
    const clause = (row: SummaryRow, withPlace: boolean): string => {
      const carried = say.carried(row);
      const notes = [...(withPlace ? [say.where(row)] : []), ...(carried === undefined ? [] : [carried])];
      const noted = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
      return `${say.measureName(row.instrument)}${noted}, ${say.change(row)}`;
    };
    const more = instruments.length > HEADLINE_CHANGES ? ` ${words.detailsBelow}` : '';
    if (pool.length > 0) {
      const participants = count.format(Math.max(...pool.map((row) => row.n_paired ?? 0)));
      const inSummary = new Set(summary.rows.map((row) => row.cohort));
      const cohorts = programme.cohorts.filter((cohort) => inSummary.has(cohort.id)).map((cohort) => cohort.name);
      const clauses = pool.slice(0, HEADLINE_CHANGES).map((row) => clause(row, false));
      return `${words.across(participants, cohorts.length, cohorts)}: ${clauses.join('; ')}.${more}`;
    }
    const cohortRows = visible.filter(isWhole).sort(stronger);
    if (cohortRows.length > 0)
      return `${words.byCohort}: ${cohortRows
        .slice(0, HEADLINE_CHANGES)
        .map((row) => clause(row, true))
        .join('; ')}.${more}`;
    return summary.rows.length === 0 ? words.nobodyYet : words.nothingYet(summary.k);
  };

  /** "38 of 52 participants who started answered again (73%); 14 (27%) did not, within ...". */
  const participationOf = (rows: readonly SummaryRow[]): string | undefined => {
    const current = rows.filter((row) => row.as_of === undefined);
    const [row] = [...(current.length > 0 ? current : rows)].sort((a, b) => (b.n_started ?? 0) - (a.n_started ?? 0));
    if (row?.n_started == null || row.n_paired === null || row.n_started === 0) return undefined;
    const lost = Math.max(0, row.n_started - row.n_paired);
    const started = count.format(row.n_started);
    const lostShare = lost / row.n_started;
    const completed = words.completed(
      count.format(row.n_paired),
      started,
      plural(language, started),
      share.format(1 - lostShare),
    );
    const lostCount = count.format(lost);
    const lostClause =
      lost === 0
        ? ''
        : `; ${words.lost(lostCount, plural(language, lostCount), share.format(lostShare), lostShare > ACCEPTED_LOSS)}`;
    const carried = say.carried(row);
    return `${completed}${lostClause}${carried === undefined ? '' : ` (${carried})`}.`;
  };
  const poolParticipation = participationOf(visible.filter((row) => isPool(row) && isWhole(row)));
  const participation =
    poolParticipation !== undefined
      ? [poolParticipation]
      : programme.cohorts.flatMap((cohort) => {
          const sentence = participationOf(visible.filter((row) => row.cohort === cohort.id && isWhole(row)));
          return sentence === undefined ? [] : [`${cohort.name}: ${sentence}`];
        });

  const reliabilityOf = (instrument: Instrument | undefined): string => {
    if (instrument?.kind === 'quiz') return words.quiz;
    if (instrument?.kind === 'single-item') return words.singleItem;
    const reliability = instrument?.reliability;
    if (reliability?.method !== 'published') return words.baselineAlpha;
    // The source's first reference (authors and year) is enough here; the definition keeps the whole.
    const source = /^.*?\(\d{4}\)/.exec(reliability.source)?.[0] ?? reliability.source;
    return words.published(
      new Intl.NumberFormat(language, { minimumFractionDigits: 2 }).format(reliability.value),
      source,
    );
  };
  const rounding = programme.rounding.base > 1 ? programme.rounding : undefined;
  const programmeName = localized(programme.name, language);
  const month = periodName(summary.period, language);
  return {
    language,
    words,
    programme: programmeName,
    month,
    title: words.title(programmeName, month),
    headline: headline(),
    measures,
    participation: participation.length > 0 ? participation : [words.noParticipation],
    methods: {
      items: [
        words.design,
        [words.participants, words.participantsText(words.participation)],
        words.analysis,
        [words.privacy, words.privacyText(summary.k, rounding)],
        words.limits,
      ],
      measures: instruments.map((id) => [say.measureName(id), reliabilityOf(say.instrument(id))] as const),
    },
    contact:
      programme.contact === undefined
        ? undefined
        : { line: words.contact(programme.contact.name, programme.organisation), email: programme.contact.email },
  };
}
