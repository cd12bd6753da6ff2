/**
 * The streaming accumulators: a pool read cohort by cohort into parts and appended in order
 * gives the rows of the pool fed in one stream, and a stream out of participant order is
 * refused rather than numbered in an order that would change the results.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#core/model.ts';
import { CohortAccumulator } from '#core/statistics/cohort.ts';
import { ResponseOrderError } from '#core/statistics/participants.ts';
import { computePooledIndicators, PoolAccumulator, PoolLayout } from '#core/statistics/pool.ts';
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
      const layout = new PoolLayout(programme, catalog);
      const pool = new PoolAccumulator(layout);
      for (const cohortId of cohortIds) {
        const part = new PoolAccumulator(layout);
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

  it("gives the same pool when each cohort's table feeds its share the scores it computed", () => {
    let withDropped = 0;
    for (const id of ['justrom3-mentoring', 'dones-mentores', 'migrant-voices-heard']) {
      const seeded = seedProgramme(id);
      const byCohort = responsesOf(seeded);
      const [firstSession, ...laterSessions] = seeded.sessions;
      if (firstSession === undefined) throw new Error('no session');
      // The first session's table leaves out an instrument a later session keeps: the pool scores that one itself.
      const kept = laterSessions.flatMap((session) => session.post.instruments);
      const dropped = firstSession.post.instruments.find((instrument) => kept.includes(instrument));
      const programmes = [
        seeded,
        ...(dropped === undefined
          ? []
          : [
              {
                ...seeded,
                sessions: [
                  {
                    ...firstSession,
                    post: {
                      ...firstSession.post,
                      instruments: firstSession.post.instruments.filter((instrument) => instrument !== dropped),
                    },
                  },
                  ...laterSessions,
                ],
              },
            ]),
      ];
      for (const programme of programmes) {
        const layout = new PoolLayout(programme, catalog);
        const fed = new PoolAccumulator(layout);
        const alone = new PoolAccumulator(layout);
        for (const cohortId of [...byCohort.keys()].sort()) {
          const part = new PoolAccumulator(layout);
          const cohort = new CohortAccumulator(programme, catalog, cohortId, part);
          const unfed = new CohortAccumulator(programme, catalog, cohortId);
          const alonePart = new PoolAccumulator(layout);
          for (const response of byCohort.get(cohortId) ?? []) {
            cohort.add(response);
            unfed.add(response);
            alonePart.add(response);
          }
          expect(JSON.stringify(cohort.rows())).toBe(JSON.stringify(unfed.rows()));
          fed.append(part);
          alone.append(alonePart);
        }
        const rows = fed.rows();
        expect(rows.filter((row) => row.indicators.n_paired > 0).length).toBeGreaterThan(0);
        expect(JSON.stringify(rows)).toBe(JSON.stringify(alone.rows()));
      }
      if (dropped !== undefined) withDropped += 1;
    }
    expect(withDropped).toBeGreaterThan(0);
  });

  it('refuses responses out of participant order, and parts appended out of cohort order', () => {
    const programme = seedProgramme('justrom3-mentoring');
    const byCohort = responsesOf(programme);
    const [first, second] = [...byCohort.keys()].sort();
    const responses = byCohort.get(first ?? '') ?? [];
    const cohort = new CohortAccumulator(programme, catalog, first ?? '');
    cohort.add(responses[responses.length - 1] as StoredResponse);
    expect(() => cohort.add(responses[0] as StoredResponse)).toThrow(ResponseOrderError);

    const layout = new PoolLayout(programme, catalog);
    const pool = new PoolAccumulator(layout);
    const later = new PoolAccumulator(layout);
    for (const response of byCohort.get(second ?? '') ?? []) later.add(response);
    const earlier = new PoolAccumulator(layout);
    for (const response of responses) earlier.add(response);
    pool.append(later);
    expect(() => pool.append(earlier)).toThrow(ResponseOrderError);
  });

  it("costs a part only its participants' columns: 1,000 parts of a 10,000-cohort programme share one layout", () => {
    const definition = seedProgramme('dones-mentores');
    const template = definition.cohorts[0];
    if (template === undefined) throw new Error('no seed cohort');
    const cohorts = Array.from({ length: 10_000 }, (_, index) => ({
      ...template,
      id: `c-${String(index).padStart(5, '0')}`,
    }));
    const programme: Programme = { ...definition, cohorts };
    const before = liveMemory();
    const layout = new PoolLayout(programme, catalog);
    const withLayout = liveMemory();
    const parts = Array.from({ length: 1_000 }, () => new PoolAccumulator(layout));
    const withParts = liveMemory();
    expect(parts.length).toBe(1_000);
    // Before the layout was shared, each part held its own map of every cohort and compiled its
    // own scorers: 1,000 parts took about 450 MiB. Now they take a few KiB each.
    expect((withParts - withLayout) / 2 ** 20).toBeLessThan(32);
    expect((withLayout - before) / 2 ** 20).toBeLessThan(32);
  });
});

/** A full collection, so memory readings count live objects only (V8's flag, set at run time). */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Live memory after a full collection: the heap, and the typed arrays' buffers (outside it). */
function liveMemory(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
