/**
 * The statistics engine computes in accumulator form what the test oracle's `pairedStatistics`,
 * `reliableChange`, `cronbachAlpha` and `normalisedGain` compute the straightforward way (both
 * are checked against R and SciPy in paired-statistics.test.ts): for random cohorts, every
 * whole-group and subgroup cell must agree with the oracle applied to the cell's own data, and
 * `prepost stats` (a table of one cell) must give the oracle's numbers to the last bit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippedCatalog } from '#surveys/index.ts';
import { optionsOf } from '#surveys/catalog.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { computePooledIndicators } from '#core/statistics/pool.ts';
import * as engine from '#core/statistics/paired.ts';
import { cronbachAlpha as engineAlpha } from '#core/statistics/reliability.ts';
import { wilcoxonSignedRank as engineWilcoxon } from '#core/statistics/signed-rank.ts';
import { compileScorer } from '#core/scoring.ts';
import { scoreInstrumentDirectly } from '../support/scoring-oracle.ts';
import type { ReliableChange } from '#core/statistics/paired.ts';
import {
  cronbachAlpha,
  normalisedGain,
  pairedStatistics,
  reliableChange,
  reliableChangeAt,
  wilcoxonSignedRank,
} from '../support/paired-statistics-oracle.ts';
import type { StoredResponse } from '#core/model.ts';

import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();

const programme = shippedProgramme('dones-mentores', catalog);
const SESSION = 'mentoring-cycle';
const INSTRUMENTS = ['rosenberg-self-esteem', 'personal-safety', 'ucla-loneliness-3'];

/** A participant: per instrument and wave, option indexes (-1 skipped), and a role. */
const participantArbitrary = fc.record({
  role: fc.constantFrom('mentor', 'mentee', undefined),
  pre: fc.option(fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 10, maxLength: 10 }), { nil: undefined }),
  post: fc.option(fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 10, maxLength: 10 }), { nil: undefined }),
});

function answersFrom(picks: readonly number[]): StoredResponse['answers'] {
  const answers: Record<string, Record<string, string>> = {};
  let at = 0;
  for (const id of INSTRUMENTS) {
    const instrument = catalog.instruments.get(id);
    if (instrument === undefined) continue;
    const chosen: Record<string, string> = {};
    instrument.items.forEach((item, index) => {
      const options = optionsOf(instrument, index);
      const pick = picks[at % picks.length] ?? -1;
      at += 1;
      if (pick >= 0) chosen[item.id] = options[pick % options.length]?.value ?? '';
    });
    answers[id] = chosen;
  }
  return answers;
}

function responsesOf(
  participants: readonly { role: string | undefined; pre: number[] | undefined; post: number[] | undefined }[],
): StoredResponse[] {
  return participants.flatMap((participant, index) =>
    (['pre', 'post'] as const).flatMap((wave): StoredResponse[] => {
      const picks = participant[wave];
      if (picks === undefined) return [];
      return [
        {
          programme: programme?.id ?? '',
          cohort: 'barcelona-2026',
          participant: `p${String(index).padStart(3, '0')}`,
          session: SESSION,
          wave,
          answers: answersFrom(picks),
          groups: wave === 'pre' && participant.role !== undefined ? { role: participant.role } : {},
          language: 'ca',
          consentVersion: '1',
          receipt: 'R',
          receivedAt: `2026-01-01T00:00:${String(index % 60).padStart(2, '0')}Z`,
          expiresAt: 0,
        },
      ];
    }),
  );
}

const close = (actual: number | null, expected: number | null): void => {
  if (expected === null || actual === null) expect(actual).toBe(expected);
  else expect(actual).toBeCloseTo(expected, 9);
};

describe('the aggregation engine', () => {
  it('agrees with the reference functions on every cell', () => {
    fc.assert(
      fc.property(fc.array(participantArbitrary, { minLength: 0, maxLength: 40 }), (participants) => {
        const responses = responsesOf(participants);
        const rows = computeCohortIndicators(programme, catalog, 'barcelona-2026', responses);
        for (const id of INSTRUMENTS) {
          const instrument = catalog.instruments.get(id);
          if (instrument === undefined) continue;
          const wholeAlphaItems: number[][] = [];
          let wholeThreshold: number | null = null;
          for (const role of [null, 'mentor', 'mentee'] as const) {
            const pre: number[] = [];
            const post: number[] = [];
            participants.forEach((participant, index) => {
              if (role !== null && participant.role !== role) return;
              const before = responses.find(
                (response) => response.participant === `p${String(index).padStart(3, '0')}` && response.wave === 'pre',
              );
              const after = responses.find(
                (response) => response.participant === `p${String(index).padStart(3, '0')}` && response.wave === 'post',
              );
              const scoreBefore = before === undefined ? null : scoreInstrumentDirectly(instrument, before.answers[id]);
              const scoreAfter = after === undefined ? null : scoreInstrumentDirectly(instrument, after.answers[id]);
              if (
                role === null &&
                scoreBefore !== null &&
                scoreBefore.score !== null &&
                scoreBefore.itemScores.every((value) => value !== null)
              )
                wholeAlphaItems.push(scoreBefore.itemScores as number[]);
              if (scoreBefore?.score != null && scoreAfter?.score != null) {
                pre.push(scoreBefore.score);
                post.push(scoreAfter.score);
              }
            });
            const row = rows.find(
              (candidate) =>
                candidate.instrument === id &&
                (role === null ? candidate.group === null : candidate.group?.value === role),
            );
            if (row === undefined) {
              expect(pre).toHaveLength(0);
              continue;
            }
            const expected = pairedStatistics(pre, post);
            const actual = row.indicators;
            expect(actual.n_paired).toBe(expected.n_paired);
            close(actual.mean_pre_paired, expected.mean_pre);
            close(actual.mean_post_paired, expected.mean_post);
            close(actual.sd_pre_paired, expected.sd_pre);
            close(actual.mean_change, expected.mean_change);
            close(actual.sd_change, expected.sd_change);
            close(actual.ci95_low, expected.ci95_low);
            close(actual.t, expected.t);
            close(actual.p_t, expected.p_t);
            close(actual.wilcoxon_v, expected.wilcoxon_v);
            close(actual.p_wilcoxon, expected.p_wilcoxon);
            expect(actual.wilcoxon_method).toBe(expected.wilcoxon_method);
            close(actual.d_z, expected.d_z);
            close(actual.g_av, expected.g_av);
            if (role === null) close(actual.alpha_baseline, cronbachAlpha(wholeAlphaItems));
            // One threshold per table: the whole group's S_diff, in every cell.
            const rci: ReliableChange =
              role === null
                ? reliableChange(pre, post, actual.reliability, instrument.direction)
                : reliableChangeAt(
                    pre,
                    post,
                    wholeThreshold === null ? null : wholeThreshold / 1.96,
                    instrument.direction,
                  );
            if (role === null) wholeThreshold = rci.rci_threshold;
            close(actual.rci_threshold, rci.rci_threshold);
            close(actual.rci_improved, rci.rci_improved);
            close(actual.rci_deteriorated, rci.rci_deteriorated);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('scores exactly as the straightforward scorer (the test oracle), to the last bit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 10, maxLength: 10 }), (picks) => {
        const answers = answersFrom(picks);
        for (const id of INSTRUMENTS) {
          const instrument = catalog.instruments.get(id);
          if (instrument === undefined) continue;
          const reference = scoreInstrumentDirectly(instrument, answers[id]).score;
          const compiled = compileScorer(instrument).score(answers[id]).score;
          expect(Number.isNaN(compiled) ? null : compiled).toBe(reference);
        }
      }),
    );
  });

  it('gives the same bytes whatever the order of the responses, for cohort and pool', () => {
    fc.assert(
      fc.property(
        fc.array(participantArbitrary, { minLength: 1, maxLength: 25 }),
        fc.integer(),
        (participants, seed) => {
          const responses = responsesOf(participants);
          const shuffled = [...responses].sort(
            (a, b) =>
              ((a.participant.charCodeAt(3) * 31 + seed) % 7) - ((b.participant.charCodeAt(3) * 31 + seed) % 7) ||
              (a.wave < b.wave ? 1 : -1),
          );
          expect(JSON.stringify(computeCohortIndicators(programme, catalog, 'barcelona-2026', shuffled))).toBe(
            JSON.stringify(computeCohortIndicators(programme, catalog, 'barcelona-2026', responses)),
          );
          expect(JSON.stringify(computePooledIndicators(programme, catalog, shuffled))).toBe(
            JSON.stringify(computePooledIndicators(programme, catalog, responses)),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("agrees with Hake's gains for a knowledge quiz, including people at 100% before", () => {
    const justrom3 = shippedProgramme('justrom3-mentoring', catalog);
    const quiz = catalog.instruments.get('rights-justice-quiz');
    if (quiz === undefined) throw new Error('seed definitions missing');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
            fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (people) => {
          const answersOf = (right: readonly boolean[]): StoredResponse['answers'] => ({
            [quiz.id]: Object.fromEntries(
              quiz.items.map((item, index) => {
                const options = optionsOf(quiz, index);
                return [
                  item.id,
                  (right[index] === true
                    ? options.find((option) => option.correct === true)
                    : options.find((option) => option.correct !== true)
                  )?.value ?? '',
                ];
              }),
            ),
          });
          const responses: StoredResponse[] = people.flatMap(([before, after], index) =>
            (
              [
                ['pre', before],
                ['post', after],
              ] as const
            ).map(([wave, right]) => ({
              programme: justrom3.id,
              cohort: 'iasi-2020',
              participant: `q${String(index).padStart(3, '0')}`,
              session: 'individual-meeting-1',
              wave,
              answers: answersOf(right),
              groups: {},
              language: 'ro',
              consentVersion: '1',
              receipt: 'R',
              receivedAt: '2026-01-01T00:00:00Z',
              expiresAt: 0,
            })),
          );
          const row = computeCohortIndicators(justrom3, catalog, 'iasi-2020', responses).find(
            (candidate) =>
              candidate.session === 'individual-meeting-1' &&
              candidate.instrument === quiz.id &&
              candidate.part === undefined &&
              candidate.group === null,
          );
          const scores = (wave: 'pre' | 'post'): number[] =>
            responses
              .filter((response) => response.wave === wave)
              .map((response) => scoreInstrumentDirectly(quiz, response.answers[quiz.id]).score ?? Number.NaN);
          const expected = normalisedGain(scores('pre'), scores('post'));
          close(row?.indicators.gain_of_averages ?? null, expected.gain_of_averages);
          close(row?.indicators.average_of_gains ?? null, expected.average_of_gains);
          expect(row?.indicators.gain_undefined).toBe(expected.gain_undefined);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('prepost stats: one cell of the engine', () => {
  // Decimal data (as typed into a spreadsheet) and doubles of any precision, with ties and zeros.
  const value = fc.oneof(
    fc.integer({ min: -2_000, max: 2_000 }).map((hundredths) => hundredths / 100),
    fc.integer({ min: 0, max: 40 }),
    fc.double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }),
  );
  const pairs = fc.array(fc.tuple(value, value), { minLength: 0, maxLength: 80 });
  const split = (list: readonly [number, number][]): { pre: number[]; post: number[] } => ({
    pre: list.map(([before]) => before),
    post: list.map(([, after]) => after),
  });

  it('gives the oracle paired statistics to the last bit', () => {
    fc.assert(
      fc.property(pairs, (list) => {
        const { pre, post } = split(list);
        expect(JSON.stringify(engine.pairedStatistics(pre, post))).toBe(JSON.stringify(pairedStatistics(pre, post)));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the oracle's reliable change, signed-rank test and gains to the last bit", () => {
    fc.assert(
      fc.property(
        pairs,
        fc.double({ min: 0.05, max: 0.99, noNaN: true }),
        fc.constantFrom('higher-better', 'lower-better'),
        (list, reliability, direction) => {
          const { pre, post } = split(list);
          expect(engine.reliableChange(pre, post, reliability, direction)).toEqual(
            reliableChange(pre, post, reliability, direction),
          );
          expect(engineWilcoxon(pre, post)).toEqual(wilcoxonSignedRank(pre, post));
          const percent = (score: number): number => Math.min(100, Math.abs(score) % 101);
          expect(engine.normalisedGain(pre.map(percent), post.map(percent))).toEqual(
            normalisedGain(pre.map(percent), post.map(percent)),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the oracle's Cronbach's alpha on item scores", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 4, maxLength: 4 }), {
          maxLength: 40,
        }),
        (rows) => close(engineAlpha(rows), cronbachAlpha(rows)),
      ),
    );
  });
});
