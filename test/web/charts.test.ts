/**
 * The workspace's charts: the chart of individual change draws a long distribution in 40 bins;
 * every chart is a titled figure with an accessible name, labelled axes and a legend, in the
 * words it is given (the reader's language), with no text smaller than 12 px at 360 px wide.
 */
import { describe, expect, it } from 'vitest';
import {
  beforeAfterChart,
  changeDistributionChart,
  changeWithIntervalChart,
  reliableChangeBar,
  type ChangesWords,
  type LevelsWords,
} from '#web/charts.ts';

const columnsOf = (svg: string): number =>
  new Set([...svg.matchAll(/<circle cx="([^"]+)" cy="[^"]+" r="3"/g)].map((m) => m[1])).size;

const number = (value: number): string => value.toFixed(1).replace('.', ',');
const changes: ChangesWords = {
  title: 'Estat d’ànim: canvi de cada persona',
  description: 'canvi individual',
  axis: 'Canvi en punts (després − abans)',
  onePerson: 'cada punt: una persona',
  notReliable: 'ombrejat: canvi no fiable',
  number,
};
const levels: LevelsWords = {
  title: 'Estat d’ànim: abans i després',
  description: 'mitjana abans i després',
  before: 'Abans',
  after: 'Després',
  axis: 'Puntuació (1 a 5)',
  meanCi: 'punt: mitjana; línia: IC 95 %',
  noData: 'sense dades',
  number,
};

/** The smallest font size an SVG's text is drawn at, in its viewBox units. */
const smallestText = (svg: string): number =>
  Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
/** The width of an SVG's viewBox. */
const viewBoxWidth = (svg: string): number => Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);

describe('changeDistributionChart', () => {
  it('draws up to 60 distinct changes as they are, and more in 40 equal-width bins', () => {
    const distribution = (length: number): [number, number][] =>
      Array.from({ length }, (_, index) => [index / 3 - 10, 1 + (index % 3)]);
    expect(columnsOf(changeDistributionChart(changes, distribution(60), null).value)).toBe(60);
    const binned = changeDistributionChart(changes, distribution(200), 2).value;
    expect(columnsOf(binned)).toBe(40);
    // The legend names the band only where there is one.
    expect(binned).toContain('ombrejat: canvi no fiable');
    expect(changeDistributionChart(changes, distribution(10), null).value).not.toContain('ombrejat');
  });
});

describe('the workspace charts', () => {
  const charts = [
    beforeAfterChart(levels, { min: 1, max: 5 }, { mean: 2.5, low: 1.9, high: 3.1 }, { mean: 3.2, low: 2.6, high: 3.8 })
      .value,
    changeDistributionChart(
      changes,
      [
        [-1, 2],
        [0, 5],
        [1, 4],
      ],
      1.2,
    ).value,
    reliableChangeBar(
      {
        title: 'Estat d’ànim: canvi fiable',
        description: '3 han millorat',
        improved: 'han millorat',
        unchanged: 'sense canvi',
        deteriorated: 'han empitjorat',
        axis: 'Proporció de 11 amb les dues respostes',
        noCompleters: 'Ningú',
      },
      3,
      7,
      1,
    ).value,
  ];

  it('are titled figures with an accessible name, an axis label and a legend, in the words given', () => {
    for (const chart of charts) {
      expect(chart).toMatch(/^<figure class="chart"><figcaption>Estat d’ànim: [^<]+<\/figcaption>/);
      expect(chart).toMatch(/<svg class="plot" [^>]*role="img" aria-label="Estat d’ànim: [^"]+"/);
      expect(chart).toContain('<ul class="legend">');
    }
    expect(charts[0]).toContain('Puntuació (1 a 5)');
    expect(charts[0]).toContain('>2,5</text>');
    expect(charts[1]).toContain('Canvi en punts (després − abans)');
    expect(charts[2]).toContain('han millorat: 27% (3)');
  });

  it('keep their text at least 12 px when scaled to the 290 px a card has at 360 px wide', () => {
    for (const chart of charts) expect(smallestText(chart) * (290 / viewBoxWidth(chart))).toBeGreaterThanOrEqual(12);
  });
});

describe('numbers on the charts', () => {
  /** The text a chart shows: between its tags and in its accessible name. */
  const shown = (svg: string): string =>
    [...svg.matchAll(/>([^<]+)<|aria-label="([^"]*)"/g)].map((match) => match[1] ?? match[2] ?? '').join('\n');

  it('never carry the sign of a zero, and give a change of nobody a readable axis', () => {
    const none = changeDistributionChart(changes, [[0, 6]], null).value;
    expect(none).toContain('>-1,0</text>');
    expect(none).toContain('>+1,0</text>');
    const hair = changeDistributionChart(changes, [[-0.0001, 6]], null).value;
    const summary = changeWithIntervalChart('Mood', -0.0001, -0.04, 0.01, 'higher-better').value;
    for (const chart of [none, hair, summary]) expect(shown(chart)).not.toMatch(/[−+-]0(?:[.,]0+)?(?![.,]?\d)/);
    expect(summary).toContain('change 0.0, 95% CI 0.0 to 0.0');
  });
});
