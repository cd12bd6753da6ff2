/**
 * The admins' staff page: every member with their access in words, a way to revoke each grant,
 * give more, or remove the member (after asking once), and a form to add a member. A refused form
 * comes back with what was entered and each problem named at the top and at its field; the new
 * account's password, when the identity provider gives one, is shown once on a page of its own.
 */
import type { StaffMember } from '#core/access.ts';
import type { Catalog } from '#surveys/catalog.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, raw, type Html } from './html.ts';
import {
  choiceGroup,
  grantWords,
  hidden,
  problemSummary,
  programmeChoices,
  roleChoices,
  secretBox,
  textField,
  type FormProblem,
} from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatDate, staffStringsFor } from './staff-strings.ts';

/** What a change just done says on the page it returns to. */
export type StaffDone = 'invited' | 'granted' | 'revoked' | 'removed';

/** A refused form, as sent, with its problems. */
export interface RefusedStaffForm {
  /** The add form, or the grant form of the member with this email; `other`: a revoke or remove. */
  readonly form: 'add' | 'grant' | 'other';
  readonly email: string;
  readonly role: string;
  readonly programmes: readonly string[];
  /** Problems by field name: `email`, `role`, `programmes`, or none for the form as a whole. */
  readonly problems: readonly {
    readonly field?: 'email' | 'role' | 'programmes';
    readonly problem: FormProblem['problem'];
  }[];
}

/** The staff page: 200, or 400 with a refused form. */
export function renderStaffAdmin(
  frame: StaffFrame,
  catalog: Catalog,
  members: readonly StaffMember[],
  state: { readonly done?: StaffDone | undefined; readonly refused?: RefusedStaffForm | undefined } = {},
): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { refused } = state;
  // Each form's controls have ids of their own: the add form's, and each member's grant form's.
  const formId = (form: RefusedStaffForm['form'], email: string): string =>
    form === 'add' ? 'add' : `grant-${members.findIndex((member) => member.email === email)}`;
  const problems: FormProblem[] = (refused?.problems ?? []).map(({ field, problem }) => ({
    field: field === undefined || refused === undefined ? undefined : `${formId(refused.form, refused.email)}-${field}`,
    problem,
  }));
  const done = state.done === undefined ? '' : html`<p class="note" role="status">${strings[`done.${state.done}`]}</p>`;
  const cards = members.map((member, index) => {
    const refusedHere = refused?.form === 'grant' && refused.email === member.email ? refused : undefined;
    return renderMember(frame, catalog, member, index, refusedHere === undefined ? undefined : problems, refusedHere);
  });
  const list = html`<h2>${strings['staff.members']}</h2><ul class="cards">${cards}</ul>`;
  const add = renderAddForm(frame, catalog, refused?.form === 'add' ? refused : undefined, problems);
  const content = html`<h1>${strings['staff.title']}</h1>${problemSummary(problems, language)}${done}${list}${add}`;
  return staffPageResult(refused === undefined ? 200 : 400, frame, strings['staff.title'], content, { narrow: true });
}

function renderMember(
  frame: StaffFrame,
  catalog: Catalog,
  member: StaffMember,
  index: number,
  problems: readonly FormProblem[] | undefined,
  refused: RefusedStaffForm | undefined,
): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const you = member.id === frame.member?.id ? html` <span class="muted">${strings['staff.you']}</span>` : '';
  const grants = member.grants.map((grant) => {
    const words = grantWords(catalog, grant, language);
    const fields = [
      hidden('action', 'revoke'),
      hidden('email', member.email),
      hidden('role', grant.role),
      hidden('programme', grant.programme),
    ];
    // Every revoke button says, to a screen reader, which grant of whom it takes.
    const label = html`${strings['staff.revoke']}<span class="vh">: ${words}, ${member.email}</span>`;
    const button = html`<button type="submit" class="secondary">${label}</button>`;
    return html`<li>${words}<form method="post" action="/staff">${fields}${button}</form></li>`;
  });
  const access =
    grants.length === 0 ? html`<p>${strings['staff.noAccess']}</p>` : html`<ul class="grants">${grants}</ul>`;
  const open = refused === undefined ? '' : raw(' open');
  const summary = html`<summary>${strings['staff.grantMore']}<span class="vh"> (${member.email})</span></summary>`;
  const grantFields = [
    hidden('action', 'grant'),
    hidden('email', member.email),
    roleAndProgrammes(frame, catalog, `grant-${index}`, refused, problems ?? []),
    html`<button type="submit">${strings['staff.grantButton']}</button>`,
  ];
  const grantForm = html`<details${open}>${summary}<form method="post" action="/staff">${grantFields}</form></details>`;
  const removeLabel = html`${strings['staff.remove']}<span class="vh"> (${member.email})</span>`;
  const removeFields = [
    hidden('action', 'remove'),
    hidden('email', member.email),
    html`<button type="submit" class="warn">${removeLabel}</button>`,
  ];
  const remove = html`<div class="actions"><form method="post" action="/staff">${removeFields}</form></div>`;
  const since = fill(strings['staff.memberSince'], { date: formatDate(member.createdAt, language) });
  return html`<li><h3>${member.email}${you}</h3><p class="muted">${since}</p>${access}${grantForm}${remove}</li>`;
}

/** The role and programme choices of the add form and of each grant form. */
function roleAndProgrammes(
  frame: StaffFrame,
  catalog: Catalog,
  id: string,
  refused: RefusedStaffForm | undefined,
  problems: readonly FormProblem[],
): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const role = choiceGroup({
    id: `${id}-role`,
    type: 'radio',
    name: 'role',
    legend: strings['staff.role'],
    choices: roleChoices(language),
    chosen: refused === undefined ? [] : [refused.role],
    problems,
    language,
  });
  const programmes = choiceGroup({
    id: `${id}-programmes`,
    type: 'checkbox',
    name: 'programme',
    legend: strings['staff.programmes'],
    hint: strings['staff.programmesHint'],
    choices: programmeChoices(catalog, language).map((choice) => ({ value: choice.id, label: choice.name })),
    chosen: refused?.programmes ?? [],
    problems,
    language,
  });
  return html`${role}${programmes}`;
}

function renderAddForm(
  frame: StaffFrame,
  catalog: Catalog,
  refused: RefusedStaffForm | undefined,
  problems: readonly FormProblem[],
): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const email = textField({
    id: 'add-email',
    label: strings['staff.email'],
    hint: strings['staff.emailHint'],
    problems,
    language,
    input: html`type="email" name="email" autocomplete="off" spellcheck="false" value="${refused?.email ?? ''}"`,
  });
  const fields = [
    hidden('action', 'add'),
    email,
    roleAndProgrammes(frame, catalog, 'add', refused, problems),
    html`<p><button type="submit">${strings['staff.addButton']}</button></p>`,
  ];
  return html`<h2>${strings['staff.addHeading']}</h2><form method="post" action="/staff">${fields}</form>`;
}

/** Asked once before a member is removed: what it does, and the button that does it. */
export function renderRemoveConfirmation(frame: StaffFrame, email: string): HttpResult {
  const strings = staffStringsFor(frame.language);
  const title = fill(strings['staff.removeTitle'], { email });
  const buttons = html`<div class="actions"><button type="submit" class="warn">${
    strings['staff.removeConfirm']
  }</button><a href="/staff">${strings.cancel}</a></div>`;
  const fields = [hidden('action', 'remove'), hidden('email', email), hidden('confirm', 'yes'), buttons];
  const form = html`<form method="post" action="/staff">${fields}</form>`;
  const content = html`<h1>${title}</h1><p>${strings['staff.removeBody']}</p>${form}`;
  return staffPageResult(200, frame, title, content, { narrow: true });
}

/**
 * The new member's password, shown this once (the local identity provider makes one; Cognito
 * emails an invitation instead). Never cached, and reached by no link: reloading would post again
 * and be refused, the member existing.
 */
export function renderMemberAdded(frame: StaffFrame, email: string, password: string): HttpResult {
  const strings = staffStringsFor(frame.language);
  const secret = html`<label for="password">${strings['added.password']}</label>${secretBox('password', password)}`;
  const content = [
    html`<h1>${strings['added.title']}</h1>`,
    html`<p>${fill(strings['added.body'], { email })}</p>`,
    secret,
    html`<p>${strings['added.handOver']}</p>`,
    html`<p><a href="/staff">${strings['added.back']}</a></p>`,
  ];
  return staffPageResult(200, frame, strings['added.title'], html`${content}`, { narrow: true });
}
