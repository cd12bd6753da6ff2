/**
 * Instrument scoring against the shipped definitions. Expected values are worked out by hand
 * from the Rosenberg scoring key (PRODUCT.md): options 3..0 from "strongly agree" to "strongly
 * disagree", items 2, 5, 6, 8, 9 reversed, total 0-30; missing items prorated when at least
 * 80% are answered. The key goes with the option value: the order the form shows the options
 * in (disagree first, as every scale of the questionnaire) is no part of it.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import type { Instrument } from '#surveys/schema.ts';
import { testInstrument } from '../support/instruments.ts';
import { compileScorer, PREFER_NOT_TO_SAY, scoreInstrument } from '#core/scoring.ts';

const catalog = shippedCatalog();

function shipped(id: string): Instrument {
  const found = catalog.instruments.get(id);
  if (found === undefined) throw new Error(`no instrument ${id}`);
  return found;
}

const rosenberg = shipped('rosenberg-self-esteem');
const REVERSED = new Set([2, 5, 6, 8, 9]);
const itemId = (n: number): string => `rses-${n}`;
/** Answers for items 1..10 by item number; undefined leaves the item out. */
const rses = (values: (string | undefined)[]): Record<string, string> =>
  Object.fromEntries(values.flatMap((value, index) => (value === undefined ? [] : [[itemId(index + 1), value]])));
const all = (value: string): string[] => Array.from({ length: 10 }, () => value);

describe('scoreInstrument on Rosenberg', () => {
  it('uses the item ids rses-1..rses-10 (the fixtures below rely on it)', () => {
    expect(rosenberg.items.map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, index) => itemId(index + 1)));
  });

  it('scores "strongly agree" to everything as 5 x 3 + 5 x 0 = 15', () => {
    const stronglyAgree = rosenberg.options?.find((option) => option.score === 3)?.value;
    expect(stronglyAgree).toBe('strongly-agree');
    expect(scoreInstrument(rosenberg, rses(all('strongly-agree')))).toMatchObject({
      score: 15,
      answered: 10,
      items: 10,
    });
    // Item scores in definition order: positive items 3, reversed items (2, 5, 6, 8, 9) 0.
    expect(scoreInstrument(rosenberg, rses(all('strongly-agree'))).itemScores).toEqual([3, 0, 3, 3, 0, 0, 3, 0, 0, 3]);
  });

  it('scores "strongly disagree" to everything as 5 x 0 + 5 x 3 = 15', () => {
    expect(scoreInstrument(rosenberg, rses(all('strongly-disagree'))).score).toBe(15);
  });

  it('reverse-scores items 2, 5, 6, 8, 9 as (0 + 3) - score: the highest self-esteem is 30, the lowest 0', () => {
    const best = Array.from({ length: 10 }, (_, index) =>
      REVERSED.has(index + 1) ? 'strongly-disagree' : 'strongly-agree',
    );
    const worst = Array.from({ length: 10 }, (_, index) =>
      REVERSED.has(index + 1) ? 'strongly-agree' : 'strongly-disagree',
    );
    expect(scoreInstrument(rosenberg, rses(best)).score).toBe(30);
    expect(scoreInstrument(rosenberg, rses(worst)).score).toBe(0);
  });

  it('reverse-scores each reversed item on its own: "agree" (2) there counts 1', () => {
    // Every item "disagree" (1) except item 2, "agree" (2) and reversed to 3 - 2 = 1:
    // non-reversed 5 x 1 + reversed 4 x (3 - 1) + item 2 (3 - 2) = 5 + 8 + 1 = 14.
    const values = all('disagree');
    values[1] = 'agree';
    expect(scoreInstrument(rosenberg, rses(values)).score).toBe(14);
  });

  it('prorates a sum with one item skipped out of 10 (90% >= 80%): sum of 9 x 10 / 9', () => {
    // Item 1 skipped. Item scores: 2r agree 3-2=1, 3 agree 2, 4 strongly-agree 3, 5r disagree 3-1=2,
    // 6r strongly-disagree 3-0=3, 7 disagree 1, 8r strongly-agree 3-3=0, 9r agree 3-2=1, 10 strongly-agree 3.
    const values = [
      undefined,
      'agree',
      'agree',
      'strongly-agree',
      'disagree',
      'strongly-disagree',
      'disagree',
      'strongly-agree',
      'agree',
      'strongly-agree',
    ];
    const sumOfNine = 1 + 2 + 3 + 2 + 3 + 1 + 0 + 1 + 3;
    const result = scoreInstrument(rosenberg, rses(values));
    expect(result.answered).toBe(9);
    expect(result.items).toBe(10);
    expect(result.score).toBeCloseTo((sumOfNine * 10) / 9, 12);
  });

  it('scores exactly at the 80% threshold (8 of 10 answered)', () => {
    const values: (string | undefined)[] = all('agree');
    values[0] = undefined;
    values[9] = undefined;
    // Items 2..9: non-reversed 3, 4, 7 score 2 each; reversed 2, 5, 6, 8, 9 score 3 - 2 = 1 each.
    const sumOfEight = 3 * 2 + 5 * 1;
    const result = scoreInstrument(rosenberg, rses(values));
    expect(result.answered).toBe(8);
    expect(result.score).toBeCloseTo((sumOfEight * 10) / 8, 12);
  });

  it('gives no score with three items skipped (70% < 80%)', () => {
    const values: (string | undefined)[] = all('agree');
    values[0] = undefined;
    values[4] = undefined;
    values[9] = undefined;
    expect(scoreInstrument(rosenberg, rses(values))).toMatchObject({ score: null, answered: 7, items: 10 });
  });

  it('counts "prefer not to say" as not answered', () => {
    const two: string[] = all('strongly-agree');
    two[0] = PREFER_NOT_TO_SAY;
    two[1] = PREFER_NOT_TO_SAY;
    // Left: items 3..10, non-reversed 3, 4, 7, 10 score 3; reversed 5, 6, 8, 9 score 0: 12 over 8 items.
    const result = scoreInstrument(rosenberg, rses(two));
    expect(result.answered).toBe(8);
    expect(result.score).toBeCloseTo((12 * 10) / 8, 12);
    const three = [...two];
    three[2] = PREFER_NOT_TO_SAY;
    expect(scoreInstrument(rosenberg, rses(three)).score).toBeNull();
    expect(PREFER_NOT_TO_SAY).toBe('prefer-not-to-say');
  });

  it('counts option values the item does not have as not answered', () => {
    const values: string[] = all('strongly-agree');
    values[0] = 'very-strongly-agree';
    values[2] = '3';
    const result = scoreInstrument(rosenberg, rses(values));
    // Left: items 2, 4..10: non-reversed 4, 7, 10 score 3 = 9; reversed 2, 5, 6, 8, 9 score 0.
    expect(result.answered).toBe(8);
    expect(result.score).toBeCloseTo((9 * 10) / 8, 12);
    values[3] = 'nonsense';
    expect(scoreInstrument(rosenberg, rses(values)).score).toBeNull();
  });

  it('ignores answers to items the instrument does not have', () => {
    const answers = { ...rses(all('strongly-agree')), 'rses-11': 'strongly-agree', other: 'agree' };
    expect(scoreInstrument(rosenberg, answers)).toMatchObject({ score: 15, answered: 10, items: 10 });
  });

  it('scores by option value, never by position: the options in any order give the same scores', () => {
    const options = rosenberg.options ?? [];
    expect(options.map((option) => option.value)).toEqual(['strongly-disagree', 'disagree', 'agree', 'strongly-agree']);
    // The published order (agree first) and a rotation that no convention would choose.
    const orders = [[...options].reverse(), [...options.slice(2), ...options.slice(0, 2)]];
    const values = options.map((option) => option.value);
    // Every item answered with each option in turn, and a mixed response with one item skipped.
    const responses = [
      ...values.map((value) => rses(all(value))),
      rses([
        undefined,
        'agree',
        'agree',
        'strongly-agree',
        'disagree',
        'strongly-disagree',
        'disagree',
        'strongly-agree',
        'agree',
        'strongly-agree',
      ]),
    ];
    for (const order of orders) {
      const reordered: Instrument = { ...rosenberg, options: order };
      const compiled = compileScorer(reordered);
      const shown = compileScorer(rosenberg);
      for (const answers of responses) {
        expect(scoreInstrument(reordered, answers)).toEqual(scoreInstrument(rosenberg, answers));
        expect(compiled.score(answers).score).toBe(shown.score(answers).score);
      }
    }
  });

  it('gives null, not NaN, when every item is skipped or the instrument was not answered at all', () => {
    expect(scoreInstrument(rosenberg, {})).toMatchObject({ score: null, answered: 0, items: 10 });
    expect(scoreInstrument(rosenberg, undefined)).toMatchObject({ score: null, answered: 0, items: 10 });
    expect(scoreInstrument(rosenberg, rses(all(PREFER_NOT_TO_SAY)))).toMatchObject({
      score: null,
      answered: 0,
      items: 10,
    });
  });
});

describe('scoreInstrument on UCLA-3 (lower is better, 3-9)', () => {
  const ucla = shipped('ucla-loneliness-3');
  const answer = (value: string): Record<string, string> =>
    Object.fromEntries(ucla.items.map((item) => [item.id, value]));

  it('scores the extremes 3 and 9', () => {
    expect(scoreInstrument(ucla, answer('hardly-ever')).score).toBe(3);
    expect(scoreInstrument(ucla, answer('often')).score).toBe(9);
  });

  it('gives no score with one of three skipped (67% < 80%)', () => {
    const answers = answer('often');
    const first = ucla.items[0];
    if (first === undefined) throw new Error('no items');
    answers[first.id] = PREFER_NOT_TO_SAY;
    expect(scoreInstrument(ucla, answers)).toMatchObject({ score: null, answered: 2, items: 3 });
  });
});

describe('scoreInstrument on a quiz (percent correct over answered items)', () => {
  const quiz = shipped('mvh-action-planning-quiz');
  /** The correct option value of each item, read from the definition's `correct` flags. */
  const key = Object.fromEntries(
    quiz.items.map((item) => [item.id, item.options?.find((option) => option.correct === true)?.value ?? '']),
  );
  const wrong = Object.fromEntries(
    quiz.items.map((item) => [item.id, item.options?.find((option) => option.correct !== true)?.value ?? '']),
  );
  const ids = quiz.items.map((item) => item.id);

  it('is a five-item percent-correct quiz with one correct option per item', () => {
    expect(quiz.kind).toBe('quiz');
    expect(quiz.scoring.rule).toBe('percent-correct');
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(key[id]).not.toBe('');
  });

  it('gives 100 for all correct and 0 for all wrong', () => {
    expect(scoreInstrument(quiz, key).score).toBe(100);
    expect(scoreInstrument(quiz, wrong).score).toBe(0);
  });

  it('gives 3 correct of 4 answered (one skipped) as 75%', () => {
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    const answers = { [a]: key[a] ?? '', [b]: key[b] ?? '', [c]: key[c] ?? '', [d]: 'dont-know' };
    expect(e).toBeDefined();
    expect(scoreInstrument(quiz, answers)).toMatchObject({ score: 75, answered: 4, items: 5 });
  });

  it('counts "I don\'t know" as answered and wrong', () => {
    const answers = Object.fromEntries(ids.map((id) => [id, 'dont-know']));
    expect(scoreInstrument(quiz, answers)).toMatchObject({ score: 0, answered: 5, items: 5 });
  });

  it('gives no score with two of five skipped (60% < 80%)', () => {
    const [a, b, c] = ids as [string, string, string];
    expect(scoreInstrument(quiz, { [a]: key[a] ?? '', [b]: key[b] ?? '', [c]: key[c] ?? '' }).score).toBeNull();
  });
});

describe('scoreInstrument on a handcrafted mean-scored instrument', () => {
  const options = [1, 2, 3, 4, 5].map((score) => ({ value: `s${score}`, score, label: { en: String(score) } }));
  const meanScale = testInstrument({
    id: 'test-mean',
    options,
    items: [
      { id: 'q1', text: { en: 'One' } },
      { id: 'q2', text: { en: 'Two' } },
      { id: 'q3', text: { en: 'Three' }, reverse: true },
      { id: 'q4', text: { en: 'Four' } },
    ],
    scoring: { rule: 'mean', minAnswered: 0.5 },
    direction: 'higher-better',
    range: { min: 1, max: 5 },
  });

  it('applies the schema defaults', () => {
    expect(meanScale.items.map((item) => [item.reverse, item.skippable, item.sensitive])).toEqual([
      [false, true, false],
      [false, true, false],
      [true, true, false],
      [false, true, false],
    ]);
  });

  it('averages the item scores, reversed items as (1 + 5) - score', () => {
    // q1 5, q2 4, q3 s2 reversed 6 - 2 = 4, q4 1: (5 + 4 + 4 + 1) / 4 = 3.5.
    expect(scoreInstrument(meanScale, { q1: 's5', q2: 's4', q3: 's2', q4: 's1' })).toMatchObject({
      score: 3.5,
      answered: 4,
      items: 4,
    });
  });

  it('averages over the answered items only, without prorating', () => {
    // q1 2, q3 s5 reversed 1: (2 + 1) / 2 = 1.5 with 2 of 4 answered (50% >= 50%).
    expect(scoreInstrument(meanScale, { q1: 's2', q3: 's5' })).toMatchObject({ score: 1.5, answered: 2, items: 4 });
  });

  it('gives no score below its own minAnswered (1 of 4 < 50%)', () => {
    expect(scoreInstrument(meanScale, { q2: 's3' })).toMatchObject({ score: null, answered: 1, items: 4 });
  });
});

describe('the minAnswered threshold is inclusive', () => {
  it('scores 7 of 25 items answered when minAnswered is 0.28 (7 / 25 = 28%)', () => {
    // "Score only when at least this share of items is answered" (schema.ts). 7 / 25 is exactly
    // 0.28 in binary floating point, but 0.28 * 25 is 7.000000000000001, so comparing the count
    // with minAnswered * items wrongly refuses a response right at the threshold.
    expect(7 / 25).toBe(0.28);
    const items = Array.from({ length: 25 }, (_, index) => ({
      id: `q${index + 1}`,
      text: { en: `Question ${index + 1}` },
    }));
    const scale = testInstrument({
      id: 'test-threshold',
      options: [
        { value: 'no', score: 0, label: { en: 'No' } },
        { value: 'yes', score: 1, label: { en: 'Yes' } },
      ],
      items,
      scoring: { rule: 'sum', minAnswered: 0.28 },
      direction: 'higher-better',
      range: { min: 0, max: 25 },
    });
    const answers = Object.fromEntries(items.slice(0, 7).map((item) => [item.id, 'yes']));
    // 7 answered "yes" (1 each), prorated to 25 items: 7 x 25 / 7 = 25.
    const result = scoreInstrument(scale, answers);
    expect(result.answered).toBe(7);
    expect(result.score).toBeCloseTo(25, 12);
  });
});
