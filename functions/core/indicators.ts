/**
 * Impact indicators: score every response, pair pre with post per participant, and summarise
 * per cohort x session x instrument, overall and per subgroup value, plus a programme-wide pool
 * (each participant's first pre to last post). Deterministic: responses are ordered by
 * participant before any sum, rows come out in definition order, subgroup values in option
 * order, so the same responses give byte-identical stored results.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#ports/store.ts';
import { instrumentParts, scoreInstrument } from './scoring.ts';
import { cronbachAlpha, holmAdjust, normalisedGain, pairedStatistics, reliableChange, type WilcoxonMethod } from './paired-statistics.ts';

/** A subgroup cell: one value of one dimension (site, role, age band...). */
export interface GroupKey {
  readonly dimension: string;
  readonly value: string;
}

/**
 * The indicators of one cell. Means are null without data, SDs below two values; every
 * statistic that does not exist for the data is null, never NaN.
 */
export interface Indicators {
  readonly n_pre: number;
  readonly n_post: number;
  readonly n_paired: number;
  /** Scored before but not after: the drop-outs, so attrition bias is visible. */
  readonly n_pre_only: number;
  /** All pre respondents with a score. */
  readonly mean_pre: number | null;
  readonly sd_pre: number | null;
  /** All post respondents with a score. */
  readonly mean_post: number | null;
  readonly sd_post: number | null;
  /** Baseline of the drop-outs, to compare with the completers' baseline. */
  readonly mean_pre_dropouts: number | null;
  /** Completers only (scored both before and after). */
  readonly mean_pre_paired: number | null;
  readonly sd_pre_paired: number | null;
  readonly mean_post_paired: number | null;
  readonly sd_post_paired: number | null;
  /** Change is post - pre, over completers; CI and tests as in `pairedStatistics`. */
  readonly mean_change: number | null;
  readonly sd_change: number | null;
  readonly ci95_low: number | null;
  readonly ci95_high: number | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly p_t: number | null;
  /** Holm-adjusted p_t across the instruments of the same cohort, session and group. */
  readonly p_t_holm: number | null;
  readonly wilcoxon_v: number | null;
  readonly p_wilcoxon: number | null;
  readonly wilcoxon_method: WilcoxonMethod;
  readonly d_z: number | null;
  readonly d_av: number | null;
  /** Hedges' g_av with J(df), df = n_paired - 1. */
  readonly g_av: number | null;
  /** Cronbach's alpha of the item scores at baseline (all pre respondents of the cell). */
  readonly alpha_baseline: number | null;
  /** The reliability used for reliable change, and where it came from. */
  readonly reliability: number | null;
  readonly reliability_source: 'published' | 'cronbach-alpha-baseline' | null;
  readonly rci_threshold: number | null;
  readonly rci_improved: number | null;
  readonly rci_unchanged: number | null;
  readonly rci_deteriorated: number | null;
  /** Knowledge quizzes only: Hake's normalised gain. */
  readonly gain_of_averages: number | null;
  readonly average_of_gains: number | null;
  readonly gain_undefined: number | null;
}

/** One cell of an impact table. Pooled rows have cohort and session null. */
export interface IndicatorRow {
  readonly cohort: string | null;
  readonly session: string | null;
  readonly instrument: string;
  /** A part of the instrument scored on its own (`subscale:<id>`, `topic:<id>`); absent for the whole. */
  readonly part?: string;
  readonly group: GroupKey | null;
  readonly indicators: Indicators;
  /**
   * Whole-group cells only: the completers' individual changes, sorted, without ids, for the
   * evaluator's distribution chart. Never published to funders.
   */
  readonly changes?: readonly number[];
}

/** A scored answer: the instrument score and its item scores (for alpha). */
interface Scored {
  readonly score: number;
  readonly items: readonly (number | null)[];
}

/** Per participant, their scores before and after, for one instrument. */
type ScorePairs = Map<string, { pre?: Scored; post?: Scored }>;

/** Computes every row of a cohort, session by session, from its responses. */
export function computeCohortIndicators(programme: Programme, catalog: Catalog, cohortId: string, unordered: readonly StoredResponse[]): IndicatorRow[] {
  const responses = orderResponses(unordered);
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  const groups = collectGroups(programme, responses, () => cohort?.attributes ?? {});
  const rows: IndicatorRow[] = [];
  for (const session of programme.sessions) {
    const tables = session.post.instruments.flatMap((instrumentId) => {
      const instrument = catalog.instruments.get(instrumentId);
      if (instrument === undefined) return [];
      return withParts(instrument).map(({ part, scored: scoring }) => {
        const pairs: ScorePairs = new Map();
        for (const response of responses) {
          if (response.session !== session.id) continue;
          const scored = scoreOf(scoring, response, instrument.id);
          if (scored === undefined) continue;
          const entry = pairs.get(response.participant) ?? {};
          entry[response.wave] = scored;
          pairs.set(response.participant, entry);
        }
        return { instrument: scoring, id: instrument.id, part, pairs };
      });
    });
    rows.push(...tableRows(programme, tables, groups, cohortId, session.id));
  }
  return rows;
}

/**
 * The programme-wide pool over all cohorts: for each participant and instrument, the score of
 * the first session it was asked before and of the last session it was asked after.
 */
export function computePooledIndicators(programme: Programme, catalog: Catalog, unordered: readonly StoredResponse[]): IndicatorRow[] {
  const responses = orderResponses(unordered);
  const attributesOf = new Map(programme.cohorts.map((cohort) => [cohort.id, cohort.attributes]));
  const cohortOf = new Map(responses.map((response) => [participantKey(response), response.cohort]));
  const groups = collectGroups(programme, responses, (participant) => attributesOf.get(cohortOf.get(participant) ?? '') ?? {});
  const sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const instrumentIds = [...new Set(programme.sessions.flatMap((session) => session.post.instruments))];
  const tables = instrumentIds.flatMap((instrumentId) => {
    const whole = catalog.instruments.get(instrumentId);
    if (whole === undefined) return [];
    return withParts(whole).map(({ part, scored: instrument }) => {
    const first = new Map<string, { index: number; scored: Scored }>();
    const last = new Map<string, { index: number; scored: Scored }>();
    for (const response of responses) {
      const index = sessionIndex.get(response.session);
      if (index === undefined) continue;
      const scored = scoreOf(instrument, response, whole.id);
      if (scored === undefined) continue;
      const key = participantKey(response);
      if (response.wave === 'pre') {
        const current = first.get(key);
        if (current === undefined || index < current.index) first.set(key, { index, scored });
      } else {
        const current = last.get(key);
        if (current === undefined || index > current.index) last.set(key, { index, scored });
      }
    }
    const pairs: ScorePairs = new Map();
    for (const key of [...new Set([...first.keys(), ...last.keys()])].sort(compare)) {
      const before = first.get(key);
      const after = last.get(key);
      // A post earlier than the first pre is not a change over the programme.
      const usableAfter = after !== undefined && (before === undefined || after.index >= before.index) ? after.scored : undefined;
      pairs.set(key, { ...(before === undefined ? {} : { pre: before.scored }), ...(usableAfter === undefined ? {} : { post: usableAfter }) });
    }
    return { instrument, id: whole.id, part, pairs };
    });
  });
  return tableRows(programme, tables, groups, null, null);
}

/** The rows of one table (a cohort's session, or the pool): overall and per subgroup value, Holm across instruments. */
function tableRows(
  programme: Programme,
  tables: readonly { instrument: Instrument; id: string; part: string | null; pairs: ScorePairs }[],
  groups: ReadonlyMap<string, Readonly<Record<string, string>>>,
  cohort: string | null,
  session: string | null,
): IndicatorRow[] {
  const cells: { instrument: string; part: string | null; group: GroupKey | null; indicators: Omit<Indicators, 'p_t_holm'>; changes?: number[] }[] = [];
  for (const { instrument, id, part, pairs } of tables) {
    if (part !== null) {
      // Subscales and topics: the whole group only, outside Holm's family of instruments.
      cells.push({ instrument: id, part, group: null, indicators: summarise(instrument, pairs, () => true) });
      continue;
    }
    const changes = [...pairs.values()].flatMap((entry) => (entry.pre !== undefined && entry.post !== undefined ? [entry.post.score - entry.pre.score] : [])).sort((a, b) => a - b);
    cells.push({ instrument: instrument.id, part: null, group: null, indicators: summarise(instrument, pairs, () => true), changes });
    for (const subgroup of programme.subgroups) {
      for (const option of subgroup.options) {
        const inGroup = (participant: string): boolean => groups.get(participant)?.[subgroup.id] === option.value;
        if (![...pairs.keys()].some(inGroup)) continue;
        cells.push({ instrument: instrument.id, part: null, group: { dimension: subgroup.id, value: option.value }, indicators: summarise(instrument, pairs, inGroup) });
      }
    }
  }
  // Holm's family: the instruments of one table and group cell.
  const families = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    if (cell.part !== null) return;
    const key = cell.group === null ? '' : `${cell.group.dimension}=${cell.group.value}`;
    families.set(key, [...(families.get(key) ?? []), index]);
  });
  const holm = new Array<number | null>(cells.length).fill(null);
  for (const members of families.values()) {
    const adjusted = holmAdjust(members.map((index) => cells[index]?.indicators.p_t ?? null));
    members.forEach((index, position) => {
      holm[index] = adjusted[position] ?? null;
    });
  }
  return cells.map((cell, index) => ({
    cohort,
    session,
    instrument: cell.instrument,
    ...(cell.part === null ? {} : { part: cell.part }),
    group: cell.group,
    indicators: { ...cell.indicators, p_t_holm: holm[index] ?? null },
    ...(cell.changes === undefined ? {} : { changes: cell.changes }),
  }));
}

function summarise(instrument: Instrument, pairs: ScorePairs, include: (participant: string) => boolean): Omit<Indicators, 'p_t_holm'> {
  const pre: Scored[] = [];
  const post: number[] = [];
  const pairedPre: number[] = [];
  const pairedPost: number[] = [];
  const dropouts: number[] = [];
  for (const [participant, entry] of pairs) {
    if (!include(participant)) continue;
    if (entry.pre !== undefined) pre.push(entry.pre);
    if (entry.post !== undefined) post.push(entry.post.score);
    if (entry.pre !== undefined && entry.post !== undefined) {
      pairedPre.push(entry.pre.score);
      pairedPost.push(entry.post.score);
    } else if (entry.pre !== undefined) dropouts.push(entry.pre.score);
  }
  const preScores = pre.map((scored) => scored.score);
  const paired = pairedStatistics(pairedPre, pairedPost);
  const alpha = instrument.items.length > 1 ? cronbachAlpha(pre.map((scored) => scored.items)) : null;
  const reliabilitySource = instrument.reliability?.method ?? null;
  const reliability = instrument.reliability?.method === 'published' ? instrument.reliability.value : reliabilitySource === 'cronbach-alpha-baseline' ? alpha : null;
  const gain = instrument.scoring.rule === 'percent-correct' ? normalisedGain(pairedPre, pairedPost) : { gain_of_averages: null, average_of_gains: null, gain_undefined: null };
  return {
    n_pre: preScores.length,
    n_post: post.length,
    n_paired: paired.n_paired,
    n_pre_only: dropouts.length,
    mean_pre: meanOrNull(preScores),
    sd_pre: sdOrNull(preScores),
    mean_post: meanOrNull(post),
    sd_post: sdOrNull(post),
    mean_pre_dropouts: meanOrNull(dropouts),
    mean_pre_paired: paired.mean_pre,
    sd_pre_paired: paired.sd_pre,
    mean_post_paired: paired.mean_post,
    sd_post_paired: paired.sd_post,
    mean_change: paired.mean_change,
    sd_change: paired.sd_change,
    ci95_low: paired.ci95_low,
    ci95_high: paired.ci95_high,
    t: paired.t,
    df: paired.df,
    p_t: paired.p_t,
    wilcoxon_v: paired.wilcoxon_v,
    p_wilcoxon: paired.p_wilcoxon,
    wilcoxon_method: paired.wilcoxon_method,
    d_z: paired.d_z,
    d_av: paired.d_av,
    g_av: paired.g_av,
    alpha_baseline: alpha,
    reliability,
    reliability_source: reliability === null ? null : reliabilitySource,
    ...reliableChange(pairedPre, pairedPost, reliability, instrument.direction),
    ...gain,
  };
}

/** The instrument and its parts (subscales, quiz topics), each scored on its own. */
function withParts(instrument: Instrument): { part: string | null; scored: Instrument }[] {
  return [{ part: null, scored: instrument }, ...instrumentParts(instrument).map((part) => ({ part: part.id, scored: part.instrument }))];
}

function scoreOf(instrument: Instrument, response: StoredResponse, answersOf: string): Scored | undefined {
  const scored = scoreInstrument(instrument, response.answers[answersOf]);
  return scored.score === null ? undefined : { score: scored.score, items: scored.itemScores };
}

/** Sums of floating-point scores depend on their order: fix it, so any arrival order gives identical results. */
function orderResponses(responses: readonly StoredResponse[]): StoredResponse[] {
  return [...responses].sort((a, b) => compare(a.cohort, b.cohort) || compare(a.participant, b.participant) || compare(a.session, b.session) || compare(a.wave, b.wave));
}

/** Participants are unique within a cohort; pooled tables key them by cohort too. */
function participantKey(response: StoredResponse): string {
  return `${response.cohort}/${response.participant}`;
}

/** Subgroup values per participant: cohort attributes, then answers given in any wave (the first given wins). */
function collectGroups(programme: Programme, responses: readonly StoredResponse[], attributesOf: (participant: string) => Readonly<Record<string, string>>): Map<string, Record<string, string>> {
  const known = new Set(programme.subgroups.map((subgroup) => subgroup.id));
  const groups = new Map<string, Record<string, string>>();
  const byTime = [...responses].sort((a, b) => compare(a.receivedAt, b.receivedAt));
  for (const response of byTime) {
    for (const key of [response.participant, participantKey(response)]) {
      const current = groups.get(key) ?? { ...attributesOf(key) };
      for (const [dimension, value] of Object.entries(response.groups)) {
        if (known.has(dimension) && current[dimension] === undefined) current[dimension] = value;
      }
      groups.set(key, current);
    }
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : mean([...values]);
}

function sdOrNull(values: readonly number[]): number | null {
  return values.length < 2 ? null : sampleStandardDeviation([...values]);
}
