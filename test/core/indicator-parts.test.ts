/**
 * Quiz topics (and subscales) are scored and summarised on their own, beside the whole
 * instrument: JUSTROM3's rights quiz has six topics of one question each.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { optionsOf } from '#surveys/catalog.ts';
import { instrumentParts } from '#core/scoring.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import type { StoredResponse } from '#core/model.ts';

import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();

const QUIZ = 'rights-justice-quiz';
const quiz = catalog.instruments.get(QUIZ);
const programme = shippedProgramme('justrom3-mentoring', catalog);
if (quiz === undefined) throw new Error('seed definitions missing');

/** Answers with the first `correct` items right and the rest wrong. */
function answers(correct: number): Record<string, string> {
  return Object.fromEntries(
    (quiz?.items ?? []).map((item, index) => {
      const options = quiz === undefined ? [] : optionsOf(quiz, index);
      const chosen =
        index < correct
          ? options.find((option) => option.correct === true)
          : options.find((option) => option.correct !== true);
      return [item.id, chosen?.value ?? ''];
    }),
  );
}

function response(participant: string, wave: 'pre' | 'post', correct: number): StoredResponse {
  return {
    programme: 'justrom3-mentoring',
    cohort: 'iasi-2020',
    participant,
    session: 'individual-meeting-1',
    wave,
    answers: { [QUIZ]: answers(correct) },
    groups: {},
    language: 'ro',
    consentVersion: '1',
    receipt: 'R',
    receivedAt: `2026-01-01T00:00:0${participant.length}Z`,
    expiresAt: 0,
  };
}

describe('quiz topics', () => {
  it('has one part per topic, each the quiz restricted to its items', () => {
    const parts = instrumentParts(quiz);
    const topics = new Set(quiz.items.map((item) => item.topic));
    expect(parts.map((part) => part.id)).toEqual([...topics].map((topic) => `topic:${topic ?? ''}`));
    for (const part of parts) expect(part.instrument.range).toEqual({ min: 0, max: 100 });
  });

  it('reports % correct per topic beside the whole quiz, outside the subgroup and Holm families', () => {
    // Two people: before, the first 2 right; after, the first 4 right.
    const rows = computeCohortIndicators(programme, catalog, 'iasi-2020', [
      response('a', 'pre', 2),
      response('a', 'post', 4),
      response('b', 'pre', 2),
      response('b', 'post', 4),
    ]);
    const quizRows = rows.filter((row) => row.session === 'individual-meeting-1' && row.instrument === QUIZ);
    const whole = quizRows.find((row) => row.part === undefined && row.group === null);
    expect(whole?.indicators.mean_pre_paired).toBeCloseTo((2 / quiz.items.length) * 100, 10);
    expect(whole?.indicators.mean_post_paired).toBeCloseTo((4 / quiz.items.length) * 100, 10);
    const parts = quizRows.filter((row) => row.part !== undefined);
    expect(parts).toHaveLength(instrumentParts(quiz).length);
    const [first, , third] = parts;
    expect(first?.indicators).toMatchObject({ mean_pre_paired: 100, mean_post_paired: 100, n_paired: 2 });
    expect(third?.indicators).toMatchObject({ mean_pre_paired: 0, mean_post_paired: 100, mean_change: 100 });
    for (const part of parts) {
      expect(part.group).toBeNull();
      expect(part.indicators.p_t_holm).toBeNull();
    }
  });
});
