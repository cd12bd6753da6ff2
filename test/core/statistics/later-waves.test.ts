/**
 * Follow-up and then-test answers flow from responses into a cohort's tables and the pool: a
 * then-test that repeats a participant's own pre answers shows no response shift and the same
 * change as the pre-test does, whatever the data; and the pool takes the then-test that goes
 * with the post it chose.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#core/model.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { computePooledIndicators } from '#core/statistics/pool.ts';
import { generateCohortResponses } from '../../../bench/synthetic-responses.ts';
import { shippedProgramme } from '../../support/programmes.ts';

const catalog = shippedCatalog();

/** Each post response also carries, as its then-test, the pre answers its participant gave to those instruments. */
function withThenTests(programme: Programme, responses: readonly StoredResponse[]): StoredResponse[] {
  const preOf = new Map(
    responses.filter((r) => r.wave === 'pre').map((r) => [`${r.participant}|${r.session}`, r.answers]),
  );
  return responses.map((response) => {
    const asked = programme.sessions.find((session) => session.id === response.session)?.post.then?.instruments ?? [];
    const pre = preOf.get(`${response.participant}|${response.session}`);
    if (response.wave !== 'post' || asked.length === 0 || pre === undefined) return response;
    const retrospective = Object.fromEntries(asked.flatMap((id) => (pre[id] === undefined ? [] : [[id, pre[id]]])));
    // biome-ignore lint/suspicious/noThenProperty: the stored response's then-test field (core/model.ts)
    return { ...response, then: retrospective };
  });
}

describe('later waves in the tables', () => {
  it("shows no response shift when the then-test repeats the pre-test, in a cohort's tables and the pool", () => {
    const programme = shippedProgramme('migrant-voices-heard');
    const session = programme.sessions.find((candidate) => candidate.post.then !== undefined);
    if (session === undefined) throw new Error('no then-test in the seed');
    const instrument = session.post.then?.instruments[0] as string;
    const cohort = programme.cohorts[0]?.id as string;
    const responses = withThenTests(
      programme,
      generateCohortResponses({ programme, catalog, cohort, session: session.id, responses: 160, seed: 11 }),
    );
    const tables = [
      computeCohortIndicators(programme, catalog, cohort, responses).find(
        (row) => row.session === session.id && row.instrument === instrument && row.group === null && !row.part,
      ),
      computePooledIndicators(programme, catalog, responses).find(
        (row) => row.instrument === instrument && row.group === null && !row.part,
      ),
    ];
    for (const row of tables) {
      const indicators = row?.indicators;
      expect(indicators?.n_paired).toBeGreaterThan(20);
      // Everyone paired gave a then-test equal to their pre-test.
      expect(indicators?.n_shift).toBe(indicators?.n_paired);
      expect(indicators?.mean_response_shift).toBe(0);
      expect(indicators?.n_then).toBe(indicators?.n_paired);
      expect(indicators?.mean_change_then).toBeCloseTo(indicators?.mean_change as number, 12);
      expect(indicators?.ci95_low_then).toBeCloseTo(indicators?.ci95_low as number, 12);
    }
    // An instrument the session does not then-test carries no then-test keys.
    const other = computeCohortIndicators(programme, catalog, cohort, responses).find(
      (row) => row.session === session.id && row.instrument !== instrument && row.group === null,
    );
    expect(other?.indicators.n_then).toBeUndefined();
  });

  it("takes into the pool the then-test of the first pre's session, across several trainings", () => {
    const programme = shippedProgramme('migrant-voices-heard');
    const cohort = programme.cohorts[0]?.id as string;
    const instrument = programme.sessions[0]?.post.then?.instruments[0] as string;
    // The same 30 people at every training, each then-test repeating that training's own pre-test.
    const responses = withThenTests(
      programme,
      programme.sessions.flatMap((session, index) =>
        generateCohortResponses({
          programme,
          catalog,
          cohort,
          session: session.id,
          responses: 60,
          seed: 30 + index,
        }).map((response, at) => ({
          ...response,
          participant: `p-${String(Math.floor(at / 2) % 30).padStart(2, '0')}`,
        })),
      ),
    );
    const unique = [...new Map(responses.map((r) => [`${r.participant}|${r.session}|${r.wave}`, r])).values()];
    const pool = computePooledIndicators(programme, catalog, unique).find(
      (row) => row.instrument === instrument && row.group === null && !row.part,
    )?.indicators;
    expect(programme.sessions.filter((session) => session.post.then !== undefined).length).toBeGreaterThan(1);
    expect(pool?.n_shift).toBeGreaterThan(10);
    // Looking back to the first training's start is that start: no shift, and the same change as from the pre-test.
    expect(pool?.mean_response_shift).toBe(0);
    expect(pool?.n_then).toBe(pool?.n_paired);
    expect(pool?.mean_change_then).toBeCloseTo(pool?.mean_change as number, 12);
  });

  it('reads a follow-up that repeats the post answers as no fading, in a cohort table and the pool', () => {
    const programme = shippedProgramme('dones-mentores');
    const session = programme.sessions.find((candidate) => candidate.followup !== undefined);
    if (session === undefined) throw new Error('no follow-up in the seed');
    const cohort = programme.cohorts[0]?.id as string;
    const generated = generateCohortResponses({
      programme,
      catalog,
      cohort,
      session: session.id,
      responses: 200,
      seed: 3,
    });
    // Every post answered again months later, the same answers (of the instruments the follow-up asks).
    const asked = session.followup?.instruments ?? [];
    const followups = generated
      .filter((response) => response.wave === 'post')
      .map((response) => ({
        ...response,
        wave: 'followup' as const,
        answers: Object.fromEntries(Object.entries(response.answers).filter(([id]) => asked.includes(id))),
      }));
    const responses = [...generated, ...followups];
    const instrument = asked.find((id) => session.post.instruments.includes(id)) as string;
    const rows = [
      computeCohortIndicators(programme, catalog, cohort, responses).find(
        (row) => row.instrument === instrument && row.group === null && !row.part,
      ),
      computePooledIndicators(programme, catalog, responses).find(
        (row) => row.instrument === instrument && row.group === null && !row.part,
      ),
    ];
    for (const row of rows) {
      const indicators = row?.indicators;
      expect(indicators?.n_paired).toBeGreaterThan(20);
      expect(indicators?.n_post_followup).toBe(indicators?.n_post);
      expect(indicators?.mean_change_post_followup).toBe(0);
      expect(indicators?.n_followup).toBe(indicators?.n_paired);
      expect(indicators?.mean_change_followup).toBeCloseTo(indicators?.mean_change as number, 12);
      // Whoever improved by post is still better at follow-up.
      expect(indicators?.n_all_waves).toBe(indicators?.n_paired);
      expect(indicators?.n_sustained).toBeGreaterThan(0);
      expect(indicators?.lost_share_followup).toBe(indicators?.lost_share);
    }
  });
});
