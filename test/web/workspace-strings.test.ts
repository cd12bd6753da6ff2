/**
 * The workspace's readings in the reader's language: English says what core's English sentence
 * says; Catalan, Romanian and Spanish word the same facts with their own numbers; a flagged alpha
 * is said in words; numbers carry a true minus sign and never show "−0.00".
 */
import { describe, expect, it } from 'vitest';
import { changeFacts, readChange, reliabilityFacts, type ChangeFigures } from '#core/readings.ts';
import { LANGUAGES } from '#surveys/schema.ts';
import {
  countPhrase,
  formatChange,
  formatNumber,
  wordAlphaFlag,
  wordChange,
  wordGain,
  WORKSPACE_STRINGS,
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
