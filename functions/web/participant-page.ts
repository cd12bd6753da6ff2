/**
 * The frame of every participant page: neutral title, language switcher, the programme's
 * support line, and for programmes that ask for it the "Exit this page" control (GOV.UK
 * pattern: a button that works without JavaScript, and with it Shift pressed three times blanks
 * the page and replaces it with a neutral site so Back does not return to the survey).
 * The headers are the ones the rules require; the one inline script and stylesheet are allowed
 * by hash in the content security policy, so nothing else can run.
 *
 * The script is a progressive enhancement. Without it every screen posts and is redirected
 * (post/redirect/get). With it, screens replace each other in place: forms and links to the
 * same questionnaire are fetched and the page's body swapped, so the whole questionnaire is one
 * history entry, which the exit control then replaces: Back never returns to a question. A lost
 * connection, or a reply that takes over 20 s, leaves the page and its answers as they are,
 * with a message; a reply that is not our page (a gateway error) is treated the same way. On a
 * programme with quick exit, a page reached by Back or Forward (an earlier visit of the link in
 * the same tab, say) exits at once: history never shows the questionnaire again.
 */
import { createHash } from 'node:crypto';
import type { Language, LocalizedText } from '#surveys/schema.ts';
import { type Html, html, raw } from './html.ts';
import { stringsFor, STRINGS } from './strings.ts';

/** Where the exit control goes: a site with nothing to explain. */
export const EXIT_URL = 'https://www.google.com/search?q=weather';

/** The one stylesheet, one rule a fragment (longer rules over two or three): its hash is in the CSP. */
const STYLE = [
  'html{scroll-padding-top:7rem}',
  '*{box-sizing:border-box}',
  'body{margin:0;font:1.125rem/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff}',
  'main{max-width:40rem;margin:0 auto;padding:1rem}',
  'h1{font-size:1.5rem;margin:.5rem 0 1rem}',
  'h2{font-size:1.25rem;margin:1.5rem 0 .5rem}',
  'fieldset{border:0;border-top:1px solid #ccc;margin:0;padding:1rem 0}',
  'legend{font-weight:600;padding:0;margin-bottom:.5rem}',
  'label{display:flex;gap:.75rem;align-items:center;min-height:2.75rem;padding:.25rem 0;cursor:pointer}',
  'input[type=radio],input[type=checkbox]{width:1.5rem;height:1.5rem;flex:none;margin:0}',
  'button,.btn{display:inline-block;font:inherit;font-weight:600;min-height:2.75rem;',
  'padding:.6rem 1.25rem;border:0;border-radius:.25rem;background:#1d5e2a;color:#fff;cursor:pointer;',
  'text-decoration:none}',
  'button:focus,a:focus,input:focus{outline:3px solid #fd0;outline-offset:2px}',
  '.exit{position:sticky;top:0;z-index:1;background:#f3f2f1;padding:.5rem 1rem;text-align:right}',
  '.exit .btn{background:#b10e1e}',
  '.exit small{display:block}',
  '[hidden]{display:none!important}',
  '.err{border-left:5px solid #b10e1e;padding:0 1rem;margin:1rem 0}',
  '.err a,.msg{color:#b10e1e;font-weight:600}',
  '.hint{color:#505a5f}',
  '.consent{background:#f3f2f1;padding:1rem;border-radius:.25rem}',
  'nav,footer{max-width:40rem;margin:0 auto;padding:1rem;font-size:1rem}',
  '.nav{display:flex;flex-wrap:wrap;gap:1rem}',
  'button.secondary,a.secondary{background:#fff;color:#1d5e2a;border:2px solid #1d5e2a}',
  'progress{width:100%;height:.75rem}',
  'nav button{font:inherit;font-weight:400;min-height:2.75rem;padding:.25rem .75rem;background:#fff;',
  'color:#1d5e2a;border:2px solid #1d5e2a}',
  'nav{display:flex;flex-wrap:wrap;gap:.5rem}',
  'nav a,nav strong{display:inline-flex;align-items:center;min-height:2.75rem;padding:.25rem .75rem;',
  'border:2px solid #ccc;border-radius:.25rem;margin:0}',
  'nav strong{border-color:#1b1b1b}',
  'button.warn{background:#b10e1e}',
  '.note{border-left:5px solid #1d5e2a;background:#f3f2f1;padding:.5rem 1rem;margin:1rem 0}',
  '.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;',
  'clip:rect(0 0 0 0);white-space:nowrap}',
].join('');

/** The one script, one statement a fragment, in the order it runs: its hash is in the CSP. */
const SCRIPT = [
  '(function(){',
  // d: the document; n, t, c: Shift presses counted, when the last was, another key between them;
  // busy: a request under way; gone: the page has exited; last: the submit button last pressed.
  'var d=document,n=0,t=0,c=false,busy=false,gone=false,last=null;',
  // Quick exit: the Shift hint shows only where the script runs; go() blanks the page and leaves for the
  // exit site, replacing this history entry.
  "function hint(){var h=d.getElementById('exit-hint');if(h)h.hidden=false}",
  'hint();',
  'function go(e){',
  "var a=d.getElementById('exit');",
  'if(!a)return;',
  'if(e)e.preventDefault();',
  'gone=true;',
  "d.body.innerHTML='';",
  "d.title='';",
  'location.replace(a.href)}',
  // A page reached by Back or Forward on a programme with quick exit exits at once.
  "var nav=window.performance&&performance.getEntriesByType?performance.getEntriesByType('navigation')[0]:null;",
  "if(nav&&nav.type==='back_forward'&&d.getElementById('exit')){go();return}",
  "window.addEventListener('pageshow',function(e){if(e.persisted)go()});",
  // Shift pressed three times, each within 2 s of the last and with no other key between, exits.
  "d.addEventListener('keydown',function(e){if(e.key==='Shift')c=false;else{c=true;n=0}});",
  "d.addEventListener('keyup',function(e){",
  "if(e.key!=='Shift'||c)return;",
  'var now=Date.now();',
  'n=now-t<2000?n+1:1;',
  't=now;',
  'if(n>=3)go()});',
  // Without the APIs the in-place screens need, screens post and load as they do without the script;
  // the exit control still exits.
  'if(!window.fetch||!window.DOMParser||!window.URLSearchParams||!window.FormData||!history.replaceState){',
  "d.addEventListener('click',function(e){if(e.target.closest&&e.target.closest('#exit'))go(e)});",
  'return}',
  // swap: a fetched page replaces this one in place, and focus moves to its message or heading.
  'function swap(html,url){',
  'if(gone)return;',
  "var doc=new DOMParser().parseFromString(html,'text/html');",
  'd.documentElement.lang=doc.documentElement.lang;',
  'd.title=doc.title;',
  'd.body.innerHTML=doc.body.innerHTML;',
  "history.replaceState(null,'',url);",
  'hint();',
  'window.scrollTo(0,0);',
  "var f=d.querySelector('.err,.note,h1');",
  "if(f){if(!f.hasAttribute('tabindex'))f.setAttribute('tabindex','-1');f.focus()}}",
  // offline: a lost connection, a timeout or a reply that is not our page leaves the screen as it is,
  // with a message.
  'function offline(){',
  "var m=d.querySelector('main');",
  "if(gone||!m||d.getElementById('offline'))return;",
  "var p=d.createElement('p');",
  "p.id='offline';",
  "p.className='err';",
  "p.setAttribute('role','alert');",
  "p.textContent=m.getAttribute('data-offline')||'';",
  'm.insertBefore(p,m.firstChild)}',
  // busyMain: the screen says it is busy while a request is under way.
  'function busyMain(on){',
  "var m=d.querySelector('main');",
  'if(!m)return;',
  "if(on)m.setAttribute('aria-busy','true');",
  "else m.removeAttribute('aria-busy')}",
  // send: one request at a time, abandoned after 20 s.
  'function send(url,body){',
  'if(busy||gone)return;',
  'busy=true;',
  'busyMain(true);',
  'var ac=window.AbortController?new AbortController():null,',
  "o={method:body===null?'GET':'POST',credentials:'same-origin',cache:'no-store'};",
  'if(ac)o.signal=ac.signal;',
  "if(body!==null){o.body=body;o.headers={'content-type':'application/x-www-form-urlencoded'}}",
  'var tm=setTimeout(function(){if(ac)ac.abort();else{busy=false;busyMain(false);offline()}},20000);',
  'fetch(url,o).then(function(r){',
  "if((r.headers.get('content-type')||'').indexOf('text/html')<0){offline();return}",
  'return r.text().then(function(h){swap(h,r.url)})',
  '}).catch(offline).then(function(){clearTimeout(tm);busy=false;last=null;busyMain(false)})}',
  // Links to the same questionnaire are fetched in place; the exit control exits. The submit button pressed
  // is remembered for browsers whose submit event does not name it.
  "d.addEventListener('click',function(e){",
  "var b=e.target.closest&&e.target.closest('button[type=submit]');",
  'if(b)last=b;',
  "var a=e.target.closest&&e.target.closest('a');",
  'if(!a)return;',
  "if(a.id==='exit'){go(e);return}",
  "var h=a.getAttribute('href')||'';",
  "if(h.charAt(0)==='#'||a.pathname!==location.pathname||a.origin!==location.origin)return;",
  'e.preventDefault();',
  'send(a.href,null)});',
  // Posted forms are sent in place, with the button that submitted them.
  "d.addEventListener('submit',function(e){",
  'var f=e.target;',
  "if(!f||(f.getAttribute('method')||'').toLowerCase()!=='post')return;",
  'e.preventDefault();',
  'var p=new URLSearchParams(new FormData(f)),s=e.submitter||(last&&d.contains(last)?last:null);',
  'if(s&&s.name)p.append(s.name,s.value);',
  'send(f.action,p.toString())})',
  '})();',
].join('');

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Headers on every participant page and message. */
export const PARTICIPANT_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': [
    "default-src 'none'",
    `style-src ${sha256(STYLE)}`,
    `script-src ${sha256(SCRIPT)}`,
    "connect-src 'self'",
    'img-src data:',
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** What the frame needs to know about the programme, if the page belongs to one. */
export interface PageFrame {
  readonly language: Language;
  readonly languages: readonly Language[];
  /** Path the language links point to, without query. */
  readonly path: string;
  readonly quickExit: boolean;
  readonly supportLine?: LocalizedText | undefined;
  /**
   * On a questionnaire screen, the id of its form: the language switcher is then a set of
   * buttons of that form, so switching keeps the answers on the screen (without JavaScript too).
   */
  readonly form?: string | undefined;
  /** Query kept by the language links (`&withdraw=1`: the same page in another language). */
  readonly linkQuery?: string | undefined;
}

/** The head's fixed part: the page sends no referrer and search engines leave it out. */
const META = raw(
  '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow">',
);

/** Wraps page content in the participant frame. */
export function renderParticipantPage(frame: PageFrame, content: Html): string {
  const strings = stringsFor(frame.language);
  const support = frame.supportLine?.[frame.language];
  const { form } = frame;
  // The Shift shortcut only works with JavaScript, which reveals its hint.
  const exitLink = html`<a id="exit" class="btn" href="${EXIT_URL}" rel="noreferrer">${strings.exit}</a>`;
  const exitHint = html`<small id="exit-hint" hidden>${strings.exitHint}</small>`;
  const exit = frame.quickExit ? html`<header class="exit">${exitLink}${exitHint}</header>` : '';
  const other = (language: Language): Html => {
    const name = STRINGS[language].languageName;
    if (form === undefined) {
      const href = `${frame.path}?lang=${language}${frame.linkQuery ?? ''}`;
      return html`<a lang="${language}" hreflang="${language}" href="${href}">${name}</a>`;
    }
    const value = `lang:${language}`;
    return html`<button type="submit" form="${form}" name="nav" value="${value}" lang="${language}">${name}</button>`;
  };
  // The language buttons belong to the questionnaire's form and come first in the page, so
  // Enter in the form would press the first of them: a hidden forward button comes before
  // them and is the form's default button (pressing Enter moves on, as the visible one does).
  // Out of sight, of the tab order and of assistive technology: only Enter reaches it.
  const unseen = raw(' class="vh" tabindex="-1" aria-hidden="true"');
  const defaultButton =
    form === undefined
      ? ''
      : html`<button type="submit" form="${form}" name="nav" value="next"${unseen}>${strings.next}</button>`;
  const current = (language: Language): Html =>
    html`<strong lang="${language}" aria-current="true">${STRINGS[language].languageName}</strong>`;
  const switcher =
    frame.languages.length > 1
      ? html`<nav aria-label="${strings.language}">${frame.languages.map((language) =>
          language === frame.language ? current(language) : other(language),
        )}</nav>`
      : '';
  const footer = support === undefined ? '' : html`<footer><strong>${strings.support}:</strong> ${support}</footer>`;
  const head = html`<head>${META}<title>${strings.pageTitle}</title><style>${raw(STYLE)}</style></head>`;
  const main = html`<main data-offline="${strings.offline}">${content}</main>`;
  const script = html`<script>${raw(SCRIPT)}</script>`;
  const body = html`<body>${exit}${defaultButton}${switcher}${main}${footer}${script}</body>`;
  return `<!doctype html>${html`<html lang="${frame.language}">${head}${body}</html>`.value}`;
}
