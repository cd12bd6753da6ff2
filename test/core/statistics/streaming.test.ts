/**
 * The streaming accumulators: a pool read cohort by cohort into parts and appended in order
 * gives the rows of the pool fed in one stream, and a stream out of participant order is
 * refused rather than numbered in an order that would change the results.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#core/model.ts';
import { CohortAccumulator } from '#core/statistics/cohort.ts';
import { ResponseOrderError } from '#core/statistics/participants.ts';
import { computePooledIndicators, PoolAccumulator } from '#core/statistics/pool.ts';
import { generateCohortResponses } from '../../../bench/synthetic-responses.ts';

const catalog = shippedCatalog();

/** A seed programme as it runs, its seed cohorts with open windows. */
function seedProgramme(id: string): Programme {
  const definition = catalog.programmes.get(id);
  if (definition === undefined) throw new Error(`no programme ${id}`);
  const cohorts = (catalog.seeds.get(id)?.cohorts ?? []).map((cohort) => ({
    ...cohort,
    windows: {},
    status: 'open' as const,
  }));
  return { ...definition, cohorts, funders: [] };
}

/** Every cohort's responses to every session, participants shared across sessions, in Query order per cohort. */
function responsesOf(programme: Programme): Map<string, StoredResponse[]> {
  const byCohort = new Map<string, StoredResponse[]>();
  let seed = 1;
  for (const cohort of programme.cohorts) {
    const all = programme.sessions.flatMap((session) =>
      generateCohortResponses({
        programme,
        catalog,
        cohort: cohort.id,
        session: session.id,
        responses: 60,
        seed: seed++,
      }),
    );
    const renamed = all.map((response, index) => ({
      ...response,
      participant: `p-${String(index % 23).padStart(2, '0')}`,
    }));
    renamed.sort((a, b) =>
      a.participant !== b.participant
        ? a.participant < b.participant
          ? -1
          : 1
        : a.session !== b.session
          ? a.session < b.session
            ? -1
            : 1
          : a.wave < b.wave
            ? -1
            : 1,
    );
    // One response per participant and wave, as the table holds.
    byCohort.set(
      cohort.id,
      renamed.filter(
        (response, index) =>
          index === 0 ||
          renamed[index - 1]?.participant !== response.participant ||
          renamed[index - 1]?.session !== response.session ||
          renamed[index - 1]?.wave !== response.wave,
      ),
    );
  }
  return byCohort;
}

describe('streaming accumulators', () => {
  it('give the same pool from cohorts read apart and appended in order as from one stream', () => {
    for (const id of ['justrom3-mentoring', 'dones-mentores']) {
      const programme = seedProgramme(id);
      const byCohort = responsesOf(programme);
      const cohortIds = [...byCohort.keys()].sort();
      expect(cohortIds.length).toBeGreaterThan(1);
      const pool = new PoolAccumulator(programme, catalog);
      for (const cohortId of cohortIds) {
        const part = new PoolAccumulator(programme, catalog);
        for (const response of byCohort.get(cohortId) ?? []) part.add(response);
        pool.append(part);
      }
      const rows = pool.rows();
      expect(rows.some((row) => row.group !== null)).toBe(true);
      expect(JSON.stringify(rows)).toBe(
        JSON.stringify(computePooledIndicators(programme, catalog, [...byCohort.values()].flat())),
      );
    }
  });

  it('refuses responses out of participant order, and parts appended out of cohort order', () => {
    const programme = seedProgramme('justrom3-mentoring');
    const byCohort = responsesOf(programme);
    const [first, second] = [...byCohort.keys()].sort();
    const responses = byCohort.get(first ?? '') ?? [];
    const cohort = new CohortAccumulator(programme, catalog, first ?? '');
    cohort.add(responses[responses.length - 1] as StoredResponse);
    expect(() => cohort.add(responses[0] as StoredResponse)).toThrow(ResponseOrderError);

    const pool = new PoolAccumulator(programme, catalog);
    const later = new PoolAccumulator(programme, catalog);
    for (const response of byCohort.get(second ?? '') ?? []) later.add(response);
    const earlier = new PoolAccumulator(programme, catalog);
    for (const response of responses) earlier.add(response);
    pool.append(later);
    expect(() => pool.append(earlier)).toThrow(ResponseOrderError);
  });
});
