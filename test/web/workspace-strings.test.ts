/**
 * The workspace's readings in the reader's language: English says what core's English sentence
 * says; Catalan, Romanian and Spanish word the same facts with their own numbers; a flagged alpha
 * is said in words; numbers carry a true minus sign and never show "−0.00".
 */
import { describe, expect, it } from 'vitest';
import {
  changeFacts,
  evaluationFacts,
  readChange,
  reliabilityFacts,
  type ChangeFigures,
  type EvaluationFigures,
} from '#core/readings.ts';
import { LANGUAGES } from '#surveys/schema.ts';
import {
  countPhrase,
  formatChange,
  formatNumber,
  wordAlphaFlag,
  wordChange,
  wordEvaluation,
  wordGain,
  WORKSPACE_STRINGS,
  type WorkspaceStrings,
} from '#web/workspace-strings.ts';

const figures: ChangeFigures = {
  n_paired: 12,
  mean_pre_paired: 15,
  mean_post_paired: 18.2,
  mean_change: 3.2,
  ci95_low: 1.1,
  ci95_high: 5.3,
  g_av: 0.45,
  d_z: 0.6,
};
const context = { name: 'Self-esteem', direction: 'higher-better', percent: false } as const;

describe('workspace readings', () => {
  it('say in English what the funder summary’s sentence says, and the same facts in every language', () => {
    const facts = changeFacts(context, figures);
    if (facts === undefined) throw new Error('no facts');
    expect(wordChange(facts, 'Self-esteem', 'en')).toBe(readChange(context, figures));
    expect(wordChange(facts, 'Autoestima', 'ca')).toBe(
      'Autoestima ha pujat 3,2 punts (IC 95 % 1,1 a 5,3), un efecte petit: una millora (de 15,0 a 18,2; ' +
        '12 persones han respost abans i després).',
    );
    expect(wordChange(facts, 'Stima de sine', 'ro')).toContain('a crescut cu 3,2 puncte');
    expect(wordChange(facts, 'Autoestima', 'es')).toContain('una mejora');
    const one = changeFacts(context, { ...figures, n_paired: 1, ci95_low: null, ci95_high: null });
    if (one === undefined) throw new Error('no facts');
    expect(wordChange(one, 'Self-esteem', 'en')).toContain('1 person answered before and after');
    expect(wordGain(0.42, 'es')).toBe('Ganancia normalizada 0,42, una ganancia media (Hake).');
  });

  it('count people as each language does: Romanian says "de" from 20 on, save after 01 to 19', () => {
    const facts = (n: number) => {
      const found = changeFacts(context, { ...figures, n_paired: n });
      if (found === undefined) throw new Error('no facts');
      return found;
    };
    expect(wordChange(facts(26), 'Stima de sine', 'ro')).toContain('26 de persoane au răspuns înainte și după');
    expect(wordChange(facts(19), 'Stima de sine', 'ro')).toContain('19 persoane au răspuns');
    expect(wordChange(facts(1), 'Stima de sine', 'ro')).toContain('1 persoană a răspuns');
    const ro = (n: number): string => countPhrase('reading.people', n, 'ro');
    expect([2, 19, 101, 119, 1019].map(ro).every((text) => !text.includes(' de persoane'))).toBe(true);
    expect([20, 26, 100, 120, 200, 1000].map(ro).every((text) => text.includes(' de persoane'))).toBe(true);
    for (const phrase of ['groupLine', 'chart.changesLabel', 'chart.reliableAxis'] as const) {
      expect(countPhrase(phrase, 26, 'ro'), phrase).toContain('26 de persoane');
      expect(countPhrase(phrase, 12, 'ro'), phrase).toContain('12 persoane');
    }
    // Counts without a noun after them need no "de": "26 au rămas neschimbați".
    expect(WORKSPACE_STRINGS.ro.reliableCounts).toContain('{unchanged} au rămas neschimbați');
    // English has a singular too: "1 completer", never "1 completers".
    expect(countPhrase('groupLine', 1, 'en', { change: '+1.00', effect: 'g_av –' })).toBe('1 completer: +1.00, g_av –');
    expect(countPhrase('chart.reliableAxis', 7, 'en')).toBe('Share of 7 completers');
    expect(countPhrase('chart.changesLabel', 1, 'ca')).toBe('canvi individual de 1 persona');
  });

  it('flag a negative or low baseline alpha in words, saying whether reliable change is computed', () => {
    const negative = reliabilityFacts({ alpha_baseline: -0.74, reliability: null, reliability_source: null });
    expect(wordAlphaFlag(negative, 'en')).toBe(
      'Baseline alpha −0.74: the items did not hang together in this group; reliable change is not computed.',
    );
    const low = reliabilityFacts({ alpha_baseline: 0.52, reliability: 0.88, reliability_source: 'published' });
    expect(wordAlphaFlag(low, 'ca')).toBe(
      'Alfa inicial 0,52, per sota de 0,70: els ítems han estat poc coherents entre si en aquest grup; ' +
        'el canvi fiable fa servir la fiabilitat publicada 0,88.',
    );
    // A knowledge quiz has no reliable change to lose: its flag says only what the alpha says.
    const quiz = reliabilityFacts({ alpha_baseline: 0.41, reliability: null, reliability_source: null });
    expect(wordAlphaFlag(quiz, 'en', { quiz: true })).toBe(
      'Baseline alpha 0.41 is below .70: the items hung together weakly in this group.',
    );
    for (const language of LANGUAGES) {
      expect(wordAlphaFlag(negative, language)).toContain('−0');
      expect(
        wordAlphaFlag(
          reliabilityFacts({ alpha_baseline: 0.8, reliability: 0.8, reliability_source: 'cronbach-alpha-baseline' }),
          language,
        ),
      ).toBeUndefined();
    }
  });

  it('write numbers as the language does, with a true minus and no negative zero', () => {
    expect(formatNumber(-3.13, 'en')).toBe('−3.13');
    expect(formatNumber(-3.13, 'ro')).toBe('−3,13');
    expect(formatNumber(-0.001, 'es')).toBe('0,00');
    expect(formatNumber(null, 'ca')).toBe('–');
    expect(formatChange(2.5, 'en')).toBe('+2.50');
    expect(formatChange(0.001, 'en')).toBe('0.00');
    // Every language has every word (the type says so; this says none is left empty).
    for (const language of LANGUAGES)
      for (const [key, value] of Object.entries(WORKSPACE_STRINGS[language]))
        expect(value, `${language} ${key}`).not.toHaveLength(0);
  });
});

/** A cell of a design with every addition of issue 14. */
const evaluated: EvaluationFigures = {
  n_paired: 20,
  n_pre: 25,
  n_pre_only: 5,
  lost_share: 0.2,
  bounds_low: -3.25,
  bounds_high: 4.75,
  n_followup: 15,
  mean_change_followup: 2.46,
  ci95_low_followup: 0.51,
  ci95_high_followup: 4.41,
  n_post_followup: 14,
  mean_change_post_followup: -0.42,
  ci95_low_post_followup: -1.2,
  ci95_high_post_followup: 0.36,
  n_all_waves: 14,
  n_sustained: 9,
  lost_share_followup: 0.4,
  n_then: 18,
  mean_change_then: 4.1,
  ci95_low_then: 2,
  ci95_high_then: 6.2,
  n_shift: 18,
  mean_response_shift: -1.3,
  ci95_low_shift: -2.1,
  ci95_high_shift: -0.5,
  csc_cutoff: 15,
  csc_criterion: 'c',
  rci_recovered: 4,
  typical_pre_share: 0.3,
  typical_post_share: 0.55,
  n_comparison: 11,
  did_estimate: 1.8,
  did_ci95_low: -0.2,
  did_ci95_high: 3.8,
  did_g: 0.52,
};

describe('what applies beyond before-after, in words', () => {
  const say = (
    language: (typeof LANGUAGES)[number],
    figures: EvaluationFigures = evaluated,
    direction: 'higher-better' | 'lower-better' = 'higher-better',
  ) => wordEvaluation(evaluationFacts(figures), { language, percent: false, direction, monthsAfter: 6 });

  it('says each finding in a sentence with its reference, in English', () => {
    expect(say('en')).toEqual([
      '20% of the people who answered before did not answer after (5 of 25): within the 20% loss to follow-up it ' +
        'accepts (NHLBI quality assessment tool for before-after studies).',
      'If everyone who did not answer again had scored the lowest possible, the average change would be −3.3; the ' +
        'highest possible, +4.8 (Manski bounds, over everyone who answered before).',
      '6 months later the change from the start was +2.5 (95% CI 0.5 to 4.4); 15 people answered both times.',
      'From the end of the programme to the follow-up the change was −0.4 (95% CI −1.2 to 0.4).',
      '9 of the 14 people who answered all three times had improved by the end and were still better than at the ' +
        'start.',
      '40% of the people who answered before did not answer the follow-up: more than the 20% loss to follow-up it ' +
        'accepts (NHLBI quality assessment tool for before-after studies).',
      'Looking back, people rated their starting point 1.3 points lower than they did at the start (a response ' +
        'shift, found by Howard’s retrospective pre-test; 95% CI −2.1 to −0.5).',
      'Measured from that look back, the change to the end was +4.1 (95% CI 2.0 to 6.2).',
      '4 of 20 moved from the atypical into the typical range with a reliable improvement (Jacobson & Truax 1991: ' +
        'cut-off 15, criterion c, between the clinical and the norm populations).',
      'In the typical range: 30% before, 55% after.',
      'The programme’s participants did 1.8 points better than the comparison group (95% CI −0.2 to 3.8), ' +
        'Hedges’ g 0.52: a quasi-experimental estimate, as people were not assigned at random (Welch interval).',
    ]);
  });

  it('says the same facts in Romanian, Spanish and Catalan, with their own numbers and plurals', () => {
    const ro = say('ro');
    expect(ro[0]).toContain('20\u00a0% dintre persoanele care au răspuns înainte');
    expect(ro[2]).toBe(
      'După 6 luni, schimbarea față de început era +2,5 (IÎ 95% 0,5 până la 4,4); 15 persoane au răspuns de ' +
        'ambele dăți.',
    );
    expect(ro[4]).toContain('9 din cele 14 persoane');
    // Romanian says "20 de persoane" from 20 on.
    expect(say('ro', { ...evaluated, n_followup: 20 })[2]).toContain('20 de persoane au răspuns de ambele dăți');
    const es = say('es');
    expect(es[2]).toBe(
      '6 meses después, el cambio desde el inicio era +2,5 (IC 95 % 0,5 a 4,4); 15 personas respondieron las ' +
        'dos veces.',
    );
    expect(es[6]).toContain('1,3 puntos más bajo que al inicio');
    expect(es.at(-1)).toContain('evolucionaron 1,8 puntos mejor que el grupo de comparación');
    const ca = say('ca');
    expect(ca[3]).toBe('Del final del programa al seguiment, el canvi va ser −0,4 (IC 95 % −1,2 a 0,4).');
    expect(ca[8]).toContain('criteri c');
    // Catalan elides "de" before 1 and 11 as before a vowel.
    expect(say('ca', { ...evaluated, n_paired: 11, n_pre: 11, n_pre_only: 1 })).toEqual(
      expect.arrayContaining([
        expect.stringContaining('(1 d’11)'),
        expect.stringMatching(/^4 d’11 van passar del rang atípic al típic/),
      ]),
    );
    for (const language of LANGUAGES) expect(say(language), language).toHaveLength(11);
  });

  it('reads a larger change than the comparison group’s as worse where lower is better', () => {
    expect(say('en', evaluated, 'lower-better').at(-1)).toContain('did 1.8 points worse than the comparison group');
    expect(say('en', { ...evaluated, did_estimate: -0.01 }).at(-1)).toContain('changed about as much as');
  });

  it('says nobody was lost without bounds, a shift too small to show as none, nothing for a plain design', () => {
    const lines = say('en', { lost_share: 0, bounds_low: 2, bounds_high: 2, n_shift: 9, mean_response_shift: 0.01 });
    expect(lines[0]).toBe('Everyone who answered before answered after too.');
    expect(lines[1]).toContain('as they did at the start');
    expect(lines).toHaveLength(2);
    expect(say('en', { n_paired: 12 })).toEqual([]);
  });

  it('takes the counts as a funder summary says them ("about 15")', () => {
    const lines = wordEvaluation(evaluationFacts({ n_followup: 15, mean_change_followup: 1 }), {
      language: 'en',
      percent: false,
      direction: 'higher-better',
      count: (n) => `about ${n}`,
    });
    expect(lines).toEqual([
      'At the follow-up the change from the start was +1.0; about 15 people answered both times.',
    ]);
  });

  it('cannot leave a sentence untranslated: a language without one does not compile', () => {
    const { 'eval.lost': _lost, ...withoutOne } = WORKSPACE_STRINGS.ro;
    // @ts-expect-error a table without 'eval.lost' is not the workspace's words
    const incomplete: WorkspaceStrings = withoutOne;
    expect(Object.keys(incomplete)).not.toContain('eval.lost');
  });
});
