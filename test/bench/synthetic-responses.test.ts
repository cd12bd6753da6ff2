/**
 * The benchmarks' synthetic data must be data the product would accept, or their figures say
 * nothing: every generated response passes the submit path's validation, comes in the order
 * the cohort Query returns, is the same for the same seed, and the bare single pass scores
 * exactly what the scoring code scores.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { CONSENT_FIELD, answerField, groupField, validateAnswers } from '#core/answers.ts';
import { scoreInstrumentDirectly } from '../support/scoring-oracle.ts';
import { cohortOf, shippedProgramme } from '../support/programmes.ts';
import { resolveWave } from '#core/waves.ts';
import { bareSinglePass, planBarePass } from '../../bench/bare-pass.ts';
import {
  BENCH_COHORT,
  BENCH_PROGRAMME,
  BENCH_SESSION,
  generateCohortResponses,
  generateResponsePages,
} from '../../bench/synthetic-responses.ts';

const catalog = shippedCatalog();

const programme = shippedProgramme(BENCH_PROGRAMME, catalog);
const cohort = cohortOf(programme, BENCH_COHORT);
const spec = { programme, catalog, cohort: BENCH_COHORT, session: BENCH_SESSION };
const responses = generateCohortResponses({ ...spec, responses: 400, seed: 1 });

describe('generateCohortResponses', () => {
  it('gives each participant a pre and a post response, in sort-key order', () => {
    expect(responses).toHaveLength(400);
    expect(new Set(responses.map((response) => response.participant)).size).toBe(200);
    const sortKeys = responses.map((response) => `RESP#${response.participant}#${response.session}#${response.wave}`);
    expect(sortKeys).toEqual([...sortKeys].sort());
  });

  it('generates answers the submit path accepts, with some items skipped', () => {
    let skipped = 0;
    for (const response of responses) {
      expect(response.cohort).toBe(cohort.id);
      const context = resolveWave(programme, cohort, response.session, response.wave);
      if (context === undefined) throw new Error('no wave');
      const fields: Record<string, string> = { [CONSENT_FIELD]: programme.consent.version };
      for (const [instrument, answers] of Object.entries(response.answers)) {
        for (const [item, value] of Object.entries(answers)) fields[answerField(instrument, item)] = value;
        skipped += (catalog.instruments.get(instrument)?.items.length ?? 0) - Object.keys(answers).length;
      }
      for (const [subgroup, value] of Object.entries(response.groups)) fields[groupField(subgroup)] = value;
      const result = validateAnswers(context, catalog, fields);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).toEqual({ answers: response.answers, groups: response.groups });
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('is the same for the same seed, and differs for another', () => {
    expect(generateCohortResponses({ ...spec, responses: 400, seed: 1 })).toEqual(responses);
    expect(generateCohortResponses({ ...spec, responses: 400, seed: 2 })).not.toEqual(responses);
  });
});

describe('generateResponsePages', () => {
  const pages = [...generateResponsePages({ ...spec, responses: 2_500, seed: 3 }, 1_000)];
  const paged = pages.flat();

  it('makes the cohort a page at a time, in sort-key order across the pages', () => {
    expect(pages.map((page) => page.length)).toEqual([1_000, 1_000, 500]);
    expect(new Set(paged.map((response) => response.participant)).size).toBe(1_250);
    const sortKeys = paged.map((response) => `RESP#${response.participant}#${response.session}#${response.wave}`);
    expect(sortKeys).toEqual([...sortKeys].sort());
    for (const response of paged) expect(response.participant).toMatch(/^p-[0-9a-hjkmnp-tv-z]{12}$/);
  });

  it('generates answers the submit path accepts, the same for the same seed', () => {
    for (const response of paged.slice(0, 200)) {
      const context = resolveWave(programme, cohort, response.session, response.wave);
      if (context === undefined) throw new Error('no wave');
      const fields: Record<string, string> = { [CONSENT_FIELD]: programme.consent.version };
      for (const [instrument, answers] of Object.entries(response.answers))
        for (const [item, value] of Object.entries(answers)) fields[answerField(instrument, item)] = value;
      for (const [subgroup, value] of Object.entries(response.groups)) fields[groupField(subgroup)] = value;
      expect(validateAnswers(context, catalog, fields).ok).toBe(true);
    }
    expect([...generateResponsePages({ ...spec, responses: 2_500, seed: 3 }, 1_000)].flat()).toEqual(paged);
  });
});

describe('bareSinglePass', () => {
  it('sums the item scores the scoring code gives, per instrument and wave', () => {
    const plan = planBarePass(programme, catalog);
    const expected = new Array<number>(plan.instruments.length * 2).fill(0);
    for (const response of responses) {
      plan.instruments.forEach(({ id }, index) => {
        const instrument = catalog.instruments.get(id);
        if (instrument === undefined) throw new Error(`no instrument ${id}`);
        const itemScores = scoreInstrumentDirectly(instrument, response.answers[id]).itemScores;
        const offset = response.wave === 'pre' ? 0 : plan.instruments.length;
        expected[offset + index] =
          (expected[offset + index] ?? 0) + itemScores.reduce<number>((sum, score) => sum + (score ?? 0), 0);
      });
    }
    expect(bareSinglePass(plan, responses)).toEqual(expected);
  });
});
