/**
 * What a funder summary says, before it is laid out: the headline, the findings by measure
 * (strongest change first), participation and the methods, as sentences and labels in one
 * language. The page, the email's HTML and its plain text (`summary-page.ts`) all lay out this
 * one reading, so they can never tell a funder different things.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, LocalizedText, Programme } from '#surveys/schema.ts';
import type { Summary, SummaryRow } from '#core/summary.ts';
import { effectLabel } from '#core/readings.ts';
import { periodName, plural, SUMMARY_STRINGS, type SummaryStrings, type Verdict } from './summary-strings.ts';

/** The highest loss to follow-up NHLBI's quality assessment tool for before-after studies accepts. */
const ACCEPTED_LOSS = 0.2;
/** How many changes the headline names. */
const HEADLINE_CHANGES = 3;

/** One result shown for a whole group (programme-wide or a cohort), or why it is hidden. */
export interface RowReading {
  readonly where: string;
  /** The sentence that reads the result (or says why it is hidden); carried results name their month. */
  readonly sentence: string;
  /** Shown results only: the change (signed, formatted), its size for a bar and which way it went. */
  readonly shown?: { readonly change: string; readonly value: number; readonly verdict: Verdict };
  /** A carried result: "figures from October 2026". */
  readonly carried?: string;
}

/** A subgroup's result, one value per cell. */
export interface GroupReading {
  readonly label: string;
  readonly people: string;
  readonly change: string;
  readonly carried?: string;
}

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

/** A definition's text in the language, else English, else any language it has. */
export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

const isWhole = (row: SummaryRow): boolean => row.group === null;
const isPool = (row: SummaryRow): boolean => row.cohort === null;
/**
 * Strongest first: by |g_av|, then by |change|; a change whose interval excludes zero before one
 * that may be chance, so a large but uncertain change never heads the findings over a clear one.
 */
const strength = (row: SummaryRow): readonly [number, number, number] => {
  const { ci95_low: low, ci95_high: high, g_av, mean_change } = row.indicators ?? {};
  const clear = low != null && high != null && (low > 0 || high < 0);
  return [clear ? 1 : 0, Math.abs(g_av ?? 0), Math.abs(mean_change ?? 0)];
};
const stronger = (a: SummaryRow, b: SummaryRow): number => {
  const [clearA, ga, ca] = strength(a);
  const [clearB, gb, cb] = strength(b);
  return clearB - clearA || gb - ga || cb - ca;
};

/** Reads a summary for a funder in `language`, with the names the definitions give in it. */
export function readSummary(
  catalog: Catalog,
  programme: Programme,
  summary: Summary,
  language: Language,
): SummaryReading {
  const words = SUMMARY_STRINGS[language];
  const one = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const count = new Intl.NumberFormat(language);
  const share = new Intl.NumberFormat(language, { style: 'percent' });
  const instrumentOf = (id: string): Instrument | undefined => catalog.instruments.get(id);
  const measureName = (id: string): string => {
    const instrument = instrumentOf(id);
    return instrument === undefined ? id : localized(instrument.name, language);
  };
  const cohortName = (id: string): string => programme.cohorts.find((cohort) => cohort.id === id)?.name ?? id;
  const where = (row: SummaryRow): string => {
    const place = row.cohort === null ? words.wholeProgramme : cohortName(row.cohort);
    const session = programme.sessions.find((candidate) => candidate.id === row.session);
    // A programme of one session need not repeat its name on every line.
    return session === undefined || programme.sessions.length === 1
      ? place
      : `${place} · ${localized(session.name, language)}`;
  };
  const groupLabel = (row: SummaryRow): string => {
    if (row.group === null) return where(row);
    const { dimension, value } = row.group;
    const subgroup = programme.subgroups.find((candidate) => candidate.id === dimension);
    const option = subgroup?.options.find((candidate) => candidate.value === value);
    const label = subgroup === undefined ? dimension : localized(subgroup.label, language);
    return `${where(row)} · ${label}: ${option === undefined ? value : localized(option.label, language)}`;
  };
  const asOf = (row: SummaryRow): string | undefined =>
    row.as_of === undefined ? undefined : periodName(row.as_of, language);
  const carriedNote = (row: SummaryRow): { carried?: string } => {
    const month = asOf(row);
    return month === undefined ? {} : { carried: words.figuresFrom(month) };
  };

  const verdictOf = (row: SummaryRow): Verdict => {
    const { mean_change: change, ci95_low: low, ci95_high: high, g_av } = row.indicators ?? {};
    if (change === null || change === undefined) return { kind: 'unknown' };
    // Below the shown precision a change is no change, whatever its sign.
    if (Math.abs(change) < 0.05) return { kind: 'none' };
    if (low === null || low === undefined || high === null || high === undefined) return { kind: 'unknown' };
    if (low <= 0 && high >= 0) return { kind: 'chance' };
    const better = change > 0 === (instrumentOf(row.instrument)?.direction !== 'lower-better');
    return { kind: better ? 'improvement' : 'deterioration', size: effectLabel(g_av ?? 0) };
  };
  const percentOf = (row: SummaryRow): boolean => instrumentOf(row.instrument)?.scoring.rule === 'percent-correct';
  /** "up 2.1 points (95% CI 1.2 to 3.0), an improvement (medium effect)". */
  const changePhrase = (row: SummaryRow): string => {
    const verdict = verdictOf(row);
    const { mean_change: change, ci95_low: low, ci95_high: high } = row.indicators ?? {};
    if (verdict.kind === 'none' || change === null || change === undefined) return words.verdict(verdict);
    const amount = one.format(Math.abs(change));
    const moved = words.moved(change > 0, amount, plural(language, amount), percentOf(row));
    const interval =
      low === null || low === undefined || high === null || high === undefined
        ? ''
        : ` (${words.interval(one.format(low), one.format(high))})`;
    return `${moved}${interval}, ${words.verdict(verdict)}`;
  };
  const carried = (row: SummaryRow): string => {
    const month = asOf(row);
    return month === undefined ? '' : ` (${words.figuresFrom(month)})`;
  };
  const rowReading = (row: SummaryRow): RowReading => {
    const place = where(row);
    if (row.suppressed || row.indicators === null) {
      const reason = row.suppression?.reason ?? 'fewer-than-k';
      const why = reason === 'fewer-than-k' ? words.hidden[reason](summary.k) : words.hidden[reason];
      return { where: place, sentence: `${place}: ${why}.` };
    }
    const { mean_pre: before, mean_post: after, mean_change: change } = row.indicators;
    const people = count.format(row.n_paired ?? 0);
    const details = [
      changePhrase(row),
      ...(before === null || after === null ? [] : [words.from(one.format(before), one.format(after), percentOf(row))]),
      words.people(people, plural(language, people)),
    ];
    return {
      where: place,
      sentence: `${place}${carried(row)}: ${details.join('; ')}.`,
      ...(change === null ? {} : { shown: { change: signed.format(change), value: change, verdict: verdictOf(row) } }),
      ...carriedNote(row),
    };
  };

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
    const instrument = instrumentOf(id);
    return {
      name: measureName(id),
      construct: instrument === undefined ? '' : localized(instrument.construct, language),
      percent: instrument?.scoring.rule === 'percent-correct',
      rows: [...wholeShown, ...wholeHidden].map(rowReading),
      groups: groups.map((row) => {
        const { mean_change: change, ci95_low: low, ci95_high: high } = row.indicators ?? {};
        const interval =
          low === null || low === undefined || high === null || high === undefined
            ? ''
            : ` (${one.format(low)} – ${one.format(high)})`;
        return {
          label: groupLabel(row),
          people: count.format(row.n_paired ?? 0),
          change: change === null || change === undefined ? '–' : `${signed.format(change)}${interval}`,
          ...carriedNote(row),
        };
      }),
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
      const month = asOf(row);
      const notes = [...(withPlace ? [where(row)] : []), ...(month === undefined ? [] : [words.figuresFrom(month)])];
      const noted = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
      return `${measureName(row.instrument)}${noted}, ${changePhrase(row)}`;
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
    return `${completed}${lostClause}${carried(row)}.`;
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
      measures: instruments.map((id) => [measureName(id), reliabilityOf(instrumentOf(id))] as const),
    },
    contact:
      programme.contact === undefined
        ? undefined
        : { line: words.contact(programme.contact.name, programme.organisation), email: programme.contact.email },
  };
}
