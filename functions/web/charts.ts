/**
 * Server-rendered SVG charts for the evaluator dashboard: no script, no external assets, so
 * they work in the strict content security policy and print as they show. Each chart is small
 * and self-labelled; colours pass WCAG contrast on white.
 */
import { equalWidthBins } from '#core/statistics/distribution.ts';
import { html, type Html } from './html.ts';

const WIDTH = 320;
const INK = '#1b1b1b';
const MUTED = '#6b6b6b';
const BEFORE = '#4a4a8a';
const AFTER = '#1d5e2a';

/** A distribution of change with more distinct values than this is drawn in bins. */
const MOST_COLUMNS = 60;
/** The equal-width bins a binned distribution is drawn in: columns still apart at 320 px. */
const BINS = 40;

const fmt = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1));

/** The frame every chart shares: its size, its accessible name (`title: label`) and its title. */
function frame(title: string, label: string, height: number, body: readonly Html[]): Html {
  return html`${[
    html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img"`,
    html` aria-label="${`${title}: ${label}`}"><title>${title}</title>${body}</svg>`,
  ]}`;
}

/** Before and after means of completers with their 95% CIs (mean ± t·SD/√n), on the instrument's range. */
export function beforeAfterChart(
  title: string,
  range: { min: number; max: number },
  before: MeanWithInterval | null,
  after: MeanWithInterval | null,
): Html {
  const height = 90;
  const left = 60;
  const right = WIDTH - 16;
  const x = (value: number): number => left + ((value - range.min) / (range.max - range.min || 1)) * (right - left);
  const bar = (label: string, y: number, colour: string, value: MeanWithInterval | null): Html => {
    if (value === null)
      return html`<text x="${left}" y="${y + 4}" fill="${MUTED}" font-size="11">${label}: no data</text>`;
    const low = Math.max(range.min, value.low ?? value.mean);
    const high = Math.min(range.max, value.high ?? value.mean);
    const at = x(value.mean).toFixed(1);
    return html`${[
      html`<text x="4" y="${y + 4}" fill="${INK}" font-size="11">${label}</text>`,
      html`<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y}" y2="${y}"`,
      html` stroke="${colour}" stroke-width="2"/>`,
      html`<circle cx="${at}" cy="${y}" r="4" fill="${colour}"/>`,
      html`<text x="${at}" y="${y - 7}" fill="${colour}" font-size="10" text-anchor="middle">${fmt(value.mean)}</text>`,
    ]}`;
  };
  return frame(title, 'mean before and after with 95% confidence intervals', height, [
    bar('Before', 30, BEFORE, before),
    bar('After', 60, AFTER, after),
    html`<line x1="${left}" x2="${right}" y1="76" y2="76" stroke="${MUTED}"/>`,
    html`<text x="${left}" y="88" fill="${MUTED}" font-size="10">${fmt(range.min)}</text>`,
    html`<text x="${right}" y="88" fill="${MUTED}" font-size="10" text-anchor="end">${fmt(range.max)}</text>`,
  ]);
}

/** A mean and its interval, either bound missing when it cannot be computed. */
export interface MeanWithInterval {
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Individual changes as stacked dots on a line ([change, count] pairs; a column taller than 8
 * shows its count), with the reliable-change band (± threshold) shaded. Past 60 distinct
 * changes, the changes are drawn in 40 equal-width bins, each at its centre.
 */
export function changeDistributionChart(
  title: string,
  distribution: readonly (readonly [number, number])[],
  threshold: number | null,
): Html {
  const counts = distribution.length > MOST_COLUMNS ? equalWidthBins(distribution, BINS) : distribution;
  const height = 80;
  const left = 16;
  const right = WIDTH - 16;
  const extent = Math.max(1e-9, threshold ?? 0, ...counts.map(([change]) => Math.abs(change))) * 1.1;
  const x = (value: number): number => left + ((value + extent) / (2 * extent)) * (right - left);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const columns = counts.map(([change, count]) => {
    const cx = x(change).toFixed(1);
    const shown = Math.min(count, 8);
    const dots = Array.from(
      { length: shown },
      (_, stack) =>
        html`<circle cx="${cx}" cy="${(50 - stack * 5.5).toFixed(1)}" r="2.5" fill="${INK}" fill-opacity="0.7"/>`,
    );
    const label = html`<text x="${cx}" y="${(50 - shown * 5.5 - 2).toFixed(1)}" fill="${INK}" font-size="8"`;
    return html`${dots}${count > 8 ? html`${label} text-anchor="middle">${count}</text>` : ''}`;
  });
  const band =
    threshold === null
      ? ''
      : html`${[
          html`<rect x="${x(-threshold).toFixed(1)}" y="4"`,
          html` width="${(x(threshold) - x(-threshold)).toFixed(1)}" height="50" fill="#e6e6e6"/>`,
        ]}`;
  const zero = x(0).toFixed(1);
  const reliable = threshold === null ? '' : `; shaded band: change within ±${fmt(threshold)} is not reliable`;
  return frame(title, `individual change, ${total} people${reliable}`, height, [
    html`${band}`,
    html`<line x1="${zero}" x2="${zero}" y1="4" y2="56" stroke="${MUTED}" stroke-dasharray="2,2"/>`,
    html`${columns}`,
    html`<line x1="${left}" x2="${right}" y1="56" y2="56" stroke="${MUTED}"/>`,
    html`<text x="${left}" y="70" fill="${MUTED}" font-size="10">${fmt(-extent)}</text>`,
    html`<text x="${zero}" y="70" fill="${MUTED}" font-size="10" text-anchor="middle">0</text>`,
    html`<text x="${right}" y="70" fill="${MUTED}" font-size="10" text-anchor="end">+${fmt(extent)}</text>`,
  ]);
}

/** One stacked bar: % reliably improved, unchanged, deteriorated. */
export function reliableChangeBar(title: string, improved: number, unchanged: number, deteriorated: number): Html {
  const total = improved + unchanged + deteriorated;
  const height = 40;
  if (total === 0)
    return frame(title, 'no completers', height, [
      html`<text x="4" y="20" fill="${MUTED}" font-size="11">No completers</text>`,
    ]);
  const width = WIDTH - 8;
  const parts = [
    { count: improved, colour: AFTER, label: 'improved' },
    { count: unchanged, colour: '#b0b0b0', label: 'unchanged' },
    { count: deteriorated, colour: '#b10e1e', label: 'deteriorated' },
  ];
  let offset = 4;
  const rects = parts.map((part) => {
    const w = (part.count / total) * width;
    const rect = html`<rect x="${offset.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="16" fill="${part.colour}"/>`;
    offset += w;
    return rect;
  });
  const pct = (count: number): string => `${Math.round((count / total) * 100)}%`;
  const [up, same, down] = [pct(improved), pct(unchanged), pct(deteriorated)];
  return frame(title, `${up} improved reliably, ${same} unchanged, ${down} deteriorated`, height, [
    html`${rects}`,
    html`<text x="4" y="34" fill="${INK}" font-size="10">`,
    html`${up} improved · ${same} unchanged · ${down} deteriorated (${total})</text>`,
  ]);
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
