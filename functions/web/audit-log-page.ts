/**
 * The audit log for admins: newest first, each entry when (in the reader's language, UTC), who
 * (the staff member's email, or the schedule, a participant, the command line), what in words,
 * which programme by name, and its few words of detail; a form to choose the programme and the
 * first day shown.
 */
import type { AuditEvent } from '#core/access.ts';
import type { Catalog } from '#surveys/catalog.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, raw, type Html } from './html.ts';
import { fieldProblem, problemSummary, programmeChoices, programmeName, type FormProblem } from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatDate, formatTime, staffStringsFor } from './staff-strings.ts';

/** What the audit page shows. */
export interface AuditView {
  /** Newest first. */
  readonly entries: readonly AuditEvent[];
  /** How many there were in all, when only the newest are shown. */
  readonly total: number;
  /** The filter as asked: a programme id or '' for all, and the first day, YYYY-MM-DD. */
  readonly programme: string;
  readonly since: string;
  /** A filter that cannot be read: its field, and nothing listed. */
  readonly problems: readonly { readonly field: 'programme' | 'since'; readonly problem: FormProblem['problem'] }[];
}

/** The audit page: 200, or 400 with the filter's problem. */
export function renderAuditLog(frame: StaffFrame, catalog: Catalog, view: AuditView): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const problems: FormProblem[] = view.problems.map(({ field, problem }) => ({ field: `audit-${field}`, problem }));
  const entries = view.entries.map((entry) => renderEntry(frame, catalog, entry));
  let listing: Html | '' = '';
  if (problems.length === 0) {
    const from = formatDate(`${view.since}T00:00:00Z`, language);
    const showing = html`<p>${fill(strings['audit.showing'], { date: from })}</p>`;
    const truncated =
      view.total > view.entries.length
        ? html`<p class="note">${fill(strings['audit.truncated'], { count: String(view.entries.length) })}</p>`
        : '';
    const list = entries.length === 0 ? html`<p>${strings['audit.none']}</p>` : html`<ol class="cards">${entries}</ol>`;
    listing = html`${showing}${truncated}${list}`;
  }
  const content = html`<h1>${strings['audit.title']}</h1>${problemSummary(problems, language)}${renderFilter(
    frame,
    catalog,
    view,
    problems,
  )}${listing}`;
  return staffPageResult(problems.length === 0 ? 200 : 400, frame, strings['audit.title'], content, { narrow: true });
}

function renderFilter(frame: StaffFrame, catalog: Catalog, view: AuditView, problems: readonly FormProblem[]): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const programme = fieldProblem(problems, 'audit-programme', language);
  const since = fieldProblem(problems, 'audit-since', language);
  const option = (value: string, label: string): Html =>
    html`<option value="${value}"${value === view.programme ? raw(' selected') : ''}>${label}</option>`;
  const options = [
    option('', strings['audit.allProgrammes']),
    ...programmeChoices(catalog, language).map((choice) => option(choice.id, choice.name)),
  ];
  const select = html`<label for="audit-programme">${strings['audit.programme']}</label>${
    programme.message
  }<select id="audit-programme" name="programme"${programme.describedBy}>${options}</select>`;
  const date = html`<label for="audit-since">${strings['audit.since']}</label>${
    since.message
  }<input type="date" id="audit-since" name="since" value="${view.since}"${since.describedBy}>`;
  const button = html`<p><button type="submit">${strings['audit.show']}</button></p>`;
  return html`<form method="get" action="/staff/audit"><fieldset><legend>${
    strings['audit.filter']
  }</legend>${select}${date}</fieldset>${button}</form>`;
}

function renderEntry(frame: StaffFrame, catalog: Catalog, entry: AuditEvent): Html {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const cli = /^cli:(.*)$/.exec(entry.actor);
  const who =
    entry.actorEmail ??
    (entry.actor === 'system'
      ? strings['actor.system']
      : entry.actor === 'participant'
        ? strings['actor.participant']
        : cli !== null
          ? fill(strings['actor.cli'], { user: cli[1] ?? '' })
          : entry.actor);
  const programme =
    entry.programme === undefined
      ? ''
      : html`<dt>${strings['audit.programme']}</dt><dd>${programmeName(catalog, entry.programme, language)}</dd>`;
  // The detail is the use case's few words (an account, a token id, a count), as recorded.
  const detail =
    entry.detail === undefined ? '' : html`<dt>${strings['audit.detail']}</dt><dd lang="en">${entry.detail}</dd>`;
  const time = html`<time datetime="${entry.at}">${formatTime(entry.at, language)}</time>`;
  const facts = [
    html`<dt>${strings['audit.who']}</dt><dd>${who}</dd>`,
    html`<dt>${strings['audit.what']}</dt><dd>${strings[`action.${entry.action}`]}</dd>`,
    programme,
    detail,
  ];
  return html`<li><p><strong>${time}</strong></p><dl>${facts}</dl></li>`;
}
