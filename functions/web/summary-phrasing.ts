/**
 * How one row of a funder summary is said in a language: where it is from (cohort, session,
 * subgroup, by the definitions' names), what its change says (moved, interval, improvement or
 * deterioration with Cohen's label, possibly chance), and a carried row's month. The reading
 * (`summary-reading.ts`) puts these phrases together into the summary's sections.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, LocalizedText, Programme } from '#surveys/schema.ts';
import type { SummaryRow } from '#core/summary.ts';
import { ACCEPTED_LOSS, effectLabel, evaluationFacts, type EvaluationFigures } from '#core/readings.ts';
import { followupMonths, isComparisonCohort } from '#core/design.ts';
import { periodName, plural, SUMMARY_STRINGS, type SummaryStrings, type Verdict } from './summary-strings.ts';
import { fill } from './staff-strings.ts';
import { wordEvaluation, workspaceStringsFor } from './workspace-strings.ts';

/** One result shown for a whole group (programme-wide or a cohort), or why it is hidden. */
export interface RowReading {
  readonly where: string;
  /** The sentence that reads the result (or says why it is hidden); carried results name their month. */
  readonly sentence: string;
  /** Shown results only: the change (signed, formatted), its size for a bar and which way it went. */
  readonly shown?: { readonly change: string; readonly value: number; readonly verdict: Verdict };
  /** A carried result: "figures from October 2026". */
  readonly carried?: string;
  /** What else applies to it (issue 14: follow-up, then-test, recovery, comparison), a sentence each. */
  readonly evaluation?: readonly string[];
}

/** A subgroup's result, one value per cell. */
export interface GroupReading {
  readonly label: string;
  /** The completers, "about 15" when rounded: a table cell under a "People" heading. */
  readonly people: string;
  /** The same said alone, for the plain text: "about 15 people answered before and after". */
  readonly peopleSentence: string;
  readonly change: string;
  readonly carried?: string;
}

export { ACCEPTED_LOSS };

/** Formats one decimal as the language writes it, with a real minus sign and never a negative zero. */
interface Decimal {
  format(value: number): string;
}

function decimalFormat(language: Language, signDisplay: 'negative' | 'exceptZero'): Decimal {
  const format = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay });
  // 'negative' and 'exceptZero' both drop the sign of a value that rounds to zero (-0.0019 is "0.0").
  return { format: (value) => format.format(value).replace('-', '\u2212') };
}

/** A definition's text in the language, else English, else any language it has. */
export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

/** A whole-group row (no subgroup). */
export const isWhole = (row: SummaryRow): boolean => row.group === null;
/** A programme-wide row (the pool across cohorts). */
export const isPool = (row: SummaryRow): boolean => row.cohort === null;

/**
 * Strongest first: a change whose interval excludes zero before one that may be chance (so a large
 * but uncertain change never heads the findings over a clear one), then by |g_av|, then |change|.
 */
export function stronger(a: SummaryRow, b: SummaryRow): number {
  const strength = (row: SummaryRow): readonly [number, number, number] => {
    const { ci95_low: low, ci95_high: high, g_av, mean_change } = row.indicators ?? {};
    const clear = low != null && high != null && (low > 0 || high < 0);
    return [clear ? 1 : 0, Math.abs(g_av ?? 0), Math.abs(mean_change ?? 0)];
  };
  const [clearA, ga, ca] = strength(a);
  const [clearB, gb, cb] = strength(b);
  return clearB - clearA || gb - ga || cb - ca;
}

/** The phrases of one summary in one language, with its programme's and catalogue's names. */
export class SummaryPhrasing {
  readonly words: SummaryStrings;
  /** Numbers as the language writes them: one decimal, signed, counts and shares. */
  readonly one: Decimal;
  readonly signed: Decimal;
  readonly count: Intl.NumberFormat;
  readonly share: Intl.NumberFormat;

  constructor(
    private readonly catalog: Catalog,
    private readonly programme: Programme,
    readonly language: Language,
    private readonly k: number,
  ) {
    this.words = SUMMARY_STRINGS[language];
    this.one = decimalFormat(language, 'negative');
    this.signed = decimalFormat(language, 'exceptZero');
    this.count = new Intl.NumberFormat(language);
    this.share = new Intl.NumberFormat(language, { style: 'percent' });
  }

  instrument(id: string): Instrument | undefined {
    return this.catalog.instruments.get(id);
  }

  measureName(id: string): string {
    const instrument = this.instrument(id);
    return instrument === undefined ? id : localized(instrument.name, this.language);
  }

  /**
   * Whether the programme's results span sessions: with several, the programme-wide result runs from
   * each person's first answer to their last, while a cohort's is of one session, and each says so.
   */
  get spans(): boolean {
    return this.programme.sessions.length > 1;
  }

  /** "Barcelona 2026", "Iași 2020 · Individual meeting 1 (one session)", or the whole programme. */
  where(row: SummaryRow): string {
    if (row.cohort === null) return this.words.wholeProgramme(this.spans);
    const cohort = this.programme.cohorts.find((candidate) => candidate.id === row.cohort);
    const place = cohort === undefined ? row.cohort : this.cohortName(cohort);
    const session = this.programme.sessions.find((candidate) => candidate.id === row.session);
    // A programme of one session need not repeat its name on every line.
    return session === undefined || !this.spans
      ? place
      : this.words.oneSession(place, localized(session.name, this.language));
  }

  /** A cohort's name; a comparison group (a waiting list, not in the programme) says so wherever it is named. */
  cohortName(cohort: Programme['cohorts'][number]): string {
    return isComparisonCohort(cohort)
      ? fill(workspaceStringsFor(this.language).comparisonGroup, { cohort: cohort.name })
      : cohort.name;
  }

  /**
   * A published count as said: "about 25" when it may have been rounded (published counts below the
   * programme's `rounding.below` are rounded to its base, so a multiple of the base up to it may be).
   */
  people(n: number): string {
    const { base, below } = this.programme.rounding;
    const formatted = this.count.format(n);
    return base > 1 && n <= below && n % base === 0 ? this.words.about(formatted) : formatted;
  }

  /**
   * Who started and who answered again, and the share lost to follow-up: from the published
   * `lost_share` (the exact share rounded up to 5%), never from the rounded counts; from the counts
   * only when neither is rounded. Judged against NHLBI's 20% limit when `judged`, else only when over it.
   * Undefined when the row has no counts.
   */
  participation(row: SummaryRow, judged: boolean): string | undefined {
    const { n_started: started, n_paired: paired, lost_share: lostShare } = row;
    if (started == null || paired == null || started === 0) return undefined;
    const { words, language } = this;
    const form = plural(language, this.count.format(started));
    const judge = (over: boolean): boolean | undefined => (judged || over ? over : undefined);
    const [startedText, pairedText] = [this.people(started), this.people(paired)];
    let sentence: string;
    if (startedText === this.count.format(started) && pairedText === this.count.format(paired)) {
      // Exact counts (both at or above the rounding threshold): their own share, as precise as they are.
      const lost = Math.max(0, started - paired);
      const exact = lost / started;
      const over = lostShare === null ? exact > ACCEPTED_LOSS : lostShare > ACCEPTED_LOSS;
      const lostText = this.count.format(lost);
      const completed = words.completed(pairedText, startedText, form, this.share.format(1 - exact));
      sentence =
        lost === 0
          ? completed
          : `${completed}; ${words.lost(lostText, plural(language, lostText), this.share.format(exact), judge(over))}`;
    } else if (lostShare === null) {
      // A carried row published before lost_share: rounded counts alone, and no share made up from them.
      sentence = words.startedAndCompleted(startedText, form, pairedText);
    } else if (lostShare === 0) {
      sentence = words.allCompleted(startedText, form);
    } else {
      const share = this.share.format(lostShare);
      const lost = words.lostShare(share, lostShare <= 0.05, judge(lostShare > ACCEPTED_LOSS));
      sentence = `${words.startedAndCompleted(startedText, form, pairedText)}; ${lost}`;
    }
    return sentence;
  }

  /** Where, then the subgroup by its label and its option's: "Barcelona 2026 · Age band: 60 or over". */
  groupLabel(row: SummaryRow): string {
    if (row.group === null) return this.where(row);
    const { dimension, value } = row.group;
    const subgroup = this.programme.subgroups.find((candidate) => candidate.id === dimension);
    const option = subgroup?.options.find((candidate) => candidate.value === value);
    const label = subgroup === undefined ? dimension : localized(subgroup.label, this.language);
    return `${this.where(row)} · ${label}: ${option === undefined ? value : localized(option.label, this.language)}`;
  }

  /** A carried row's note, "figures from October 2026"; undefined for a row of this period. */
  carried(row: SummaryRow): string | undefined {
    return row.as_of === undefined ? undefined : this.words.figuresFrom(periodName(row.as_of, this.language));
  }

  verdict(row: SummaryRow): Verdict {
    const { mean_change: change, ci95_low: low, ci95_high: high, g_av } = row.indicators ?? {};
    if (change == null) return { kind: 'unknown' };
    // Below the shown precision a change is no change, whatever its sign.
    if (Math.abs(change) < 0.05) return { kind: 'none' };
    if (low == null || high == null) return { kind: 'unknown' };
    if (low <= 0 && high >= 0) return { kind: 'chance' };
    const better = change > 0 === (this.instrument(row.instrument)?.direction !== 'lower-better');
    return { kind: better ? 'improvement' : 'deterioration', size: effectLabel(g_av ?? 0) };
  }

  private percent(row: SummaryRow): boolean {
    return this.instrument(row.instrument)?.scoring.rule === 'percent-correct';
  }

  /** "up 2.1 points (95% CI 1.2 to 3.0), an improvement (medium effect)". */
  change(row: SummaryRow): string {
    const { words } = this;
    const verdict = this.verdict(row);
    const { mean_change: change, ci95_low: low, ci95_high: high } = row.indicators ?? {};
    const interval =
      low == null || high == null ? '' : ` (${words.interval(this.one.format(low), this.one.format(high))})`;
    if (change == null) return words.verdict(verdict);
    // No noticeable change keeps its interval: a wide one says how little is known.
    if (verdict.kind === 'none') return `${words.verdict(verdict)}${interval}`;
    const amount = this.one.format(Math.abs(change));
    const moved = words.moved(change > 0, amount, plural(this.language, amount), this.percent(row));
    return `${moved}${interval}, ${words.verdict(verdict)}`;
  }

  /** A whole group's sentence under its measure, with its bar's figures; a hidden row says why, with no figure. */
  row(row: SummaryRow): RowReading {
    const { words } = this;
    const place = this.where(row);
    if (row.suppressed || row.indicators === null) {
      const reason = row.suppression?.reason ?? 'fewer-than-k';
      const why = reason === 'fewer-than-k' ? words.hidden[reason](this.k) : words.hidden[reason];
      return { where: place, sentence: `${place}: ${why}.` };
    }
    const { mean_pre: before, mean_post: after, mean_change: change } = row.indicators;
    const people = this.people(row.n_paired ?? 0);
    const means =
      before === null || after === null
        ? []
        : [words.from(this.one.format(before), this.one.format(after), this.percent(row))];
    const details = [this.change(row), ...means, words.people(people, plural(this.language, people))];
    const carried = this.carried(row);
    const evaluation = this.evaluation(row);
    return {
      where: place,
      sentence: `${place}${carried === undefined ? '' : ` (${carried})`}: ${details.join('; ')}.`,
      ...(evaluation.length === 0 ? {} : { evaluation }),
      ...(change === null
        ? {}
        : { shown: { change: this.signed.format(change), value: change, verdict: this.verdict(row) } }),
      ...(carried === undefined ? {} : { carried }),
    };
  }

  /**
   * What applies beyond before-after, in the sentences the evaluators read (workspace-strings.ts
   * `wordEvaluation`), from the figures published under disclosure control only: follow-up, then-test
   * and response shift, recovery across a cut-off, the comparison group; counts as published
   * ("about 15"), and a group of its own not updated this period with its month.
   */
  evaluation(row: SummaryRow): string[] {
    const instrument = this.instrument(row.instrument);
    const context = {
      language: this.language,
      percent: instrument?.scoring.rule === 'percent-correct',
      direction: instrument?.direction ?? 'higher-better',
      monthsAfter: followupMonths(this.programme, row.session),
      // A published count rounded to 0 is "none or almost none", never "about 0".
      count: (n: number): string =>
        n === 0 && this.programme.rounding.base > 1 ? this.words.almostNone : this.people(n),
      roundedShares: true,
    } as const;
    const said = (figures: EvaluationFigures, asOf: string | undefined): string[] =>
      wordEvaluation(evaluationFacts(figures), context).map((said) => {
        // A sentence may open with a count in words ("about 10 of about 45 ..."): capitalised.
        const sentence = said.charAt(0).toLocaleUpperCase(this.language) + said.slice(1);
        return asOf === undefined || asOf === row.as_of
          ? sentence
          : sentence.replace(/\.$/, ` (${this.words.figuresFrom(periodName(asOf, this.language))}).`);
      });
    const { followup, then_change: then, response_shift: shift, clinical, comparison } = row;
    return [
      ...(followup === undefined
        ? []
        : said(
            {
              n_followup: followup.n_paired,
              mean_change_followup: followup.mean_change,
              ci95_low_followup: followup.ci95_low,
              ci95_high_followup: followup.ci95_high,
              ...(followup.lost_share === undefined ? {} : { lost_share_followup: followup.lost_share }),
            },
            followup.as_of,
          )),
      ...(shift === undefined
        ? []
        : said(
            {
              n_shift: shift.n_paired,
              mean_response_shift: shift.mean_change,
              ci95_low_shift: shift.ci95_low,
              ci95_high_shift: shift.ci95_high,
            },
            shift.as_of,
          )),
      ...(then === undefined
        ? []
        : said(
            {
              n_then: then.n_paired,
              mean_change_then: then.mean_change,
              ci95_low_then: then.ci95_low,
              ci95_high_then: then.ci95_high,
            },
            then.as_of,
          )),
      ...(clinical === undefined || row.n_paired === null
        ? []
        : said(
            {
              csc_cutoff: clinical.cutoff,
              csc_criterion: clinical.criterion,
              rci_recovered: clinical.recovered,
              n_paired: row.n_paired,
            },
            undefined,
          )),
      ...(comparison === undefined
        ? []
        : said(
            {
              did_estimate: comparison.difference,
              did_ci95_low: comparison.ci95_low,
              did_ci95_high: comparison.ci95_high,
              did_g: comparison.g,
            },
            comparison.as_of,
          )),
    ];
  }

  /** A subgroup's cells: its label, people, and change with its interval. */
  group(row: SummaryRow): GroupReading {
    const { mean_change: change, ci95_low: low, ci95_high: high } = row.indicators ?? {};
    const interval =
      low == null || high == null ? '' : ` (${this.words.range(this.one.format(low), this.one.format(high))})`;
    const carried = this.carried(row);
    const people = this.people(row.n_paired ?? 0);
    return {
      label: this.groupLabel(row),
      people,
      peopleSentence: this.words.people(people, plural(this.language, people)),
      change: change == null ? '–' : `${this.signed.format(change)}${interval}`,
      ...(carried === undefined ? {} : { carried }),
    };
  }
}
