/**
 * Server-rendered SVG charts for the evaluator dashboard: no script, no external assets, so
 * they work in the strict content security policy and print as they show. Each chart is small
 * and self-labelled; colours pass WCAG contrast on white.
 */
import { html, type Html } from './html.ts';

const WIDTH = 320;
const INK = '#1b1b1b';
const MUTED = '#6b6b6b';
const BEFORE = '#4a4a8a';
const AFTER = '#1d5e2a';

const fmt = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1));

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
    return html`<text x="4" y="${y + 4}" fill="${INK}" font-size="11">${label}</text><line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"/><circle cx="${x(value.mean).toFixed(1)}" cy="${y}" r="4" fill="${colour}"/><text x="${x(value.mean).toFixed(1)}" y="${y - 7}" fill="${colour}" font-size="10" text-anchor="middle">${fmt(value.mean)}</text>`;
  };
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}: mean before and after with 95% confidence intervals"><title>${title}</title>${bar('Before', 30, BEFORE, before)}${bar('After', 60, AFTER, after)}<line x1="${left}" x2="${right}" y1="76" y2="76" stroke="${MUTED}"/><text x="${left}" y="88" fill="${MUTED}" font-size="10">${fmt(range.min)}</text><text x="${right}" y="88" fill="${MUTED}" font-size="10" text-anchor="end">${fmt(range.max)}</text></svg>`;
}

/** A mean and its interval, either bound missing when it cannot be computed. */
export interface MeanWithInterval {
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Individual changes as stacked dots on a line ([change, count] pairs; a column taller than 8
 * shows its count), with the reliable-change band (± threshold) shaded.
 */
export function changeDistributionChart(
  title: string,
  counts: readonly (readonly [number, number])[],
  threshold: number | null,
): Html {
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
    return html`${dots}${count > 8 ? html`<text x="${cx}" y="${(50 - shown * 5.5 - 2).toFixed(1)}" fill="${INK}" font-size="8" text-anchor="middle">${count}</text>` : ''}`;
  });
  const band =
    threshold === null
      ? ''
      : html`<rect x="${x(-threshold).toFixed(1)}" y="4" width="${(x(threshold) - x(-threshold)).toFixed(1)}" height="50" fill="#e6e6e6"/>`;
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}: individual change, ${total} people${threshold === null ? '' : `; shaded band: change within ±${fmt(threshold)} is not reliable`}"><title>${title}</title>${band}<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="4" y2="56" stroke="${MUTED}" stroke-dasharray="2,2"/>${columns}<line x1="${left}" x2="${right}" y1="56" y2="56" stroke="${MUTED}"/><text x="${left}" y="70" fill="${MUTED}" font-size="10">${fmt(-extent)}</text><text x="${x(0).toFixed(1)}" y="70" fill="${MUTED}" font-size="10" text-anchor="middle">0</text><text x="${right}" y="70" fill="${MUTED}" font-size="10" text-anchor="end">+${fmt(extent)}</text></svg>`;
}

/** One stacked bar: % reliably improved, unchanged, deteriorated. */
export function reliableChangeBar(title: string, improved: number, unchanged: number, deteriorated: number): Html {
  const total = improved + unchanged + deteriorated;
  const height = 40;
  if (total === 0)
    return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}: no completers"><title>${title}</title><text x="4" y="20" fill="${MUTED}" font-size="11">No completers</text></svg>`;
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
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}: ${pct(improved)} improved reliably, ${pct(unchanged)} unchanged, ${pct(deteriorated)} deteriorated"><title>${title}</title>${rects}<text x="4" y="34" fill="${INK}" font-size="10">${pct(improved)} improved · ${pct(unchanged)} unchanged · ${pct(deteriorated)} deteriorated (${total})</text></svg>`;
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
      : html`<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="18" y2="18" stroke="${AFTER}" stroke-width="3"/>`;
  const betterSide = better === 'higher-better' ? 'right' : 'left';
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}: change ${fmt(change)}${low === null || high === null ? '' : `, 95% CI ${fmt(low)} to ${fmt(high)}`}; better is to the ${betterSide}"><title>${title}</title><line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="6" y2="30" stroke="${MUTED}" stroke-dasharray="2,2"/>${interval}<circle cx="${x(change).toFixed(1)}" cy="18" r="5" fill="${AFTER}"/><text x="${x(0).toFixed(1)}" y="40" fill="${MUTED}" font-size="10" text-anchor="middle">no change</text><text x="${better === 'higher-better' ? right : left}" y="40" fill="${MUTED}" font-size="10" text-anchor="${better === 'higher-better' ? 'end' : 'start'}">better</text></svg>`;
}
