/**
 * The API tokens page: the reader's personal tokens (an admin's: everyone's), each with what it
 * reads in words, when it was made and expires, and whether it still works; a form to make one
 * for programmes the reader reads (an admin: for any staff member, for programmes they read); and
 * the page that shows a new token once, with how to use it.
 */
import type { ApiToken } from '#core/access.ts';
import type { Catalog } from '#surveys/catalog.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, type Html } from './html.ts';
import {
  choiceGroup,
  hidden,
  problemSummary,
  programmeName,
  secretBox,
  textField,
  type FormProblem,
  type ProgrammeChoice,
} from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatTime, staffStringsFor } from './staff-strings.ts';

/** A stored token and whether it works now. */
export interface ListedToken {
  readonly token: ApiToken;
  readonly status: 'active' | 'expired' | 'revoked';
}

/** A refused create form, as sent, with its problems (by field: `owner`, `label`, `days`, `programmes`). */
export interface RefusedTokenForm {
  /** The email of the staff member the token was for: an admin's form only; empty for the reader's own. */
  readonly owner: string;
  readonly label: string;
  readonly days: string;
  readonly programmes: readonly string[];
  readonly problems: readonly {
    readonly field?: 'owner' | 'label' | 'days' | 'programmes';
    readonly problem: FormProblem['problem'];
  }[];
}

/** What the tokens page shows. */
export interface TokensView {
  readonly tokens: readonly ListedToken[];
  /**
   * Whether the reader is an admin: the list is everyone's (naming each token's owner), and the
   * form makes a token for any staff member (the programmes are then checked against its owner's).
   */
  readonly everyone: boolean;
  /** The programmes the form offers: those the reader reads; an admin's, every programme. */
  readonly readable: readonly ProgrammeChoice[];
  readonly defaultDays: number;
  readonly maxDays: number;
  readonly revoked?: boolean;
  readonly refused?: RefusedTokenForm | undefined;
}

/** The tokens page: 200, or 400 with a refused form. */
export function renderApiTokens(frame: StaffFrame, catalog: Catalog, view: TokensView): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { refused } = view;
  const problems: FormProblem[] = (refused?.problems ?? []).map(({ field, problem }) => ({
    field: field === undefined ? undefined : `token-${field}`,
    problem,
  }));
  const done = view.revoked === true ? html`<p class="note" role="status">${strings['done.tokenRevoked']}</p>` : '';
  const cards = view.tokens.map((listed) => renderToken(frame, catalog, listed, view.everyone));
  const list = cards.length === 0 ? html`<p>${strings['tokens.none']}</p>` : html`<ul class="cards">${cards}</ul>`;
  const heading = view.everyone ? strings['tokens.everyone'] : strings['tokens.yours'];
  const content = html`<h1>${strings['tokens.title']}</h1>${problemSummary(problems, language)}${done}<p>${
    strings['tokens.intro']
  }</p><h2>${heading}</h2>${list}${renderCreateForm(frame, view, problems)}`;
  return staffPageResult(refused === undefined ? 200 : 400, frame, strings['tokens.title'], content, { narrow: true });
}

/** The programmes a token reads, by name. */
function tokenProgrammes(catalog: Catalog, token: ApiToken, frame: StaffFrame): string {
  const ids = [...new Set(token.grants.map((grant) => grant.programme))];
  return ids.map((id) => programmeName(catalog, id, frame.language)).join(', ');
}

function renderToken(frame: StaffFrame, catalog: Catalog, listed: ListedToken, everyone: boolean): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { token, status } = listed;
  const time = (iso: string): Html => html`<time datetime="${iso}">${formatTime(iso, language)}</time>`;
  const fact = (term: string, value: Html | string): Html => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = [
    everyone ? fact(strings['tokens.owner'], token.ownerEmail) : '',
    fact(strings['tokens.programmes'], tokenProgrammes(catalog, token, frame)),
    fact(strings['tokens.created'], time(token.createdAt)),
    token.createdBy === undefined ? '' : fact(strings['tokens.createdBy'], token.createdBy),
    fact(strings['tokens.expires'], time(token.expiresAt)),
    fact(strings['tokens.status'], strings[`status.${status}`]),
  ];
  // The button names the token to a screen reader: a list of them reads "Revoke: Power BI", not "Revoke" again.
  const label = html`${strings['tokens.revoke']}<span class="vh">: ${token.label}</span>`;
  const revokeFields = [
    hidden('action', 'revoke'),
    hidden('id', token.id),
    html`<button type="submit" class="warn">${label}</button>`,
  ];
  const revoke = status === 'active' ? html`<form method="post" action="/tokens">${revokeFields}</form>` : '';
  return html`<li><h3>${token.label}</h3><dl>${facts}</dl>${revoke}</li>`;
}

function renderCreateForm(frame: StaffFrame, view: TokensView, problems: readonly FormProblem[]): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const heading = html`<h2>${strings['tokens.createHeading']}</h2>`;
  if (view.readable.length === 0) return html`${heading}<p>${strings['tokens.cannotCreate']}</p>`;
  const { refused } = view;
  const owner = view.everyone
    ? textField({
        id: 'token-owner',
        label: strings['tokens.for'],
        hint: strings['tokens.forHint'],
        problems,
        language,
        input: html`type="email" name="owner" maxlength="254" autocomplete="off" spellcheck="false" value="${
          refused?.owner ?? ''
        }"`,
      })
    : '';
  const label = textField({
    id: 'token-label',
    label: strings['tokens.label'],
    hint: strings['tokens.labelHint'],
    problems,
    language,
    input: html`type="text" name="label" maxlength="80" autocomplete="off" value="${refused?.label ?? ''}"`,
  });
  const days = textField({
    id: 'token-days',
    label: strings['tokens.days'],
    hint: strings['tokens.daysHint'],
    problems,
    language,
    input: html`type="number" name="days" min="1" max="${view.maxDays}" step="1" inputmode="numeric" value="${
      refused?.days ?? String(view.defaultDays)
    }"`,
  });
  const programmes = choiceGroup({
    id: 'token-programmes',
    type: 'checkbox',
    name: 'programme',
    legend: strings['tokens.readProgrammes'],
    hint: strings[view.everyone ? 'tokens.readProgrammesOwnerHint' : 'tokens.readProgrammesHint'],
    choices: view.readable.map((choice) => ({ value: choice.id, label: choice.name })),
    chosen: refused?.programmes ?? [],
    problems,
    language,
  });
  const fields = [
    hidden('action', 'create'),
    owner,
    label,
    days,
    programmes,
    html`<p><button type="submit">${strings['tokens.createButton']}</button></p>`,
  ];
  return html`${heading}<form method="post" action="/tokens">${fields}</form>`;
}

/**
 * The new token, shown this once (only its hash is kept), with how to use it. Never cached, and
 * reached by no link: reloading posts again and makes another token, the one shown here is never
 * shown again.
 */
export function renderTokenCreated(
  frame: StaffFrame,
  catalog: Catalog,
  created: { readonly token: string; readonly record: ApiToken },
  site: string,
): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { record } = created;
  const secret = [
    html`<label for="token">${strings['created.token']}</label>`,
    html`<span class="hint" id="token-hint">${strings['created.copyHint']}</span>`,
    secretBox('token', created.token, 'token-hint'),
  ];
  const reads = fill(strings['created.expires'], {
    programmes: tokenProgrammes(catalog, record, frame),
    date: formatTime(record.expiresAt, language),
  });
  const programme = record.grants[0]?.programme ?? '';
  const url = `${site}/api/impact?programme=${encodeURIComponent(programme)}`;
  // The token is not written into the commands: a command line is kept in the shell's history.
  const curl = (address: string): Html =>
    html`<pre lang="en"><code>curl -H "Authorization: Bearer &lt;token&gt;" "${address}"</code></pre>`;
  const content = [
    html`<h1>${strings['created.title']}</h1>`,
    html`<p class="note">${strings['created.once']}</p>`,
    secret,
    html`<p>${reads}</p>`,
    html`<h2>${strings['created.useHeading']}</h2>`,
    html`<p>${strings['created.use']}</p>${curl(url)}`,
    html`<p>${strings['created.useCsv']}</p>${curl(`${url}&format=csv`)}`,
    html`<p><a href="/tokens">${strings['created.back']}</a></p>`,
  ];
  return staffPageResult(200, frame, strings['created.title'], html`${content}`, { narrow: true });
}
