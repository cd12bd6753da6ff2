/**
 * The frame of every staff page (the dashboard, the staff, token and audit pages, and the
 * refusals of staff routes): its stylesheet, headers and head, and a header with who is signed in,
 * a sign-out button and the pages their grants open, in the reader's language. A module of its
 * own, so that the survey functions, which answer staff routes' errors through the same error
 * table, never bundle the dashboard and its statistics.
 *
 * Every staff page works with forms and links alone. One small script, allowed by its hash and
 * nothing else, stops a second send of a form marked `data-once` (a double tap on "Make the
 * links" would otherwise show the second answer, and the first, holding the only copy of the new
 * codes, would be lost); without script the server's one-use token still makes one batch.
 */
import { createHash } from 'node:crypto';
import { permits, type StaffMember } from '#core/access.ts';
import type { Language } from '#surveys/schema.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { html, raw, type Html } from './html.ts';
import { staffLanguage, staffStringsFor, type StaffStringKey } from './staff-strings.ts';

/** The staff pages' one stylesheet, one rule a fragment (longer rules over two): its hash is in the CSP. */
const STYLE = [
  '*{box-sizing:border-box}',
  'body{margin:0;font:1rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff}',
  'a{color:#1d4f91}',
  'a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #fd0;',
  'outline-offset:2px}',
  '.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;',
  'padding:.5rem 1rem;background:#f3f2f1;border-bottom:1px solid #b1b4b6}',
  '.top p{margin:0;overflow-wrap:anywhere}',
  '.top form{margin:0}',
  'nav ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;margin:0 auto;padding:.75rem 1rem 0;max-width:90rem}',
  'nav a{display:inline-flex;align-items:center;min-height:2.75rem;padding:.25rem .75rem;',
  'border:2px solid #b1b4b6;border-radius:.25rem}',
  'nav a[aria-current=page]{border-color:#1b1b1b;font-weight:600}',
  'main{padding:1rem;max-width:90rem;margin:0 auto}',
  'main.form{max-width:48rem}',
  'h1{font-size:1.5rem;margin:.5rem 0 1rem}',
  'h2{font-size:1.25rem;margin:1.5rem 0 .5rem}',
  'h3{font-size:1.125rem;margin:0 0 .25rem;overflow-wrap:anywhere}',
  'button{font:inherit;font-weight:600;min-height:2.75rem;padding:.5rem 1rem;border:0;border-radius:.25rem;',
  'background:#1d5e2a;color:#fff;cursor:pointer}',
  'button.secondary{background:#fff;color:#1d5e2a;border:2px solid #1d5e2a}',
  'button.warn{background:#b10e1e}',
  'label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem;padding:0}',
  'fieldset{border:0;margin:0;padding:0;min-width:0}',
  'input[type=email],input[type=text],input[type=number],input[type=date],select,textarea{display:block;',
  'font:inherit;width:100%;max-width:30rem;min-height:2.75rem;padding:.4rem;border:2px solid #1b1b1b;border-radius:0}',
  'label.choice{display:flex;gap:.75rem;align-items:center;min-height:2.75rem;margin:0;font-weight:400}',
  '.choice input{width:1.5rem;height:1.5rem;flex:none;margin:0}',
  '.hint,.muted,small{color:#595959}',
  '.hint{display:block;font-weight:400;margin:0 0 .25rem}',
  '.err{border-left:5px solid #b10e1e;padding:0 1rem;margin:1rem 0}',
  '.msg{color:#b10e1e;font-weight:600;margin:.25rem 0}',
  '.note{border-left:5px solid #1d5e2a;background:#f3f2f1;padding:.5rem 1rem;margin:1rem 0}',
  '.cards{list-style:none;padding:0;margin:0}',
  '.cards>li{border:1px solid #b1b4b6;border-radius:.25rem;padding:.75rem 1rem;margin:.75rem 0}',
  'dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem;margin:.5rem 0}',
  'dt{font-weight:600}',
  'dd{margin:0;overflow-wrap:anywhere}',
  '.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}',
  '.actions form{margin:0}',
  '.actions a{display:inline-flex;align-items:center;min-height:2.75rem}',
  'ul.grants{padding-left:1.25rem;margin:.25rem 0}',
  'ul.grants li{margin:.25rem 0}',
  'ul.grants form{display:inline}',
  'ul.grants button{margin-left:.5rem;padding:.25rem .75rem}',
  'details{margin:.5rem 0}',
  'summary{cursor:pointer;padding:.6rem 0;color:#1d4f91;font-weight:600}',
  'pre,textarea.secret{font-family:ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;',
  'word-break:break-all}',
  'pre{background:#f3f2f1;padding:.75rem;margin:.5rem 0}',
  'textarea.secret{max-width:none;resize:vertical}',
  '.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;',
  'clip:rect(0 0 0 0);white-space:nowrap}',
  // The dashboard's tables and charts.
  'table{border-collapse:collapse;margin:.5rem 0;font-variant-numeric:tabular-nums;font-size:.9rem}',
  'th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:right;vertical-align:top}',
  'th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}',
  'caption{text-align:left;font-weight:600;padding:.3rem 0}',
  '.charts{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 1.5rem}',
  'figure{margin:0}',
  'figcaption{font-size:.85rem;font-weight:600}',
  '.scroll{overflow-x:auto}',
  'ul.readings{margin:.25rem 0 1rem}',
  // The evaluator workspace: findings as cards that reflow, charts scaled to their card, the full
  // table's row labels, measure names and column headings kept in view while it scrolls in its own
  // scroller (no taller than most of a screen, so the headings can stay at its top). Separate borders,
  // as collapsed ones do not move with a sticky cell.
  '.findings{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,28rem),1fr));gap:0 1rem}',
  '.facts{grid-template-columns:minmax(0,1fr);gap:0}',
  '.facts dd{margin:0 0 .4rem}',
  '.flag{border-left:5px solid #b10e1e;background:#fdf3f3;padding:.5rem .75rem;margin:.5rem 0}',
  'figure.chart{flex:1 1 18rem;min-width:0;max-width:24rem}',
  '.plot{display:block;width:100%;height:auto}',
  '.legend{display:flex;flex-wrap:wrap;gap:0 1rem;list-style:none;padding:0;margin:.25rem 0;font-size:.85rem}',
  'ul.lines{padding-left:1.25rem;margin:.25rem 0 .75rem}',
  'ul.lines li{margin:.35rem 0}',
  '.scroll.both{overflow:auto;max-height:85vh}',
  '.full{border-collapse:separate;border-spacing:0}',
  '.full td{text-align:right;white-space:nowrap}',
  '.full thead th{position:sticky;top:0;z-index:2;background:#fff;vertical-align:bottom;',
  'border-bottom:2px solid #1b1b1b}',
  '.full thead th:first-child{left:0;z-index:3}',
  '.full th[scope=row]{position:sticky;left:0;z-index:1;background:#fff;text-align:left;min-width:8rem}',
  '.full th[scope=colgroup]{text-align:left;background:#f3f2f1}',
  '.full th[scope=colgroup] span,.full caption span{display:inline-block;position:sticky;left:.5rem}',
].join('');

/** Stops a second send of a `data-once` form while the first is on its way. */
const ONCE_SCRIPT =
  "document.addEventListener('submit',function(e){var f=e.target;" +
  "if(!f.hasAttribute||!f.hasAttribute('data-once'))return;" +
  "if(f.getAttribute('data-sent')){e.preventDefault();return;}f.setAttribute('data-sent','1');});";

/** The headers of every staff page: no caching, no framing, only the stylesheet and script above. */
export const HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    `script-src 'sha256-${createHash('sha256').update(ONCE_SCRIPT).digest('base64')}'`,
    'img-src data:',
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; '),
};

/** The head's fixed part: search engines leave staff pages out. */
const META = raw(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="robots" content="noindex">',
);

/** Who reads a staff page, in which language, and where they are. */
export interface StaffFrame {
  readonly language: Language;
  /** The signed-in member; none on the page that asks to sign in. */
  readonly member?: StaffMember | undefined;
  /** The page's path, so the navigation can mark where the reader is. */
  readonly path: string;
}

/** The frame of a request: the reader's language from Accept-Language, the member if signed in. */
export function staffFrameOf(event: HttpEvent, member: StaffMember | undefined): StaffFrame {
  return { language: staffLanguage(header(event, 'accept-language')), member, path: event.rawPath };
}

/** The staff pages, each shown to those whose grants open it. */
const PAGES: readonly { readonly path: string; readonly label: StaffStringKey; opens(member: StaffMember): boolean }[] =
  [
    {
      path: '/dashboard',
      label: 'nav.results',
      // Any programme's results: the dashboard's first page lists them.
      opens: (member) => member.grants.some((grant) => permits([grant], 'read-indicators', grant.programme)),
    },
    {
      path: '/console',
      label: 'nav.console',
      opens: (member) => member.grants.some((grant) => permits([grant], 'manage-cohorts', grant.programme)),
    },
    {
      path: '/summaries',
      label: 'nav.summaries',
      opens: (member) => member.grants.some((grant) => permits([grant], 'read-summaries', grant.programme)),
    },
    { path: '/staff', label: 'nav.staff', opens: (member) => permits(member.grants, 'manage-staff') },
    { path: '/staff/audit', label: 'nav.audit', opens: (member) => permits(member.grants, 'read-audit') },
    { path: '/tokens', label: 'nav.tokens', opens: () => true },
  ];

/** Options of a page beyond its frame and content. */
export interface PageOptions {
  /** The content's language when it is not the reader's. */
  readonly contentLanguage?: Language;
  /** A narrow column, for pages of forms and lists (the evaluator workspace uses the width). */
  readonly narrow?: boolean;
}

/** A whole staff page around its content: the header and navigation for a signed-in member. */
export function renderStaffPage(frame: StaffFrame, title: string, content: Html, options: PageOptions = {}): string {
  const strings = staffStringsFor(frame.language);
  const { member } = frame;
  let top: Html | '' = '';
  if (member !== undefined) {
    const who = html`<p>${strings.signedInAs} <strong>${member.email}</strong></p>`;
    const button = html`<button type="submit" class="secondary">${strings.signOut}</button>`;
    const signOut = html`<form method="post" action="/sign-out">${button}</form>`;
    const links = PAGES.filter((page) => page.opens(member)).map((page) => {
      const current = frame.path === page.path ? raw(' aria-current="page"') : '';
      return html`<li><a href="${page.path}"${current}>${strings[page.label]}</a></li>`;
    });
    const nav = html`<nav aria-label="${strings.navLabel}"><ul>${links}</ul></nav>`;
    top = html`<header class="top">${who}${signOut}</header>${nav}`;
  }
  const contentLanguage =
    options.contentLanguage !== undefined && options.contentLanguage !== frame.language
      ? html` lang="${options.contentLanguage}"`
      : '';
  const narrow = options.narrow === true ? raw(' class="form"') : '';
  const script = html`<script>${raw(ONCE_SCRIPT)}</script>`;
  const head = html`<head>${META}<title>${title} · prepost</title><style>${raw(STYLE)}</style>${script}</head>`;
  const body = html`<body>${top}<main${narrow}${contentLanguage}>${content}</main></body>`;
  return `<!doctype html>${html`<html lang="${frame.language}">${head}${body}</html>`.value}`;
}

/** A staff page as an HTTP answer (never cached: it shows who is signed in and what they may see). */
export function staffPageResult(
  status: number,
  frame: StaffFrame,
  title: string,
  content: Html,
  options: PageOptions = {},
): HttpResult {
  return { statusCode: status, headers: { ...HEADERS }, body: renderStaffPage(frame, title, content, options) };
}

/** A redirect after a change (post/redirect/get), so reloading the page never repeats it. */
export function seeOther(location: string): HttpResult {
  return { statusCode: 303, headers: { ...HEADERS, location }, body: '' };
}

/** A page of one message: a refusal, or a page that is gone. */
export function staffMessageResult(
  status: number,
  frame: StaffFrame,
  title: StaffStringKey,
  message: StaffStringKey,
  extra: Html | '' = '',
): HttpResult {
  const strings = staffStringsFor(frame.language);
  return staffPageResult(
    status,
    frame,
    strings[title],
    html`<h1>${strings[title]}</h1><p>${strings[message]}</p>${extra}`,
    {
      narrow: true,
    },
  );
}
