/**
 * A post wave's then-test (retrospective pre-test) from the form to the stored response and the
 * CSV files: its own screen after the instrument's, the same items and options under the
 * definition's prompt in the participant's language, validated like every answer, kept apart from
 * the post answers (`then`), and carried by import and export as `then.<instrument>.<item>`.
 * MigrantVoicesHeard asks one, of its confidence to take part in decisions, after each training.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import {
  CONSENT_FIELD,
  answerField,
  fieldOptions,
  hasScoredAnswer,
  sameAnswers,
  thenField,
  validateAnswers,
  type ValidAnswers,
} from '#core/answers.ts';
import { readImportCsv, templateColumns, thenColumn } from '#core/import-csv.ts';
import { stepErrors, surveySteps } from '#core/steps.ts';
import { frameFor, renderRetry, renderSurveyStep } from '#web/survey-page.ts';
import { seedWave, shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();
const mvh = shippedProgramme('migrant-voices-heard', catalog);
const post = seedWave('migrant-voices-heard', 'cluj-2021', 'action-planning', 'post', catalog);
const pre = seedWave('migrant-voices-heard', 'cluj-2021', 'action-planning', 'pre', catalog);
const CONFIDENCE = 'participation-confidence';
const QUIZ = 'mvh-action-planning-quiz';
const consent = { [CONSENT_FIELD]: mvh.consent.version };
const ITEMS = ['give-opinion', 'take-part-in-decisions', 'contact-local-authority', 'propose-solution'];

function accepted(fields: Record<string, string | string[]>, context = post): ValidAnswers {
  const result = validateAnswers(context, catalog, fields);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('the then-test screens', () => {
  it('follow the instrument asked again, on a screen of their own, with its items under new field names', () => {
    const steps = surveySteps(post, catalog);
    expect(steps.map((step) => [step.kind, step.instrument])).toEqual([
      ['consent', undefined],
      ['instrument', QUIZ],
      ['instrument', CONFIDENCE],
      ['then', CONFIDENCE],
    ]);
    expect(steps[3]?.fields).toEqual(ITEMS.map((item) => `t.${CONFIDENCE}.${item}`));
    // The pre wave asks no then-test.
    expect(surveySteps(pre, catalog).some((step) => step.kind === 'then')).toBe(false);
  });

  it('ask the same items with the same options under the prompt, in the language of the page', () => {
    const steps = surveySteps(post, catalog);
    for (const [language, promptStart, hint] of [
      ['en', 'Think back to just before this training started.', 'The same questions again, on purpose'],
      ['ro', 'Gândiți-vă la cum era chiar înainte', 'Aceleași întrebări din nou, intenționat'],
    ] as const) {
      const page = renderSurveyStep(post, catalog, frameFor(mvh, language, '/s/X'), steps, 3);
      const heading = /<h2>([^<]*)<\/h2>/.exec(page)?.[1] ?? '';
      expect(heading.startsWith(promptStart)).toBe(true);
      expect(page).toContain(hint);
      for (const item of ITEMS) {
        const name = `t.${CONFIDENCE}.${item}`;
        expect(page.match(new RegExp(`name="${name.replace(/\./g, '\\.')}"`, 'g'))).toHaveLength(5);
        expect(page).toContain(`id="f-t-${CONFIDENCE}-${item}"`);
      }
      // The instrument's own instructions (in the present tense) are not repeated under the prompt.
      const ownScreen = renderSurveyStep(post, catalog, frameFor(mvh, language, '/s/X'), steps, 2);
      const instructions = language === 'en' ? 'How confident are you that you can do each' : 'Pentru fiecare lucru';
      expect(ownScreen).toContain(instructions);
      expect(page).not.toContain(instructions);
    }
    const en = renderSurveyStep(post, catalog, frameFor(mvh, 'en', '/s/X'), steps, 3);
    expect(en).toContain('Step 4 of 4');
    expect(en).toContain('Very confident');
  });

  it('carry the answers of the screen before, and come back with a problem at the question', () => {
    const steps = surveySteps(post, catalog);
    const carried = { ...consent, [answerField(CONFIDENCE, 'give-opinion')]: 'very-confident' };
    const page = renderSurveyStep(post, catalog, frameFor(mvh, 'en', '/s/X'), steps, 3, carried, [
      { field: thenField(CONFIDENCE, 'give-opinion'), problem: 'invalid-option' },
    ]);
    expect(page).toContain(`name="a.${CONFIDENCE}.give-opinion" value="very-confident"`);
    expect(page).toContain(`<a href="#f-t-${CONFIDENCE}-give-opinion">`);
    expect(page).toContain(`id="f-t-${CONFIDENCE}-give-opinion-error"`);
  });

  it('are carried back after a failure to store, as the form sent them', () => {
    const page = renderRetry(frameFor(mvh, 'en', '/s/X'), {
      ...consent,
      [thenField(CONFIDENCE, 'give-opinion')]: 'slightly-confident',
    });
    expect(page).toContain(`name="t.${CONFIDENCE}.give-opinion" value="slightly-confident"`);
  });
});

describe('validating a then-test', () => {
  it('keeps its answers apart from the post answers, by instrument, each instrument present even when skipped', () => {
    const value = accepted({
      ...consent,
      [answerField(CONFIDENCE, 'give-opinion')]: 'very-confident',
      [thenField(CONFIDENCE, 'give-opinion')]: 'slightly-confident',
      [thenField(CONFIDENCE, 'propose-solution')]: 'not-at-all-confident',
    });
    expect(value.answers).toEqual({ [QUIZ]: {}, [CONFIDENCE]: { 'give-opinion': 'very-confident' } });
    expect(value.then).toEqual({
      [CONFIDENCE]: { 'give-opinion': 'slightly-confident', 'propose-solution': 'not-at-all-confident' },
    });
    expect(accepted(consent).then).toEqual({ [CONFIDENCE]: {} });
    // A wave without a then-test has none at all.
    expect(accepted(consent, pre).then).toBeUndefined();
  });

  it('refuses an option the item does not have, and a then-test field in a wave that asks none', () => {
    const wrong = validateAnswers(post, catalog, { ...consent, [thenField(CONFIDENCE, 'give-opinion')]: 'maybe' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.errors).toEqual([{ field: thenField(CONFIDENCE, 'give-opinion'), problem: 'invalid-option' }]);
      // Shown on the then-test's own screen, not on the instrument's.
      const steps = surveySteps(post, catalog);
      expect(stepErrors(steps, 2, wrong.errors)).toEqual([]);
      expect(stepErrors(steps, 3, wrong.errors)).toHaveLength(1);
    }
    const misplaced = validateAnswers(pre, catalog, {
      ...consent,
      [thenField(CONFIDENCE, 'give-opinion')]: 'very-confident',
    });
    expect(misplaced.ok).toBe(false);
    if (!misplaced.ok)
      expect(misplaced.errors).toEqual([{ field: thenField(CONFIDENCE, 'give-opinion'), problem: 'unknown-field' }]);
    // A quiz is never asked again: its items have no then-test field.
    const quizItem = catalog.instruments.get(QUIZ)?.items[0]?.id ?? '';
    expect(fieldOptions(post, catalog).has(thenField(QUIZ, quizItem))).toBe(false);
  });

  it('counts a then-test answer as something to send', () => {
    expect(hasScoredAnswer({ ...consent, [thenField(CONFIDENCE, 'give-opinion')]: 'very-confident' })).toBe(true);
    expect(hasScoredAnswer(consent)).toBe(false);
  });

  it('tells the same answers from others by their then-test too, a blank one being the same as none', () => {
    const base = accepted({ ...consent, [thenField(CONFIDENCE, 'give-opinion')]: 'slightly-confident' });
    const other = accepted({ ...consent, [thenField(CONFIDENCE, 'give-opinion')]: 'very-confident' });
    expect(sameAnswers(base, { ...base })).toBe(true);
    expect(sameAnswers(base, other)).toBe(false);
    const blank = accepted(consent);
    const { then: _blank, ...none } = blank;
    expect(sameAnswers(blank, none)).toBe(true);
    expect(sameAnswers(base, none)).toBe(false);
  });
});

describe('then-test columns in import and export files', () => {
  it('follow their wave in the template: then.<instrument>.<item>, for the post wave only', () => {
    const postColumns = templateColumns(mvh, catalog, 'action-planning', 'post') ?? [];
    expect(postColumns.slice(-4)).toEqual(ITEMS.map((item) => `then.${CONFIDENCE}.${item}`));
    expect(postColumns.indexOf(`then.${CONFIDENCE}.give-opinion`)).toBeGreaterThan(
      postColumns.indexOf(`${CONFIDENCE}.propose-solution`),
    );
    expect((templateColumns(mvh, catalog, 'action-planning', 'pre') ?? []).some((c) => c.startsWith('then.'))).toBe(
      false,
    );
    expect(thenColumn(CONFIDENCE, 'give-opinion')).toBe(`then.${CONFIDENCE}.give-opinion`);
  });

  it('read as the form reads them: values or positions 1..k, empty skipped; refused in a pre row', () => {
    const header = [
      'participant,session,wave,consent',
      `${CONFIDENCE}.give-opinion`,
      thenColumn(CONFIDENCE, 'give-opinion'),
      thenColumn(CONFIDENCE, 'propose-solution'),
    ].join(',');
    const file = readImportCsv(
      [
        header,
        'p-1,action-planning,post,yes,very-confident,2,',
        'p-2,action-planning,post,yes,,Moderately confident,1',
        'p-3,action-planning,pre,yes,4,3,',
        'p-4,action-planning,post,yes,,9,',
      ].join('\n'),
      mvh,
      'cluj-2021',
      catalog,
    );
    expect(file.rows[0]?.response?.answers.then).toEqual({ [CONFIDENCE]: { 'give-opinion': 'slightly-confident' } });
    expect(file.rows[0]?.response?.answers.answers[CONFIDENCE]).toEqual({ 'give-opinion': 'very-confident' });
    expect(file.rows[1]?.response?.answers.then).toEqual({
      [CONFIDENCE]: { 'give-opinion': 'moderately-confident', 'propose-solution': 'not-at-all-confident' },
    });
    expect(file.problems).toEqual([
      {
        row: 4,
        column: thenColumn(CONFIDENCE, 'give-opinion'),
        message: 'not asked in action-planning pre: leave it empty in this row',
      },
      {
        row: 5,
        column: thenColumn(CONFIDENCE, 'give-opinion'),
        message: expect.stringContaining('"9" is not an option: 1-5'),
      },
    ]);
  });
});
