/**
 * One cohort in the coordinators' console: who has answered each wave (counts, then the numbers in
 * their batch of those who have not, with a reminder to copy for each), the form that adds
 * participants, the batches made, the name and wave windows, a way to close a wave now, and to
 * close or reopen the cohort (beside the button, what its funders will receive). Never an answer,
 * never a participant's id: a number in a batch is what is written on the card handed out.
 */
import { waveId } from '#core/waves.ts';
import type { Funder, Language, Programme } from '#surveys/schema.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, type Html } from './html.ts';
import {
  actionButton,
  cohortValues,
  comparisonField,
  controlId,
  doneNote,
  languageInWords,
  languageName,
  localized,
  pageProblems,
  selectField,
  waveLabel,
  wavesOf,
  windowFields,
  type ConsoleDone,
  type RefusedConsoleForm,
} from './console-page-parts.ts';
import { answeredOf, cohortPath, programmePath, type CohortView, type WaveView } from './console-page.ts';
import { HANDOUT_STRINGS } from './link-sheet.ts';
import { waveName } from './strings.ts';
import { hidden, problemSummary, textField, type FormProblem } from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatDate, formatMonth, staffStringsFor } from './staff-strings.ts';

/** Lists longer than this are folded into a `<details>`, so the page stays short. */
const SHORT_LIST = 20;

/** What the cohort page shows besides the cohort's progress. */
export interface CohortPageState {
  /** Today (`YYYY-MM-DD`): reminders are offered for waves still open. */
  readonly today: string;
  /** The month (`YYYY-MM`) whose summary a cohort closed now goes into. */
  readonly month: string;
  /** A one-use token for the add form: the same form sent twice (a reload, a double tap) makes one batch. */
  readonly addToken: string;
  readonly done?: ConsoleDone | undefined;
  readonly refused?: RefusedConsoleForm | undefined;
}

/** GET /console/{programme}/{cohort}: 200, or 400 with a refused form. */
export function renderConsoleCohort(
  frame: StaffFrame,
  programme: Programme,
  view: CohortView,
  state: CohortPageState,
): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { cohort } = view;
  const { refused } = state;
  const addProblems = pageProblems(refused, ['add-participants'], 'add');
  const editProblems = pageProblems(refused, ['change'], 'edit');
  const otherProblems = pageProblems(refused, ['close-wave', 'reopen-wave', 'close', 'reopen'], 'other');
  const programmeLink = html`<a href="${programmePath(programme)}">${localized(programme.name, language)}</a>`;
  const about = [
    cohort.site ?? '',
    cohort.comparison ? strings['console.comparisonBadge'] : '',
    strings[`console.${cohort.status}`],
  ]
    .filter((part) => part !== '')
    .join(' · ');
  const content = [
    html`<p>${programmeLink}</p>`,
    html`<h1>${cohort.name}</h1><p class="muted">${about}</p>`,
    problemSummary([...addProblems, ...editProblems, ...otherProblems], language),
    doneNote(state.done, language),
    state.done === 'closed' && cohort.status === 'closed'
      ? html`<p class="note">${closingNotice(programme.funders, state.month, 'after', language)}</p>`
      : '',
    renderAnswers(view, state.today, language),
    renderAddForm(
      programme,
      view,
      state.addToken,
      refused?.form === 'add-participants' ? refused.values : {},
      addProblems,
      language,
    ),
    renderBatches(view, language),
    renderWindows(programme, view, refused?.form === 'change' ? refused.values : undefined, editProblems, language),
    renderStatus(programme, view, state.month, language),
  ];
  return staffPageResult(refused === undefined ? 200 : 400, frame, cohort.name, html`${content}`, { narrow: true });
}

/** Per wave: how many answered, then per batch the numbers without an answer and their reminders. */
function renderAnswers(view: CohortView, today: string, language: Language): Html {
  const strings = staffStringsFor(language);
  const heading = html`<h2>${strings['console.answersHeading']}</h2>`;
  if (view.participants === 0) return html`${heading}<p>${strings['console.noParticipants']}</p>`;
  const waves = view.waves.map((wave) => {
    const window = view.cohort.windows[waveId(wave.session.id, wave.wave)];
    // Reminders for a wave taking answers today (not one still to open), in each batch's card language.
    const open =
      view.cohort.status === 'open' &&
      window?.closed !== true &&
      (window?.opens === undefined || window.opens <= today) &&
      window?.closes !== undefined &&
      window.closes >= today;
    const closes = open ? window?.closes : undefined;
    const pending =
      wave.pending.length === 0
        ? html`<p>${strings['console.allAnswered']}</p>`
        : wave.pending.map((batch) => renderPending(view, wave, batch, closes, language));
    const label = waveLabel(wave.session, wave.wave, language);
    return html`<h3>${label}</h3><p><strong>${answeredOf(wave, language)}</strong></p>${pending}`;
  });
  return html`${heading}<p class="hint">${strings['console.remindersHint']}</p>${waves}`;
}

function renderPending(
  view: CohortView,
  wave: WaveView,
  pending: WaveView['pending'][number],
  closes: string | undefined,
  language: Language,
): Html {
  const strings = staffStringsFor(language);
  const cards = view.batches.find((batch) => batch.number === pending.batch)?.language ?? 'en';
  const heading = fill(strings['console.pendingBatch'], {
    batch: String(pending.batch),
    language: languageInWords(cards, language),
    count: String(pending.numbers.length),
  });
  const numbers = html`<p class="numbers">${pending.numbers.join(', ')}</p>`;
  const list =
    pending.numbers.length > SHORT_LIST
      ? html`<details><summary>${strings['console.pendingNumbers']}</summary>${numbers}</details>`
      : numbers;
  let reminders: Html | '' = '';
  const words = HANDOUT_STRINGS[cards as Language];
  if (closes !== undefined && words !== undefined) {
    // The `#` lines are for the coordinator, as in the messages file: each reminder goes to the number above it.
    const message = words.reminder.replace('{date}', () => formatDate(closes, cards as Language));
    // The card's own words ("No. 3 · Mentoring cycle · At the start"): which of a person's cards is meant.
    const cardLanguage = cards as Language;
    const session = localized(wave.session.name, cardLanguage);
    const when = waveName(cardLanguage, wave.session.kind, wave.wave, wave.session.followup?.monthsAfter);
    const card = `${session} · ${when}`;
    const lines = pending.numbers.map(
      (number) => `# ${words.number.replace('{n}', String(number))} · ${card}\n${message}`,
    );
    const summary = fill(strings['console.remindersSummary'], { count: String(pending.numbers.length) });
    reminders = html`<details><summary>${summary}</summary><pre lang="${cards}">${lines.join('\n\n')}</pre></details>`;
  }
  return html`<h4>${heading}</h4>${list}${reminders}`;
}

function renderAddForm(
  programme: Programme,
  view: CohortView,
  token: string,
  values: Readonly<Record<string, string>>,
  problems: readonly FormProblem[],
  language: Language,
): Html {
  const strings = staffStringsFor(language);
  const heading = html`<h2 id="add">${strings['console.addHeading']}</h2>`;
  if (view.cohort.status === 'closed') return html`${heading}<p>${strings['console.closedNoAdd']}</p>`;
  const fields = [
    hidden('action', 'add-participants'),
    // Claimed once when sent: a second send of this form (a reload, a double tap) makes no second batch.
    hidden('once', token),
    textField({
      id: controlId('add', 'count'),
      label: strings['console.count'],
      hint: strings['console.countHint'],
      problems,
      language,
      input: html`type="number" name="count" min="1" max="500" step="1" inputmode="numeric" value="${
        values.count ?? ''
      }"`,
    }),
    selectField({
      id: controlId('add', 'language'),
      name: 'language',
      label: strings['console.language'],
      choices: programme.languages.map((code) => ({ value: code, label: languageName(code) })),
      chosen: values.language ?? programme.defaultLanguage,
      problems,
      language,
    }),
    html`<p><button type="submit">${strings['console.addButton']}</button></p>`,
  ];
  // Sent once: a second tap would show an "already sent" answer instead of the new codes.
  const form = html`<form method="post" action="${cohortPath(programme, view.cohort)}" data-once>${fields}</form>`;
  return html`${heading}<p>${strings['console.addHint']}</p>${form}`;
}

function renderBatches(view: CohortView, language: Language): Html {
  const strings = staffStringsFor(language);
  const heading = html`<h2>${strings['console.batchesHeading']}</h2>`;
  if (view.batches.length === 0) return html`${heading}<p>${strings['console.noBatches']}</p>`;
  const items = view.batches.map(
    (batch) =>
      html`<li>${fill(strings['console.batch'], {
        number: String(batch.number),
        count: String(batch.count),
        language: languageInWords(batch.language, language),
        date: formatDate(batch.createdAt, language),
      })}</li>`,
  );
  return html`${heading}<ul>${items}</ul>`;
}

/** The name, site, comparison and windows form, then each wave's window with its close (or reopen) button. */
function renderWindows(
  programme: Programme,
  view: CohortView,
  refusedValues: Readonly<Record<string, string>> | undefined,
  problems: readonly FormProblem[],
  language: Language,
): Html {
  const strings = staffStringsFor(language);
  const { cohort } = view;
  const path = cohortPath(programme, cohort);
  const values = refusedValues ?? cohortValues(cohort, programme);
  const text = (field: string, label: string, hint?: string): Html =>
    textField({
      id: controlId('edit', field),
      label,
      hint,
      problems,
      language,
      input: html`type="text" name="${field}" value="${values[field] ?? ''}"`,
    });
  const fields = [
    hidden('action', 'change'),
    text('name', strings['console.cohortName']),
    text('site', strings['console.site'], strings['console.siteHint']),
    comparisonField({ prefix: 'edit', values, problems, language }),
    html`<p class="hint">${strings['console.windowsHint']}</p>`,
    windowFields({ prefix: 'edit', programme, values, problems, language }),
    html`<p><button type="submit">${strings['console.saveButton']}</button></p>`,
  ];
  const form = html`<form method="post" action="${path}">${fields}</form>`;
  const waves = wavesOf(programme).map(({ id, session, wave }) => {
    const window = cohort.windows[id] ?? {};
    const label = waveLabel(session, wave, language);
    const dates =
      window.opens === undefined || window.closes === undefined
        ? ''
        : fill(strings['console.waveWindow'], {
            opens: formatDate(window.opens, language),
            closes: formatDate(window.closes, language),
          });
    const closed = window.closed === true;
    // Every button says, to a screen reader, which wave it closes or reopens.
    const words = strings[closed ? 'console.reopenWave' : 'console.closeWave'];
    const button = html`${words}<span class="vh">: ${label}</span>`;
    const action = actionButton(closed ? 'reopen-wave' : 'close-wave', path, button, [hidden('wave', id)]);
    const state = closed ? html` <strong>${strings['console.waveClosedEarly']}</strong>` : '';
    return html`<li><h3>${label}</h3><p>${dates}${state}</p><div class="actions">${action}</div></li>`;
  });
  return html`<h2 id="windows">${strings['console.windowsHeading']}</h2>${form}<h2>${
    strings['console.wavesHeading']
  }</h2><p>${strings['console.wavesHint']}</p><ul class="cards">${waves}</ul>`;
}

/** Close (saying what the funders will receive) or reopen. */
function renderStatus(programme: Programme, view: CohortView, month: string, language: Language): Html {
  const strings = staffStringsFor(language);
  const path = cohortPath(programme, view.cohort);
  const heading = html`<h2 id="status">${strings['console.statusHeading']}</h2>`;
  if (view.cohort.status === 'closed')
    return html`${heading}<p>${strings['console.closedBody']}</p><div class="actions">${actionButton(
      'reopen',
      path,
      strings['console.reopenCohort'],
    )}</div>`;
  const notice = closingNotice(programme.funders, month, 'before', language);
  const close = actionButton('close', path, strings['console.closeCohort'], [], 'warn');
  return html`${heading}<p>${strings['console.closeBody']}</p><p>${notice}</p><div class="actions">${close}</div>`;
}

/**
 * What the funders receive of a cohort closed in `month`: its results as they stand, in the summary
 * of that month sent at the start of the next, small groups hidden.
 */
function closingNotice(
  funders: readonly Funder[],
  month: string,
  when: 'before' | 'after',
  language: Language,
): string {
  const strings = staffStringsFor(language);
  if (funders.length === 0) return strings['console.noticeNoFunders'];
  const [year = 0, number = 1] = month.split('-').map(Number);
  const next = new Date(Date.UTC(year, number, 1)).toISOString().slice(0, 7);
  return fill(strings[when === 'before' ? 'console.noticeBefore' : 'console.noticeAfter'], {
    funders: funders.map((funder) => funder.name).join(', '),
    month: formatMonth(month, language),
    next: formatMonth(next, language),
  });
}
