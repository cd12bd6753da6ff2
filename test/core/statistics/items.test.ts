/**
 * Items as ordinal answers: a cohort's whole-instrument rows carry each item's answers before
 * and after and how the answers of those who gave both moved, counted here again straight from
 * the responses (the option's position among the item's scored options; better by the item's
 * score and the instrument's direction).
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { StoredResponse } from '#core/model.ts';
import { compileScorer, scoredOptions } from '#core/scoring.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { generateCohortResponses } from '../../../bench/synthetic-responses.ts';
import { shippedProgramme } from '../../support/programmes.ts';

const catalog = shippedCatalog();

describe('items as ordinal answers', () => {
  it('counts each item as a recount from the responses does, for every whole instrument of a session', () => {
    let checked = 0;
    for (const id of ['dones-mentores', 'justrom3-mentoring', 'migrant-voices-heard']) {
      const programme = shippedProgramme(id);
      const cohort = programme.cohorts[0]?.id ?? '';
      const session = programme.sessions[0];
      if (session === undefined) throw new Error('no session');
      const responses = generateCohortResponses({
        programme,
        catalog,
        cohort,
        session: session.id,
        responses: 240,
        seed: 5,
      });
      const rows = computeCohortIndicators(programme, catalog, cohort, responses);
      for (const instrumentId of session.post.instruments) {
        const instrument = catalog.instruments.get(instrumentId);
        if (instrument === undefined) throw new Error(`no instrument ${instrumentId}`);
        const row = rows.find(
          (candidate) =>
            candidate.session === session.id &&
            candidate.instrument === instrumentId &&
            candidate.group === null &&
            candidate.part === undefined,
        );
        const scorer = compileScorer(instrument);
        const sign = instrument.direction === 'higher-better' ? 1 : -1;
        const expected = instrument.items.map((item, index) => {
          const options = scoredOptions(instrument, index);
          const positionOf = (response: StoredResponse | undefined): number =>
            options.findIndex((option) => option.value === response?.answers[instrumentId]?.[item.id]);
          const byParticipant = new Map<string, { pre?: StoredResponse; post?: StoredResponse }>();
          for (const response of responses) {
            const entry = byParticipant.get(response.participant) ?? {};
            entry[response.wave as 'pre' | 'post'] = response;
            byParticipant.set(response.participant, entry);
          }
          const before = options.map(() => 0);
          const after = options.map(() => 0);
          const moved = { better: 0, same: 0, worse: 0 };
          for (const { pre, post } of byParticipant.values()) {
            const from = positionOf(pre);
            const to = positionOf(post);
            if (from >= 0) before[from] = (before[from] ?? 0) + 1;
            if (to >= 0) after[to] = (after[to] ?? 0) + 1;
            if (from < 0 || to < 0) continue;
            const scores = scorer.optionScores[index] as Float64Array;
            const difference = sign * ((scores[to] as number) - (scores[from] as number));
            if (difference > 0) moved.better += 1;
            else if (difference < 0) moved.worse += 1;
            else moved.same += 1;
          }
          return { item: item.id, before, after, ...moved };
        });
        expect(row?.items).toEqual(expected);
        // Something moved each way somewhere, so the recount is not trivially all "same".
        expect(expected.some((item) => item.better > 0) && expected.some((item) => item.worse > 0)).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
