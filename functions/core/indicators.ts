/**
 * Cohort indicators: score every response, pair pre with post per participant, and summarise
 * per session x instrument, overall and per subgroup value. Deterministic: rows come out in
 * definition order and subgroup values in option order, so the same responses give
 * byte-identical stored results.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#ports/store.ts';
import { scoreInstrument } from './scoring.ts';

/** A subgroup cell: one value of one dimension (site, role, age band...). */
export interface GroupKey {
  readonly dimension: string;
  readonly value: string;
}

/** The indicators of one cell. Means are null without data, SDs null below two values. */
export interface Indicators {
  readonly n_pre: number;
  readonly n_post: number;
  readonly n_paired: number;
  /** All pre respondents with a score. */
  readonly mean_pre: number | null;
  readonly sd_pre: number | null;
  /** All post respondents with a score. */
  readonly mean_post: number | null;
  readonly sd_post: number | null;
  /** Completers only (scored both before and after). */
  readonly mean_pre_paired: number | null;
  readonly mean_post_paired: number | null;
  /** Change is post - pre, over completers. */
  readonly mean_change: number | null;
  readonly sd_change: number | null;
}

/** One cell of the impact table of a cohort. */
export interface IndicatorRow {
  readonly cohort: string;
  readonly session: string;
  readonly instrument: string;
  readonly group: GroupKey | null;
  readonly indicators: Indicators;
}

/** Computes every row of a cohort from its responses. */
export function computeCohortIndicators(programme: Programme, catalog: Catalog, cohortId: string, unordered: readonly StoredResponse[]): IndicatorRow[] {
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  // Sums of floating-point scores depend on their order: fix it by participant, so the same
  // responses in any order give identical results.
  const responses = [...unordered].sort((a, b) => compare(a.participant, b.participant) || compare(a.session, b.session) || compare(a.wave, b.wave));
  const groupsByParticipant = collectGroups(programme, cohort?.attributes ?? {}, responses);
  const rows: IndicatorRow[] = [];
  for (const session of programme.sessions) {
    for (const instrumentId of session.post.instruments) {
      const instrument = catalog.instruments.get(instrumentId);
      if (instrument === undefined) continue;
      const pre = new Map<string, number>();
      const post = new Map<string, number>();
      for (const response of responses) {
        if (response.session !== session.id) continue;
        const { score } = scoreInstrument(instrument, response.answers[instrumentId]);
        if (score === null) continue;
        (response.wave === 'pre' ? pre : post).set(response.participant, score);
      }
      const all = (participant: string): boolean => pre.has(participant) || post.has(participant);
      rows.push({ cohort: cohortId, session: session.id, instrument: instrumentId, group: null, indicators: summarise(pre, post, all) });
      for (const subgroup of programme.subgroups) {
        for (const option of subgroup.options) {
          const inGroup = (participant: string): boolean => groupsByParticipant.get(participant)?.[subgroup.id] === option.value;
          const anyone = [...pre.keys(), ...post.keys()].some(inGroup);
          if (!anyone) continue;
          rows.push({
            cohort: cohortId,
            session: session.id,
            instrument: instrumentId,
            group: { dimension: subgroup.id, value: option.value },
            indicators: summarise(pre, post, inGroup),
          });
        }
      }
    }
  }
  return rows;
}

/** Subgroup values per participant: cohort attributes, then answers given in any wave. */
function collectGroups(programme: Programme, cohortAttributes: Readonly<Record<string, string>>, responses: readonly StoredResponse[]): Map<string, Record<string, string>> {
  const known = new Set(programme.subgroups.map((subgroup) => subgroup.id));
  const groups = new Map<string, Record<string, string>>();
  const ordered = [...responses].sort((a, b) => compare(a.receivedAt, b.receivedAt));
  for (const response of ordered) {
    const current = groups.get(response.participant) ?? { ...cohortAttributes };
    for (const [dimension, value] of Object.entries(response.groups)) {
      if (known.has(dimension) && current[dimension] === undefined) current[dimension] = value;
    }
    groups.set(response.participant, current);
  }
  return groups;
}

function summarise(pre: ReadonlyMap<string, number>, post: ReadonlyMap<string, number>, include: (participant: string) => boolean): Indicators {
  const preScores = [...pre].filter(([participant]) => include(participant)).map(([, score]) => score);
  const postScores = [...post].filter(([participant]) => include(participant)).map(([, score]) => score);
  const pairs = [...pre].filter(([participant]) => include(participant) && post.has(participant)).map(([participant, score]) => [score, post.get(participant) ?? score] as const);
  const changes = pairs.map(([before, after]) => after - before);
  return {
    n_pre: preScores.length,
    n_post: postScores.length,
    n_paired: pairs.length,
    mean_pre: meanOrNull(preScores),
    sd_pre: sdOrNull(preScores),
    mean_post: meanOrNull(postScores),
    sd_post: sdOrNull(postScores),
    mean_pre_paired: meanOrNull(pairs.map(([before]) => before)),
    mean_post_paired: meanOrNull(pairs.map(([, after]) => after)),
    mean_change: meanOrNull(changes),
    sd_change: sdOrNull(changes),
  };
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
