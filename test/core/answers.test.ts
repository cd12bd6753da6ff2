/**
 * Submission validation against the real catalogue, receipts, and wave windows.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { Programme } from '#surveys/schema.ts';
import { testInstrument } from '../support/instruments.ts';
import { cohortOf, seedWave, shippedProgramme } from '../support/programmes.ts';
import type { Catalog } from '#surveys/catalog.ts';
import {
  answerField,
  CONSENT_FIELD,
  groupField,
  sameAnswers,
  validateAnswers,
  type FieldError,
  type ValidAnswers,
} from '#core/answers.ts';
import { resolveWave, type WaveContext } from '#core/waves.ts';

const catalog = shippedCatalog();

function programme(id: string): Programme {
  return shippedProgramme(id, catalog);
}

function context(programmeId: string, cohort: string, session: string, kind: 'pre' | 'post'): WaveContext {
  return seedWave(programmeId, cohort, session, kind, catalog);
}

const justrom3 = programme('justrom3-mentoring');
const iasi = cohortOf(justrom3, 'iasi-2020');
const dones = programme('dones-mentores');
/** JUSTROM3 individual meeting 1, pre: Rosenberg, rights quiz, personal safety, leadership. */
const jPre = context('justrom3-mentoring', 'iasi-2020', 'individual-meeting-1', 'pre');
/** Dones Mentores pre: also asks the subgroup questions. */
const dPre = context('dones-mentores', 'barcelona-2026', 'mentoring-cycle', 'pre');
const dPost = context('dones-mentores', 'barcelona-2026', 'mentoring-cycle', 'post');

const RSES = 'rosenberg-self-esteem';
const SAFETY = 'personal-safety';
const LEADERSHIP = 'community-leadership';
const consentJ = { [CONSENT_FIELD]: justrom3.consent.version };
const consentD = { [CONSENT_FIELD]: dones.consent.version };

function errorsOf(result: ReturnType<typeof validateAnswers>): FieldError[] {
  if (result.ok) throw new Error('expected the submission to be refused');
  return result.errors;
}

function acceptedValue(result: ReturnType<typeof validateAnswers>): ValidAnswers {
  if (!result.ok) throw new Error(`expected the submission to be accepted: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('the fixtures', () => {
  it('resolve to the waves and items the tests rely on', () => {
    expect(jPre.wave.instruments).toEqual([RSES, 'rights-justice-quiz', SAFETY, 'community-leadership']);
    expect(jPre.wave.subgroups).toEqual([]);
    expect(dPre.wave.subgroups).toEqual(['role', 'migrant-background', 'age-band', 'reverse-mentoring']);
    const safety = catalog.instruments.get(SAFETY);
    expect(safety?.items.find((item) => item.id === 'safe-at-home')?.sensitive).toBe(true);
    expect(catalog.instruments.get(RSES)?.items.find((item) => item.id === 'rses-1')?.sensitive).toBe(true);
    expect(
      catalog.instruments.get(LEADERSHIP)?.items.find((item) => item.id === 'speak-up-with-authorities')?.sensitive,
    ).toBe(false);
    expect(answerField(RSES, 'rses-1')).toBe('a.rosenberg-self-esteem.rses-1');
    expect(groupField('role')).toBe('g.role');
  });

  it('resolve nothing for an unknown programme, cohort or session', () => {
    expect(resolveWave(undefined, iasi, 'individual-meeting-1', 'pre')).toBeUndefined();
    expect(resolveWave(justrom3, undefined, 'individual-meeting-1', 'pre')).toBeUndefined();
    expect(resolveWave(justrom3, iasi, 'no-session', 'pre')).toBeUndefined();
  });
});

describe('validateAnswers: consent', () => {
  it('refuses a submission without consent', () => {
    expect(errorsOf(validateAnswers(jPre, catalog, { [answerField(RSES, 'rses-1')]: 'agree' }))).toEqual([
      { field: 'consent', problem: 'consent-required' },
    ]);
  });

  it('refuses an empty consent', () => {
    expect(errorsOf(validateAnswers(jPre, catalog, { consent: '' }))).toEqual([
      { field: 'consent', problem: 'consent-required' },
    ]);
  });

  it('refuses another consent version', () => {
    expect(errorsOf(validateAnswers(jPre, catalog, { consent: '2019-01-1' }))).toEqual([
      { field: 'consent', problem: 'consent-required' },
    ]);
    // Another programme's version is not this one's.
    expect(errorsOf(validateAnswers(jPre, catalog, consentD))).toEqual([
      { field: 'consent', problem: 'consent-required' },
    ]);
  });

  it('accepts consent with nothing answered (every item may be skipped)', () => {
    const value = acceptedValue(validateAnswers(jPre, catalog, consentJ));
    expect(value.answers).toEqual({ [RSES]: {}, 'rights-justice-quiz': {}, [SAFETY]: {}, 'community-leadership': {} });
    expect(value.groups).toEqual({});
  });
});

describe('validateAnswers: fields', () => {
  it('refuses an option the item does not have, on that field', () => {
    const field = answerField(RSES, 'rses-3');
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [field]: 'totally' }))).toEqual([
      { field, problem: 'invalid-option' },
    ]);
    // Another item's option is not this item's either: the rights quiz uses a/b/c.
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [field]: 'a' }))).toEqual([
      { field, problem: 'invalid-option' },
    ]);
  });

  it('refuses an unknown field', () => {
    expect(
      errorsOf(validateAnswers(jPre, catalog, { ...consentJ, 'a.rosenberg-self-esteem.rses-11': 'agree' })),
    ).toEqual([{ field: 'a.rosenberg-self-esteem.rses-11', problem: 'unknown-field' }]);
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, name: 'Maria' }))).toEqual([
      { field: 'name', problem: 'unknown-field' },
    ]);
  });

  it('refuses answers to an instrument this wave does not ask', () => {
    const field = answerField('mood', 'mood-today');
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [field]: 'good' }))).toEqual([
      { field, problem: 'unknown-field' },
    ]);
  });

  it('refuses a field sent twice', () => {
    const field = answerField(RSES, 'rses-1');
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [field]: ['agree', 'disagree'] }))).toEqual([
      { field, problem: 'repeated' },
    ]);
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [field]: ['agree', 'agree'] }))).toEqual([
      { field, problem: 'repeated' },
    ]);
  });

  it('reports every problem of a submission at once', () => {
    const errors = errorsOf(
      validateAnswers(jPre, catalog, {
        consent: 'old',
        [answerField(RSES, 'rses-1')]: 'nope',
        [answerField(RSES, 'rses-2')]: ['agree', 'agree'],
        extra: 'x',
      }),
    );
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'consent', problem: 'consent-required' },
        { field: answerField(RSES, 'rses-1'), problem: 'invalid-option' },
        { field: answerField(RSES, 'rses-2'), problem: 'repeated' },
        { field: 'extra', problem: 'unknown-field' },
      ]),
    );
  });

  it('counts empty strings as unanswered', () => {
    const value = acceptedValue(
      validateAnswers(jPre, catalog, {
        ...consentJ,
        [answerField(RSES, 'rses-1')]: '',
        [answerField(RSES, 'rses-2')]: 'agree',
        [answerField(SAFETY, 'safe-at-home')]: '',
      }),
    );
    expect(value.answers[RSES]).toEqual({ 'rses-2': 'agree' });
    expect(value.answers[SAFETY]).toEqual({});
  });

  it('ignores the lang control field', () => {
    const value = acceptedValue(validateAnswers(jPre, catalog, { ...consentJ, lang: 'en' }));
    expect(JSON.stringify(value)).not.toContain('lang');
  });

  it('accepts "prefer not to say" on a sensitive item only', () => {
    const sensitive = answerField(SAFETY, 'safe-at-home');
    const value = acceptedValue(validateAnswers(jPre, catalog, { ...consentJ, [sensitive]: 'prefer-not-to-say' }));
    expect(value.answers[SAFETY]).toEqual({ 'safe-at-home': 'prefer-not-to-say' });
    const plain = answerField(LEADERSHIP, 'speak-up-with-authorities');
    expect(errorsOf(validateAnswers(jPre, catalog, { ...consentJ, [plain]: 'prefer-not-to-say' }))).toEqual([
      { field: plain, problem: 'invalid-option' },
    ]);
  });

  it('returns the accepted answers grouped by instrument, one entry per wave instrument', () => {
    const fields = {
      ...consentJ,
      [answerField(RSES, 'rses-1')]: 'agree',
      [answerField(RSES, 'rses-10')]: 'strongly-agree',
      [answerField('rights-justice-quiz', 'legal-aid')]: 'dont-know',
      [answerField(SAFETY, 'safe-in-neighbourhood')]: 'agree',
      [answerField('community-leadership', 'organise-women')]: 'very-confident',
    };
    expect(acceptedValue(validateAnswers(jPre, catalog, fields))).toEqual({
      answers: {
        [RSES]: { 'rses-1': 'agree', 'rses-10': 'strongly-agree' },
        'rights-justice-quiz': { 'legal-aid': 'dont-know' },
        [SAFETY]: { 'safe-in-neighbourhood': 'agree' },
        'community-leadership': { 'organise-women': 'very-confident' },
      },
      groups: {},
    });
  });
});

describe('validateAnswers: subgroup questions', () => {
  it('accepts the options of the subgroups this wave asks, and returns them as groups', () => {
    const value = acceptedValue(
      validateAnswers(dPre, catalog, {
        ...consentD,
        'g.role': 'mentee',
        'g.age-band': '45-59',
        'g.migrant-background': 'prefer-not-to-say',
      }),
    );
    expect(value.groups).toEqual({ role: 'mentee', 'age-band': '45-59', 'migrant-background': 'prefer-not-to-say' });
  });

  it('refuses a value that is not an option', () => {
    expect(errorsOf(validateAnswers(dPre, catalog, { ...consentD, 'g.role': 'boss' }))).toEqual([
      { field: 'g.role', problem: 'invalid-option' },
    ]);
  });

  it('refuses a subgroup question in a wave that does not ask it', () => {
    expect(errorsOf(validateAnswers(dPost, catalog, { ...consentD, 'g.role': 'mentee' }))).toEqual([
      { field: 'g.role', problem: 'unknown-field' },
    ]);
  });
});

describe('validateAnswers: items that may not be skipped', () => {
  const required = testInstrument({
    id: 'test-required',
    options: [
      { value: 'no', score: 0, label: { en: 'No' } },
      { value: 'yes', score: 1, label: { en: 'Yes' } },
    ],
    items: [
      { id: 'must', text: { en: 'Must answer' }, skippable: false },
      { id: 'may', text: { en: 'May answer' } },
    ],
    scoring: { rule: 'sum' },
    direction: 'higher-better',
    range: { min: 0, max: 2 },
  });
  const testCatalog: Catalog = {
    instruments: new Map([[required.id, required]]),
    programmes: catalog.programmes,
    seeds: catalog.seeds,
  };
  const testContext: WaveContext = { ...jPre, wave: { instruments: [required.id], subgroups: [] } };

  it('reports a missing non-skippable item as required, and an empty one too', () => {
    expect(errorsOf(validateAnswers(testContext, testCatalog, consentJ))).toEqual([
      { field: 'a.test-required.must', problem: 'required' },
    ]);
    expect(errorsOf(validateAnswers(testContext, testCatalog, { ...consentJ, 'a.test-required.must': '' }))).toEqual([
      { field: 'a.test-required.must', problem: 'required' },
    ]);
    expect(
      acceptedValue(validateAnswers(testContext, testCatalog, { ...consentJ, 'a.test-required.must': 'yes' })).answers,
    ).toEqual({ 'test-required': { must: 'yes' } });
  });
});

describe('sameAnswers', () => {
  const value: ValidAnswers = {
    answers: { [RSES]: { 'rses-1': 'agree', 'rses-2': 'disagree' }, [SAFETY]: { 'safe-at-home': 'agree' } },
    groups: { role: 'mentee', 'age-band': '30-44' },
  };
  const reordered: ValidAnswers = {
    answers: { [SAFETY]: { 'safe-at-home': 'agree' }, [RSES]: { 'rses-2': 'disagree', 'rses-1': 'agree' } },
    groups: { 'age-band': '30-44', role: 'mentee' },
  };

  it('holds for the same answers in any key order', () => {
    expect(sameAnswers(value, reordered)).toBe(true);
    expect(sameAnswers(value, structuredClone(value))).toBe(true);
  });

  it('fails when one answer or group differs, or one is missing', () => {
    const oneAnswer: ValidAnswers = {
      ...value,
      answers: { ...value.answers, [RSES]: { 'rses-1': 'agree', 'rses-2': 'agree' } },
    };
    const oneFewer: ValidAnswers = { ...value, answers: { ...value.answers, [RSES]: { 'rses-1': 'agree' } } };
    const oneGroup: ValidAnswers = { ...value, groups: { role: 'mentor', 'age-band': '30-44' } };
    for (const other of [oneAnswer, oneFewer, oneGroup]) expect(sameAnswers(value, other)).toBe(false);
  });
});

describe('what the server keeps between screens', () => {
  it('keeps only fields of the wave holding a value it accepts, and never an unknown field', async () => {
    const { knownAnswers } = await import('#core/answers.ts');
    const field = answerField(RSES, 'rses-1');
    const kept = knownAnswers(jPre, catalog, {
      ...consentJ,
      [field]: 'agree',
      [answerField(RSES, 'rses-2')]: 'nonsense',
      [answerField(RSES, 'rses-3')]: ['agree', 'disagree'],
      'a.unknown.x': 'agree',
      lang: 'en',
      step: '2',
      nav: 'next',
      __proto__x: 'y',
    });
    expect(kept).toEqual({ ...consentJ, [field]: 'agree' });
    // A consent for another version of the text is no consent.
    expect(knownAnswers(jPre, catalog, { [CONSENT_FIELD]: 'an-old-version' })).toEqual({});
    // Subgroup answers, "prefer not to say" included, are kept for waves that ask them.
    const site = groupField(dones.subgroups[0]?.id ?? '');
    expect(knownAnswers(dPre, catalog, { [site]: 'prefer-not-to-say' })).toEqual({ [site]: 'prefer-not-to-say' });
    expect(knownAnswers(dPost, catalog, { [site]: 'prefer-not-to-say' })).toEqual({});
  });

  it(
    'counts as answered only an option chosen for a ' + 'question, not "prefer not to say" nor subgroup answers',
    async () => {
      const { hasScoredAnswer } = await import('#core/answers.ts');
      expect(hasScoredAnswer({ ...consentJ })).toBe(false);
      expect(
        hasScoredAnswer({ ...consentJ, [answerField(SAFETY, 'safe-home')]: 'prefer-not-to-say', 'g.site': 'iasi' }),
      ).toBe(false);
      expect(hasScoredAnswer({ ...consentJ, [answerField(SAFETY, 'safe-home')]: '' })).toBe(false);
      expect(hasScoredAnswer({ ...consentJ, [answerField(LEADERSHIP, 'lead-1')]: 'agree' })).toBe(true);
    },
  );
});
