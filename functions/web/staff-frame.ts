/**
 * The frame of every staff page (the dashboard and the evaluator's one-line messages): its
 * stylesheet, headers and head. A module of its own, so that the survey functions, which answer
 * evaluator routes' errors through the same error table, never bundle the dashboard and its
 * statistics.
 */
import { createHash } from 'node:crypto';
import type { Language } from '#surveys/schema.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, raw, type Html } from './html.ts';

/** The dashboard's one stylesheet, one rule a fragment: its hash is in the CSP. */
const STYLE = [
  'body{margin:0;font:1rem/1.4 system-ui,sans-serif;color:#1b1b1b}',
  'main{padding:1rem;max-width:90rem;margin:0 auto}',
  'table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums;font-size:.9rem}',
  'th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:right;vertical-align:top}',
  'th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}',
  'caption{text-align:left;font-weight:600;padding:.3rem 0}',
  '.muted,small{color:#595959}',
  '.charts{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 1.5rem}',
  'figure{margin:0}',
  'figcaption{font-size:.85rem;font-weight:600}',
  '.scroll{overflow-x:auto}',
  'ul.readings{margin:.25rem 0 1rem}',
].join('');

/** The headers of every staff page: no caching, no framing, only the stylesheet above. */
export const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    'img-src data:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
};

/** The head's fixed part: search engines leave the dashboard out. */
const META = raw(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="robots" content="noindex">',
);

/** A whole staff page around its content, in the language its text is written in. */
export function page(title: string, content: Html, language: Language = 'en'): string {
  const head = html`<head>${META}<title>${title}</title><style>${raw(STYLE)}</style></head>`;
  return `<!doctype html>${html`<html lang="${language}">${head}<body><main>${content}</main></body></html>`.value}`;
}

/** A one-line evaluator page for errors such as a missing sign-in. */
export function renderEvaluatorMessage(status: number, message: string): HttpResult {
  return { statusCode: status, headers: HEADERS, body: page('prepost', html`<h1>prepost</h1><p>${message}</p>`) };
}
