/**
 * Server-rendered SVG charts for the evaluator workspace: no script, no external assets, so
 * they work in the strict content security policy and print as they show. Each chart is a
 * figure with a title, labelled axes, a legend and an accessible name, in the words the caller
 * gives (the reader's language); its text is at least 12 CSS px at 360 px wide. Colours pass
 * WCAG contrast on white.
 */
import { equalWidthBins } from '#core/statistics/distribution.ts';
import { html, type Html } from './html.ts';

const WIDTH = 320;
const INK = '#1b1b1b';
const MUTED = '#6b6b6b';
const BEFORE = '#4a4a8a';
const AFTER = '#1d5e2a';
const WORSE = '#b10e1e';
/** The reliable-change band: light enough that dots over it keep their contrast. */
const BAND = '#e3e3e3';

/** A distribution of change with more distinct values than this is drawn in bins. */
const MOST_COLUMNS = 60;
/** The equal-width bins a binned distribution is drawn in: columns still apart at 320 px. */
const BINS = 40;

/** Zero as printed, in any language: "0", "0.0", "0,00", with or without a sign. */
const PRINTED_ZERO = /^[−+-]?0(?:[.,]0+)?$/;

/** A printed number without the sign of a zero: rounding leaves "−0.0" of a hair below zero. */
const unsignedZero = (text: string): string => (PRINTED_ZERO.test(text) ? text.replace(/^[−+-]/, '') : text);

/** A printed positive number with its sign ("+1.5"), but zero without one. */
const plus = (text: string): string => (PRINTED_ZERO.test(text) ? unsignedZero(text) : `+${text}`);

const fmt = (value: number): string => unsignedZero(Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1));

/** The frame every chart shares: its size, its accessible name (`title: label`) and its title. */
function frame(title: string, label: string, height: number, body: readonly Html[]): Html {
  return html`${[
    html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img"`,
    html` aria-label="${`${title}: ${label}`}"><title>${title}</title>${body}</svg>`,
  ]}`;
}

/** The viewBox width of the workspace's charts: drawn at 100% of their box, at most 22rem. */
const PLOT_WIDTH = 300;
/** Text size in viewBox units: at 360 px the box is about 290 px wide, so text stays >= 12 CSS px. */
const TEXT = 14;
/** Characters of TEXT-sized text that fit on one line of a chart, to wrap axis labels. */
const LINE = Math.floor(PLOT_WIDTH / (TEXT * 0.56));

/** What a workspace chart says besides its data: its title, accessible description and words. */
export interface ChartWords {
  /** Shown above the chart (a figure caption), and the start of its accessible name. */
  readonly title: string;
  /** Completes the accessible name: what the chart shows, with its figures. */
  readonly description: string;
}

/** One entry of a chart's legend: a colour swatch (or a band) and its words. */
interface LegendEntry {
  readonly colour: string;
  readonly label: string;
  readonly shape?: 'dot' | 'band' | 'interval';
}

/** Splits a label into lines of at most LINE characters, at spaces. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= LINE) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A centred axis label under the plot, wrapped; its height in viewBox units. */
function axisLabel(text: string, y: number): { readonly svg: Html; readonly height: number } {
  const lines = wrap(text);
  const spans = lines.map(
    (line, index) => html`<tspan x="${PLOT_WIDTH / 2}" dy="${index === 0 ? 0 : TEXT + 3}">${line}</tspan>`,
  );
  return {
    svg: html`<text x="${PLOT_WIDTH / 2}" y="${y}" fill="${INK}" font-size="${TEXT}" text-anchor="middle">${[
      spans,
    ]}</text>`,
    height: lines.length * (TEXT + 3),
  };
}

/**
 * A workspace chart: a figure whose caption is its title, an SVG scaled to its box (named for
 * screen readers by title and description), and a legend in HTML so its words wrap at 360 px.
 */
function plot(words: ChartWords, height: number, body: readonly Html[], legend: readonly LegendEntry[]): Html {
  const svg = html`${[
    html`<svg class="plot" viewBox="0 0 ${PLOT_WIDTH} ${height}" role="img"`,
    html` aria-label="${`${words.title}: ${words.description}`}">${body}</svg>`,
  ]}`;
  const entries = legend.map((entry) => {
    const mark =
      entry.shape === 'dot'
        ? html`<circle cx="7" cy="7" r="5" fill="${entry.colour}"/>`
        : entry.shape === 'interval'
          ? html`${[
              html`<line x1="0" x2="14" y1="7" y2="7" stroke="${entry.colour}" stroke-width="3"/>`,
              html`<circle cx="7" cy="7" r="4" fill="${entry.colour}"/>`,
            ]}`
          : html`<rect x="1" y="2" width="12" height="10" fill="${entry.colour}"/>`;
    return html`<li><svg width="14" height="14" aria-hidden="true">${mark}</svg> ${entry.label}</li>`;
  });
  const key = legend.length === 0 ? '' : html`<ul class="legend">${entries}</ul>`;
  return html`<figure class="chart"><figcaption>${words.title}</figcaption>${svg}${key}</figure>`;
}

/** The words of the before-and-after chart. */
export interface LevelsWords extends ChartWords {
  readonly before: string;
  readonly after: string;
  /** The axis: the measure's scale with its range, or "% correct". */
  readonly axis: string;
  /** What dot and line mean. */
  readonly meanCi: string;
  readonly noData: string;
  /** Numbers as the reader's language writes them. */
  readonly number: (value: number) => string;
}

/** Before and after means of completers with their 95% CIs (mean ± t·SD/√n), on the instrument's range. */
export function beforeAfterChart(
  words: LevelsWords,
  range: { min: number; max: number },
  before: MeanWithInterval | null,
  after: MeanWithInterval | null,
): Html {
  const left = 78;
  const right = PLOT_WIDTH - 14;
  const axisY = 92;
  const x = (value: number): number => left + ((value - range.min) / (range.max - range.min || 1)) * (right - left);
  const bar = (label: string, y: number, colour: string, value: MeanWithInterval | null): Html => {
    const name = html`<text x="2" y="${y + 5}" fill="${INK}" font-size="${TEXT}">${label}</text>`;
    if (value === null)
      return html`${name}<text x="${left}" y="${y + 5}" fill="${MUTED}" font-size="${TEXT}">${words.noData}</text>`;
    const low = Math.max(range.min, value.low ?? value.mean);
    const high = Math.min(range.max, value.high ?? value.mean);
    const at = x(value.mean);
    // The value's label stays inside the plot when the mean is near an end of the range.
    const anchor = at > right - 20 ? 'end' : at < left + 20 ? 'start' : 'middle';
    return html`${[
      name,
      html`<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y}" y2="${y}"`,
      html` stroke="${colour}" stroke-width="3"/>`,
      html`<circle cx="${at.toFixed(1)}" cy="${y}" r="5" fill="${colour}"/>`,
      html`<text x="${at.toFixed(1)}" y="${y - 9}" fill="${colour}" font-size="${TEXT}" font-weight="600"`,
      html` text-anchor="${anchor}">${words.number(value.mean)}</text>`,
    ]}`;
  };
  const label = axisLabel(words.axis, axisY + 34);
  return plot(
    words,
    axisY + 26 + label.height,
    [
      bar(words.before, 34, BEFORE, before),
      bar(words.after, 74, AFTER, after),
      html`<line x1="${left}" x2="${right}" y1="${axisY}" y2="${axisY}" stroke="${MUTED}"/>`,
      html`<text x="${left}" y="${axisY + 16}" fill="${INK}" font-size="${TEXT}">${words.number(range.min)}</text>`,
      html`<text x="${right}" y="${axisY + 16}" fill="${INK}" font-size="${TEXT}" text-anchor="end">`,
      html`${words.number(range.max)}</text>`,
      label.svg,
    ],
    [
      { colour: BEFORE, label: words.before, shape: 'dot' },
      { colour: AFTER, label: words.after, shape: 'dot' },
      { colour: MUTED, label: words.meanCi, shape: 'interval' },
    ],
  );
}

/** A mean and its interval, either bound missing when it cannot be computed. */
export interface MeanWithInterval {
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** The words of the chart of individual change. */
export interface ChangesWords extends ChartWords {
  /** The axis: change in points or percentage points. */
  readonly axis: string;
  readonly onePerson: string;
  /** What the shaded band means; shown when there is a reliable-change threshold. */
  readonly notReliable: string;
  readonly number: (value: number) => string;
}

/**
 * Individual changes as stacked dots on a line ([change, count] pairs; a column taller than 8
 * shows its count), with the reliable-change band (± threshold) shaded. Past 60 distinct
 * changes, the changes are drawn in 40 equal-width bins, each at its centre.
 */
export function changeDistributionChart(
  words: ChangesWords,
  distribution: readonly (readonly [number, number])[],
  threshold: number | null,
): Html {
  const counts = distribution.length > MOST_COLUMNS ? equalWidthBins(distribution, BINS) : distribution;
  const left = 14;
  const right = PLOT_WIDTH - 14;
  const base = 72;
  // Nobody changed (and no band): a unit either side, so the axis reads "−1 … 0 … +1", not "0 … 0 … +0".
  const largest = Math.max(threshold ?? 0, ...counts.map(([change]) => Math.abs(change)));
  const extent = largest > 0 ? largest * 1.1 : 1;
  const x = (value: number): number => left + ((value + extent) / (2 * extent)) * (right - left);
  const columns = counts.map(([change, count]) => {
    const cx = x(change).toFixed(1);
    const shown = Math.min(count, 8);
    const dots = Array.from(
      { length: shown },
      (_, stack) =>
        html`<circle cx="${cx}" cy="${(base - 5 - stack * 7).toFixed(1)}" r="3" fill="${INK}" fill-opacity="0.75"/>`,
    );
    const label = html`<text x="${cx}" y="${(base - 5 - shown * 7 - 2).toFixed(1)}" fill="${INK}" font-size="${TEXT}"`;
    return html`${dots}${count > 8 ? html`${label} text-anchor="middle">${count}</text>` : ''}`;
  });
  const band =
    threshold === null
      ? ''
      : html`${[
          html`<rect x="${x(-threshold).toFixed(1)}" y="4"`,
          html` width="${(x(threshold) - x(-threshold)).toFixed(1)}" height="${base - 4}" fill="${BAND}"/>`,
        ]}`;
  const zero = x(0).toFixed(1);
  const label = axisLabel(words.axis, base + 34);
  const legend: LegendEntry[] = [{ colour: INK, label: words.onePerson, shape: 'dot' }];
  if (threshold !== null) legend.push({ colour: BAND, label: words.notReliable });
  return plot(
    words,
    base + 26 + label.height,
    [
      html`${band}`,
      html`<line x1="${zero}" x2="${zero}" y1="4" y2="${base}" stroke="${MUTED}" stroke-dasharray="3,3"/>`,
      html`${columns}`,
      html`<line x1="${left}" x2="${right}" y1="${base}" y2="${base}" stroke="${MUTED}"/>`,
      html`<text x="${left}" y="${base + 16}" fill="${INK}" font-size="${TEXT}">${[
        unsignedZero(words.number(-extent)),
      ]}</text>`,
      html`<text x="${zero}" y="${base + 16}" fill="${INK}" font-size="${TEXT}" text-anchor="middle">0</text>`,
      html`<text x="${right}" y="${base + 16}" fill="${INK}" font-size="${TEXT}" text-anchor="end">`,
      html`${plus(words.number(extent))}</text>`,
      label.svg,
    ],
    legend,
  );
}

/** The words of the reliable-change bar. */
export interface ReliableWords extends ChartWords {
  readonly improved: string;
  readonly unchanged: string;
  readonly deteriorated: string;
  /** The axis: the share of how many completers. */
  readonly axis: string;
  readonly noCompleters: string;
}

/** One stacked bar: % reliably improved, unchanged, deteriorated, with a legend that gives each share. */
export function reliableChangeBar(
  words: ReliableWords,
  improved: number,
  unchanged: number,
  deteriorated: number,
): Html {
  const total = improved + unchanged + deteriorated;
  if (total === 0)
    return plot(
      words,
      30,
      [html`<text x="2" y="20" fill="${MUTED}" font-size="${TEXT}">${words.noCompleters}</text>`],
      [],
    );
  const width = PLOT_WIDTH - 4;
  const pct = (count: number): string => `${Math.round((count / total) * 100)}%`;
  const parts = [
    { count: improved, colour: AFTER, label: `${words.improved}: ${pct(improved)} (${improved})` },
    { count: unchanged, colour: '#8a8a8a', label: `${words.unchanged}: ${pct(unchanged)} (${unchanged})` },
    { count: deteriorated, colour: WORSE, label: `${words.deteriorated}: ${pct(deteriorated)} (${deteriorated})` },
  ];
  let offset = 2;
  const rects = parts.map((part) => {
    const w = (part.count / total) * width;
    const rect = html`<rect x="${offset.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="22" fill="${part.colour}"/>`;
    offset += w;
    return rect;
  });
  const label = axisLabel(words.axis, 48);
  return plot(
    words,
    40 + label.height,
    [html`${rects}`, html`<line x1="2" x2="${PLOT_WIDTH - 2}" y1="30" y2="30" stroke="${MUTED}"/>`, label.svg],
    parts.map((part) => ({ colour: part.colour, label: part.label })),
  );
}

/** A mean change with its 95% CI on a line through zero: the funder summary's one chart per finding. */
export function changeWithIntervalChart(
  title: string,
  change: number,
  low: number | null,
  high: number | null,
  better: 'higher-better' | 'lower-better',
): Html {
  const height = 44;
  const left = 16;
  const right = WIDTH - 16;
  const extent = Math.max(1e-9, Math.abs(change), Math.abs(low ?? 0), Math.abs(high ?? 0)) * 1.2;
  const x = (value: number): number => left + ((value + extent) / (2 * extent)) * (right - left);
  const interval =
    low === null || high === null
      ? ''
      : html`${[
          html`<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="18" y2="18"`,
          html` stroke="${AFTER}" stroke-width="3"/>`,
        ]}`;
  const betterSide = better === 'higher-better' ? 'right' : 'left';
  const zero = x(0).toFixed(1);
  const ci = low === null || high === null ? '' : `, 95% CI ${fmt(low)} to ${fmt(high)}`;
  const [betterAt, anchor] = better === 'higher-better' ? [right, 'end'] : [left, 'start'];
  return frame(title, `change ${fmt(change)}${ci}; better is to the ${betterSide}`, height, [
    html`<line x1="${zero}" x2="${zero}" y1="6" y2="30" stroke="${MUTED}" stroke-dasharray="2,2"/>`,
    html`${interval}`,
    html`<circle cx="${x(change).toFixed(1)}" cy="18" r="5" fill="${AFTER}"/>`,
    html`<text x="${zero}" y="40" fill="${MUTED}" font-size="10" text-anchor="middle">no change</text>`,
    html`<text x="${betterAt}" y="40" fill="${MUTED}" font-size="10" text-anchor="${anchor}">better</text>`,
  ]);
}
