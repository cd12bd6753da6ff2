/**
 * The coordinators' console, its first two pages: the programmes a coordinator runs (cohorts open
 * and closed, funders), and one programme: its cohorts at a glance (who has answered each wave,
 * the last answer received), the form that creates a cohort with its wave windows, and the
 * programme's funders. Counts only: no page of the console shows an answer or a participant's id.
 * A refused form comes back with what was typed and each problem at the top and at its field.
 */
import type { Cohort, Funder, Language, Programme, ProgrammeDefinition, Session } from '#surveys/schema.ts';
import type { WaveKind } from '#core/model.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, type Html } from './html.ts';
import {
  actionButton,
  comparisonField,
  controlId,
  doneNote,
  languageName,
  localized,
  pageProblems,
  selectField,
  waveLabel,
  windowFields,
  type ConsoleDone,
  type RefusedConsoleForm,
} from './console-page-parts.ts';
import { hidden, problemSummary, textField, type FormProblem } from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatTime, staffStringsFor } from './staff-strings.ts';

/** One wave of a cohort: how many of its participants answered, and who has not, per batch. */
export interface WaveView {
  readonly session: Session;
  readonly wave: WaveKind;
  readonly answered: number;
  readonly participants: number;
  readonly pending: readonly { readonly batch: number; readonly numbers: readonly number[] }[];
}

/** A cohort as the console shows it: counts, batches and waves, never an answer or an id. */
export interface CohortView {
  readonly cohort: Cohort;
  readonly participants: number;
  readonly batches: readonly {
    readonly number: number;
    readonly createdAt: string;
    readonly count: number;
    readonly language: string;
  }[];
  readonly waves: readonly WaveView[];
  readonly lastAnswer?: string | undefined;
}

/** The programme's path in the console. */
export function programmePath(programme: Pick<ProgrammeDefinition, 'id'>): string {
  return `/console/${encodeURIComponent(programme.id)}`;
}

/** A cohort's path in the console. */
export function cohortPath(programme: Pick<ProgrammeDefinition, 'id'>, cohort: Pick<Cohort, 'id'>): string {
  return `${programmePath(programme)}/${encodeURIComponent(cohort.id)}`;
}

/** GET /console: the programmes the reader coordinates. */
export function renderConsoleHome(frame: StaffFrame, programmes: readonly Programme[]): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const cards = programmes.map((programme) => {
    const open = programme.cohorts.filter((cohort) => cohort.status === 'open').length;
    const facts = [
      html`<dt>${strings['console.organisation']}</dt><dd>${programme.organisation}</dd>`,
      html`<dt>${strings['console.openCohorts']}</dt><dd>${open}</dd>`,
      html`<dt>${strings['console.closedCohorts']}</dt><dd>${programme.cohorts.length - open}</dd>`,
      html`<dt>${strings['console.funders']}</dt><dd>${programme.funders.length}</dd>`,
    ];
    const name = html`<a href="${programmePath(programme)}">${localized(programme.name, language)}</a>`;
    return html`<li><h2>${name}</h2><dl>${facts}</dl></li>`;
  });
  const intro = html`<h1>${strings['console.title']}</h1><p>${strings['console.intro']}</p>`;
  const content = html`${intro}<ul class="cards">${cards}</ul>`;
  return staffPageResult(200, frame, strings['console.title'], content, { narrow: true });
}

/** GET /console/{programme}: 200, or 400 with a refused form. */
export function renderConsoleProgramme(
  frame: StaffFrame,
  programme: Programme,
  cohorts: readonly CohortView[],
  state: { readonly done?: ConsoleDone | undefined; readonly refused?: RefusedConsoleForm | undefined } = {},
): HttpResult {
  const { language } = frame;
  const strings = staffStringsFor(language);
  const { refused } = state;
  const createProblems = pageProblems(refused, ['create-cohort'], 'new');
  const funderProblems = pageProblems(refused, ['add-funder', 'remove-funder'], 'funder');
  const name = localized(programme.name, language);
  const list =
    cohorts.length === 0
      ? html`<p>${strings['console.noCohorts']}</p>`
      : html`<ul class="cards">${cohorts.map((view) => renderCohortCard(programme, view, language))}</ul>`;
  const content = [
    html`<p><a href="/console">${strings['console.allProgrammes']}</a></p>`,
    html`<h1>${name}</h1><p class="muted">${programme.organisation}</p>`,
    problemSummary([...createProblems, ...funderProblems], language),
    doneNote(state.done, language),
    html`<h2>${strings['console.cohorts']}</h2>${list}`,
    renderCreateForm(programme, refused?.form === 'create-cohort' ? refused.values : {}, createProblems, language),
    renderFunders(programme, refused?.form === 'add-funder' ? refused.values : {}, funderProblems, language),
  ];
  return staffPageResult(refused === undefined ? 200 : 400, frame, name, html`${content}`, { narrow: true });
}

/** A cohort at a glance: status, participants, each wave's answers, the last answer received. */
function renderCohortCard(programme: ProgrammeDefinition, view: CohortView, language: Language): Html {
  const strings = staffStringsFor(language);
  const { cohort } = view;
  // A list of "term: value" lines rather than a two-column list of terms: a term as long as "Last answer
  // received" in Catalan, or a session's name, would squeeze its value into a sliver at 360 px.
  const line = (term: string, value: string | number): Html => html`<li>${term}: <strong>${value}</strong></li>`;
  const lines = [
    cohort.site === undefined ? '' : line(strings['console.site'], cohort.site),
    cohort.comparison ? html`<li><strong>${strings['console.comparisonBadge']}</strong></li>` : '',
    line(strings['console.status'], strings[`console.${cohort.status}`]),
    line(strings['console.participants'], view.participants),
    view.waves.map((wave) => line(waveLabel(wave.session, wave.wave, language), answeredOf(wave, language))),
    line(
      strings['console.lastAnswer'],
      view.lastAnswer === undefined ? strings['console.noAnswer'] : formatTime(view.lastAnswer, language),
    ),
  ];
  const name = html`<h3><a href="${cohortPath(programme, cohort)}">${cohort.name}</a></h3>`;
  return html`<li>${name}<ul class="grants">${lines}</ul></li>`;
}

/** "3 of 12 answered". */
export function answeredOf(wave: Pick<WaveView, 'answered' | 'participants'>, language: Language): string {
  return fill(staffStringsFor(language)['console.answeredOf'], {
    answered: String(wave.answered),
    participants: String(wave.participants),
  });
}

function renderCreateForm(
  programme: ProgrammeDefinition,
  values: Readonly<Record<string, string>>,
  problems: readonly FormProblem[],
  language: Language,
): Html {
  const strings = staffStringsFor(language);
  const text = (field: string, label: string, hint: string | undefined, extra: Html | string = ''): Html =>
    textField({
      id: controlId('new', field),
      label,
      hint,
      problems,
      language,
      input: html`type="text" name="${field}" value="${values[field] ?? ''}"${extra}`,
    });
  // Subgroups set per cohort (the site of JUSTROM3): a choice among the definition's options.
  const attributes = programme.subgroups
    .filter((subgroup) => subgroup.source === 'cohort')
    .map((subgroup) =>
      selectField({
        id: controlId('new', `attributes.${subgroup.id}`),
        name: `attributes.${subgroup.id}`,
        label: localized(subgroup.label, language),
        choices: [
          { value: '', label: strings['console.notSet'] },
          ...subgroup.options.map((option) => ({ value: option.value, label: localized(option.label, language) })),
        ],
        chosen: values[`attributes.${subgroup.id}`] ?? '',
        problems,
        language,
      }),
    );
  const fields = [
    hidden('action', 'create-cohort'),
    text('cohort', strings['console.cohortId'], strings['console.cohortIdHint'], html` spellcheck="false"`),
    text('name', strings['console.cohortName'], strings['console.cohortNameHint']),
    text('site', strings['console.site'], strings['console.siteHint']),
    attributes,
    comparisonField({ prefix: 'new', values, problems, language }),
    html`<p class="hint">${strings['console.windowsHint']}</p>`,
    windowFields({ prefix: 'new', programme, values, problems, language, followupDefault: true }),
    html`<p><button type="submit">${strings['console.createButton']}</button></p>`,
  ];
  const form = html`<form method="post" action="${programmePath(programme)}">${fields}</form>`;
  return html`<h2 id="create">${strings['console.createHeading']}</h2>${form}`;
}

function renderFunders(
  programme: Programme,
  values: Readonly<Record<string, string>>,
  problems: readonly FormProblem[],
  language: Language,
): Html {
  const strings = staffStringsFor(language);
  const path = programmePath(programme);
  const cards = programme.funders.map((funder: Funder) => {
    // The button says, to a screen reader, whom it removes.
    const label = html`${strings['console.removeFunder']}<span class="vh">: ${funder.name}, ${funder.email}</span>`;
    const facts = [
      html`<dt>${strings['console.funderEmail']}</dt><dd>${funder.email}</dd>`,
      html`<dt>${strings['console.summaryIn']}</dt><dd>${languageName(
        funder.language ?? programme.defaultLanguage,
      )}</dd>`,
    ];
    const remove = actionButton('remove-funder', path, label, [hidden('email', funder.email)]);
    return html`<li><h3>${funder.name}</h3><dl>${facts}</dl><div class="actions">${remove}</div></li>`;
  });
  const list =
    cards.length === 0 ? html`<p>${strings['console.noFunders']}</p>` : html`<ul class="cards">${cards}</ul>`;
  const text = (field: string, label: string, type: string): Html =>
    textField({
      id: controlId('funder', field),
      label,
      problems,
      language,
      input: html`type="${type}" name="${field}" value="${values[field] ?? ''}" autocomplete="off" spellcheck="false"`,
    });
  const fields = [
    hidden('action', 'add-funder'),
    text('name', strings['console.funderName'], 'text'),
    text('email', strings['console.funderEmail'], 'email'),
    selectField({
      id: controlId('funder', 'language'),
      name: 'language',
      label: strings['console.funderLanguage'],
      choices: programme.languages.map((code) => ({ value: code, label: languageName(code) })),
      chosen: values.language ?? programme.defaultLanguage,
      problems,
      language,
    }),
    html`<p><button type="submit">${strings['console.addFunderButton']}</button></p>`,
  ];
  const add = html`<h3>${strings['console.addFunderHeading']}</h3><p class="hint">${
    strings['console.addFunderHint']
  }</p><form method="post" action="${path}">${fields}</form>`;
  return html`<h2 id="funders">${strings['console.funders']}</h2><p>${strings['console.fundersHint']}</p>${list}${add}`;
}
