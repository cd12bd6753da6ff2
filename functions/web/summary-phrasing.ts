/**
 * How one row of a funder summary is said in a language: where it is from (cohort, session,
 * subgroup, by the definitions' names), what its change says (moved, interval, improvement or
 * deterioration with Cohen's label, possibly chance), and a carried row's month. The reading
 * (`summary-reading.ts`) puts these phrases together into the summary's sections.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, LocalizedText, Programme } from '#surveys/schema.ts';
import type { SummaryRow } from '#core/summary.ts';
import { effectLabel } from '#core/readings.ts';
import { periodName, plural, SUMMARY_STRINGS, type SummaryStrings, type Verdict } from './summary-strings.ts';

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
  readonly one: Intl.NumberFormat;
  readonly signed: Intl.NumberFormat;
  readonly count: Intl.NumberFormat;
  readonly share: Intl.NumberFormat;

  constructor(
    private readonly catalog: Catalog,
    private readonly programme: Programme,
    readonly language: Language,
    private readonly k: number,
  ) {
    this.words = SUMMARY_STRINGS[language];
    this.one = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    this.signed = new Intl.NumberFormat(language, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    });
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

  /** "Barcelona 2026", "Iași 2020 · Individual meeting 1", or the whole programme. */
  where(row: SummaryRow): string {
    const place =
      row.cohort === null
        ? this.words.wholeProgramme
        : (this.programme.cohorts.find((cohort) => cohort.id === row.cohort)?.name ?? row.cohort);
    const session = this.programme.sessions.find((candidate) => candidate.id === row.session);
    // A programme of one session need not repeat its name on every line.
    return session === undefined || this.programme.sessions.length === 1
      ? place
      : `${place} · ${localized(session.name, this.language)}`;
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
    if (verdict.kind === 'none' || change == null) return words.verdict(verdict);
    const amount = this.one.format(Math.abs(change));
    const moved = words.moved(change > 0, amount, plural(this.language, amount), this.percent(row));
    const interval =
      low == null || high == null ? '' : ` (${words.interval(this.one.format(low), this.one.format(high))})`;
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
    const people = this.count.format(row.n_paired ?? 0);
    const means =
      before === null || after === null
        ? []
        : [words.from(this.one.format(before), this.one.format(after), this.percent(row))];
    const details = [this.change(row), ...means, words.people(people, plural(this.language, people))];
    const carried = this.carried(row);
    return {
      where: place,
      sentence: `${place}${carried === undefined ? '' : ` (${carried})`}: ${details.join('; ')}.`,
      ...(change === null
        ? {}
        : { shown: { change: this.signed.format(change), value: change, verdict: this.verdict(row) } }),
      ...(carried === undefined ? {} : { carried }),
    };
  }

  /** A subgroup's cells: its label, people, and change with its interval. */
  group(row: SummaryRow): GroupReading {
    const { mean_change: change, ci95_low: low, ci95_high: high } = row.indicators ?? {};
    const interval = low == null || high == null ? '' : ` (${this.one.format(low)} – ${this.one.format(high)})`;
    const carried = this.carried(row);
    return {
      label: this.groupLabel(row),
      people: this.count.format(row.n_paired ?? 0),
      change: change == null ? '–' : `${this.signed.format(change)}${interval}`,
      ...(carried === undefined ? {} : { carried }),
    };
  }
}
