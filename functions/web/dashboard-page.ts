/**
 * The evaluator dashboard: per programme and cohort, one table per session with a row per
 * instrument and subgroup cell. English only for now: evaluators read it, participants never do.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '#surveys/catalog.ts';
import type { ImpactRow } from '#core/impact-table.ts';
import type { HttpResult } from '#shared/http.ts';
import type { Impact } from '#use-cases/read-impact.ts';
import { html, raw, type Html } from './html.ts';

const STYLE = `body{margin:0;font:1rem/1.4 system-ui,sans-serif;color:#1b1b1b}main{padding:1rem;max-width:80rem;margin:0 auto}table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-variant-numeric:tabular-nums}th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:.3rem 0}.muted{color:#666}`;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
};

function page(title: string, content: Html): string {
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head><body><main>${content}</main></body></html>`.value}`;
}

const format = (value: number | null, digits = 2): string => (value === null ? '–' : value.toFixed(digits));

/** The dashboard for the given programmes' impact. */
export function renderDashboard(catalog: Catalog, impacts: readonly Impact[]): HttpResult {
  const sections = impacts.map((impact) => {
    const programme = catalog.programmes.get(impact.programme);
    const name = programme?.name.en ?? impact.programme;
    const cohorts = (programme?.cohorts ?? []).map((cohort) => {
      const rows = impact.rows.filter((row) => row.cohort === cohort.id);
      const computed = impact.computedAt[cohort.id];
      const sessions = (programme?.sessions ?? []).map((session) => {
        const sessionRows = rows.filter((row) => row.session === session.id);
        if (sessionRows.length === 0) return '';
        return html`<table><caption>${session.name.en ?? session.id}</caption><thead><tr><th>Instrument</th><th>Subgroup</th><th>n pre</th><th>n post</th><th>n paired</th><th>Mean pre</th><th>Mean post</th><th>Mean change (paired)</th><th>SD change</th></tr></thead><tbody>${sessionRows.map((row) => renderRow(catalog, row))}</tbody></table>`;
      });
      return html`<section><h3>${cohort.name}</h3><p class="muted">${computed === null || computed === undefined ? 'Not aggregated yet.' : computed === '' ? 'No responses yet.' : `Includes responses up to ${computed}`}</p>${sessions}</section>`;
    });
    return html`<section><h2>${name}</h2>${cohorts}</section>`;
  });
  return { statusCode: 200, headers: HEADERS, body: page('prepost: impact', html`<h1>Impact</h1>${sections}`) };
}

function renderRow(catalog: Catalog, row: ImpactRow): Html {
  const instrument = catalog.instruments.get(row.instrument);
  return html`<tr><td>${instrument?.name.en ?? row.instrument}</td><td>${row.dimension === null ? 'All' : `${row.dimension}: ${row.value ?? ''}`}</td><td>${row.n_pre}</td><td>${row.n_post}</td><td>${row.n_paired}</td><td>${format(row.mean_pre)}</td><td>${format(row.mean_post)}</td><td>${format(row.mean_change)}</td><td>${format(row.sd_change)}</td></tr>`;
}

/** A one-line evaluator page for errors such as a missing sign-in. */
export function renderEvaluatorMessage(status: number, message: string): HttpResult {
  return { statusCode: status, headers: HEADERS, body: page('prepost', html`<h1>prepost</h1><p>${message}</p>`) };
}
