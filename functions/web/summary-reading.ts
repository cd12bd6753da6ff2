/**
 * What a funder summary says, before it is laid out: the headline, the findings by measure
 * (strongest change first), participation and the methods, as sentences and labels in one
 * language. The page, the email's HTML and its plain text (`summary-page.ts`) all lay out this
 * one reading, so they can never tell a funder different things.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, Programme } from '#surveys/schema.ts';
import { isComparisonCohort } from '#core/design.ts';
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

/** How many changes the headline names. */
const HEADLINE_CHANGES = 3;

/** Everything said about one measure (instrument). */
export interface MeasureReading {
  readonly name: string;
  readonly construct: string;
  readonly percent: boolean;
  readonly rows: readonly RowReading[];
  /**
   * The shown rows' bars, in one table, or two where programme-wide bars (first answer to last)
   * and one-session bars would otherwise stand side by side: each then under a caption saying its span.
   */
  readonly bars: readonly { readonly caption: string | undefined; readonly rows: readonly RowReading[] }[];
  /** Who answered this measure: started, completed, lost (its own, programme-wide or per cohort). */
  readonly participation: readonly string[];
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
    readonly participation: string;
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
  const { words, count } = say;
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
    const readings = wholeShown.map((row) => say.row(row));
    const shownBars = readings.filter((reading) => reading.shown !== undefined);
    const poolBars = shownBars.filter((_, index) => isPool(wholeShown[index] as SummaryRow));
    const cohortBars = shownBars.filter((_, index) => !isPool(wholeShown[index] as SummaryRow));
    const split = say.spans && poolBars.length > 0 && cohortBars.length > 0;
    const poolRows = wholeShown.filter(isPool);
    const participationRows = poolRows.length > 0 ? poolRows : wholeShown;
    return {
      name: say.measureName(id),
      construct: instrument === undefined ? '' : localized(instrument.construct, language),
      percent: instrument?.scoring.rule === 'percent-correct',
      rows: [...readings, ...wholeHidden.map((row) => say.row(row))],
      bars: split
        ? [
            { caption: words.poolBars, rows: poolBars },
            { caption: words.sessionBars, rows: cohortBars },
          ]
        : shownBars.length === 0
          ? []
          : [{ caption: undefined, rows: shownBars }],
      participation: participationRows.flatMap((row) => {
        const sentence = say.participation(row, false);
        return sentence === undefined ? [] : [`${say.where(row)}: ${sentence}.`];
      }),
      groups: groups.map((row) => say.group(row)),
      hiddenGroups: hiddenGroups === 0 ? undefined : words.hiddenGroups(hiddenCount, plural(language, hiddenCount)),
      headings: {
        where: words.where,
        change: words.change(instrument?.scoring.rule === 'percent-correct'),
        byGroup: words.byGroup,
        group: words.group,
        people: words.peopleHeading,
        changeWithInterval: words.changeWithInterval,
        participation: words.measureParticipation,
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
    const basis = basisOf(pool);
    if (pool.length > 0 && basis !== undefined) {
      const participants = say.people(basis.n_paired ?? 0);
      const inSummary = new Set(summary.rows.map((row) => row.cohort));
      // The programme-wide results leave comparison groups (waiting lists) out: so does their list.
      const inProgramme = programme.cohorts.filter((cohort) => !isComparisonCohort(cohort));
      const named = inProgramme.filter((cohort) => inSummary.has(cohort.id));
      // A summary of programme-wide rows only still comes from the programme's cohorts.
      const cohorts = (named.length > 0 ? named : inProgramme).map((cohort) => cohort.name);
      const clauses = pool.slice(0, HEADLINE_CHANGES).map((row) => clause(row, false));
      return `${words.across(participants, cohorts.length, cohorts, say.spans)}: ${clauses.join('; ')}.${more}`;
    }
    const cohortRows = visible.filter(isWhole).sort(stronger);
    if (cohortRows.length > 0)
      return `${words.byCohort}: ${cohortRows
        .slice(0, HEADLINE_CHANGES)
        .map((row) => clause(row, true))
        .join('; ')}.${more}`;
    return summary.rows.length === 0 ? words.nobodyYet : words.nothingYet(summary.k);
  };

  /**
   * "38 of 52 participants who started answered again (73%); 14 (27%) did not, within ...", from the
   * basis row of `rows`, naming its measure when the measures' figures differ.
   */
  const participationOf = (rows: readonly SummaryRow[]): string | undefined => {
    const row = basisOf(rows);
    const sentence = row === undefined ? undefined : say.participation(row, true);
    if (row === undefined || sentence === undefined) return undefined;
    const differ = rows.some(
      (other) =>
        other.n_paired !== row.n_paired || other.n_started !== row.n_started || other.lost_share !== row.lost_share,
    );
    const notes = [differ ? words.basedOn(say.measureName(row.instrument)) : undefined, say.carried(row)].filter(
      (note) => note !== undefined,
    );
    return `${sentence}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}.`;
  };
  const poolParticipation = participationOf(visible.filter((row) => isPool(row) && isWhole(row)));
  const participation =
    poolParticipation !== undefined
      ? [poolParticipation.charAt(0).toLocaleUpperCase(language) + poolParticipation.slice(1)]
      : programme.cohorts.flatMap((cohort) => {
          const sentence = participationOf(visible.filter((row) => row.cohort === cohort.id && isWhole(row)));
          return sentence === undefined ? [] : [`${say.cohortName(cohort)}: ${sentence}`];
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
  // The methods beyond before and after that this summary shows figures of, and the design they make.
  const shown = {
    followup: visible.some((row) => row.followup !== undefined),
    thenTest: visible.some((row) => row.response_shift !== undefined || row.then_change !== undefined),
    clinical: visible.some((row) => row.clinical !== undefined),
    comparison: visible.some((row) => row.comparison !== undefined),
  };
  const design: readonly [string, string] = shown.comparison ? [words.design[0], words.designComparison] : words.design;
  const limits: readonly [string, string] = shown.comparison ? [words.limits[0], words.limitsComparison] : words.limits;
  const beyond: readonly (readonly [string, string])[] = Object.values(shown).some(Boolean)
    ? [[words.beyond, words.beyondText(shown)]]
    : [];
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
        design,
        [words.participants, words.participantsText(words.participation)],
        words.analysis,
        ...beyond,
        [words.privacy, words.privacyText(summary.k, rounding)],
        limits,
      ],
      measures: instruments.map((id) => [say.measureName(id), reliabilityOf(say.instrument(id))] as const),
    },
    contact:
      programme.contact === undefined
        ? undefined
        : { line: words.contact(programme.contact.name, programme.organisation), email: programme.contact.email },
  };
}

/**
 * The row whose counts say who took part: the one with the most completers, then the most who
 * started, then the smallest share lost, then this month's before a carried one, then by measure
 * id, so the choice never depends on the rows' order.
 */
function basisOf(rows: readonly SummaryRow[]): SummaryRow | undefined {
  const lost = (row: SummaryRow): number => row.lost_share ?? Number.POSITIVE_INFINITY;
  return rows
    .filter((row) => row.n_started != null && row.n_paired != null && row.n_started > 0)
    .sort(
      (a, b) =>
        (b.n_paired ?? 0) - (a.n_paired ?? 0) ||
        (b.n_started ?? 0) - (a.n_started ?? 0) ||
        lost(a) - lost(b) ||
        Number(a.as_of !== undefined) - Number(b.as_of !== undefined) ||
        a.instrument.localeCompare(b.instrument),
    )[0];
}
