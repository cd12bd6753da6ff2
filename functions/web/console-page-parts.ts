/**
 * What the coordinators' console pages share: programmes, sessions and waves in human words (names
 * from the definitions, "Mentoring cycle · At the start"), the console's form controls, and the
 * problems of a refused form in the reader's language, each at its field. A cohort use case names
 * a problem by its field (`windows.mentoring-cycle:post.closes`) and its reason (`closes-missing`),
 * so the page says it in four languages without parsing English messages.
 */
import { sessionWaves, waveId } from '#core/waves.ts';
import type { CohortInputProblem } from '#core/errors.ts';
import type { WaveKind } from '#core/model.ts';
import type { Cohort, Language, LocalizedText, ProgrammeDefinition, Session } from '#surveys/schema.ts';
import { html, raw, type Html } from './html.ts';
import { choiceGroup, fieldProblem, hidden, textField, type FormProblem } from './staff-forms.ts';
import { STAFF_STRINGS, fill, staffStringsFor, type StaffStringKey } from './staff-strings.ts';
import { monthsInWords, waveName } from './strings.ts';

/** A change just made, said on the page it returns to (`?done=`). */
export const CONSOLE_DONE = [
  'created',
  'changed',
  'waveClosed',
  'waveReopened',
  'closed',
  'reopened',
  'funderAdded',
  'funderRemoved',
] as const;
export type ConsoleDone = (typeof CONSOLE_DONE)[number];

/** The console's forms, by their `action` (the download form is no form a problem is shown on). */
export const CONSOLE_FORMS = [
  'create-cohort',
  'add-funder',
  'remove-funder',
  'change',
  'add-participants',
  'close-wave',
  'reopen-wave',
  'close',
  'reopen',
] as const;
export type ConsoleForm = (typeof CONSOLE_FORMS)[number];

/** One problem of a refused form: the form field it concerns (none: the form as a whole) and its words. */
export interface ConsoleProblem {
  readonly field?: string | undefined;
  readonly problem: StaffStringKey;
}

/** A form the console could not act on: what was typed (kept, so nothing is lost) and each problem. */
export interface RefusedConsoleForm {
  readonly form: ConsoleForm;
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly ConsoleProblem[];
}

/** A text of a definition in the language, else in English, else in any. */
export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en ?? Object.values(text).find((value) => value !== undefined) ?? '';
}

/** A wave in words: "Mentoring cycle · At the start". */
export function waveLabel(
  session: Pick<Session, 'name' | 'kind' | 'followup'>,
  wave: WaveKind,
  language: Language,
): string {
  const name = waveName(language, session.kind, wave, session.followup?.monthsAfter);
  return `${localized(session.name, language)} · ${name}`;
}

/** The programme's waves in order, each with its id (`session:pre`), session and kind. */
export function wavesOf(
  programme: Pick<ProgrammeDefinition, 'sessions'>,
): { readonly id: string; readonly session: Session; readonly wave: WaveKind }[] {
  return programme.sessions.flatMap((session) =>
    sessionWaves(session).map((wave) => ({ id: waveId(session.id, wave), session, wave })),
  );
}

/** A language by its own name ("Español"), as language choices are best read by those who speak them. */
export function languageName(language: string): string {
  return STAFF_STRINGS[language as Language]?.languageName ?? language;
}

/**
 * A language named inside a sentence, in the reader's language and case ("tarjetas en español",
 * "carduri în spaniolă"), by the runtime's own CLDR names; its own name where there is none.
 */
export function languageInWords(language: string, reader: Language): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(language) ?? languageName(language);
  } catch {
    return languageName(language);
  }
}

/** The id of a form's control for a field: the form's prefix and the field name, in characters an id keeps plainly. */
export function controlId(prefix: string, field: string): string {
  return `${prefix}-${field.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/** The problems of a refused form as the page shows them: at a control of the form with `prefix`, or for the form. */
export function pageProblems(
  refused: RefusedConsoleForm | undefined,
  forms: readonly ConsoleForm[],
  prefix: string,
): FormProblem[] {
  if (refused === undefined || !forms.includes(refused.form)) return [];
  return refused.problems.map(({ field, problem }) => ({
    field: field === undefined ? undefined : controlId(prefix, field),
    problem,
  }));
}

/** The problems of a form a cohort use case refused, in the page's words, each at its field (once). */
export function consoleProblems(
  form: ConsoleForm,
  values: Readonly<Record<string, string>>,
  found: readonly CohortInputProblem[],
): ConsoleProblem[] {
  const problems: ConsoleProblem[] = [];
  for (const entry of found) {
    const problem = problemOf(form, entry, values);
    if (!problems.some((other) => other.field === problem.field && other.problem === problem.problem))
      problems.push(problem);
  }
  return problems;
}

/** What is wrong with one field, by the reason the use case gave, at the field of the form that holds it. */
function problemOf(
  form: ConsoleForm,
  { field, reason }: CohortInputProblem,
  values: Readonly<Record<string, string>>,
): ConsoleProblem {
  // A field the form does not show (a wave the programme no longer has): the form as a whole.
  const at = field in values || !field.startsWith('windows.') ? field : undefined;
  const inForm = (problem: ConsoleProblem['problem']): ConsoleProblem =>
    at === undefined ? { problem: 'problem.cohortForm' } : { field: at, problem };
  switch (reason) {
    case 'taken':
      return inForm('problem.cohortTaken');
    case 'not-a-funder':
      return { problem: 'problem.notAFunder' };
    case 'opens-missing':
      return inForm('problem.opensMissing');
    case 'closes-missing':
      return inForm('problem.closesMissing');
    case 'closes-before-opens':
      return inForm('problem.closesBeforeOpens');
    case 'post-opens-early':
      return inForm('problem.postOpensEarly');
    case 'post-closes-early':
      return inForm('problem.postClosesEarly');
    case 'followup-opens-early':
      return inForm('problem.followupOpensEarly');
    case 'followup-closes-early':
      return inForm('problem.followupClosesEarly');
    case 'comparison-fixed':
      return inForm('problem.comparisonFixed');
    case 'closes-after-expiry':
      return inForm('problem.closesAfterExpiry');
    case 'not-a-subgroup':
    case 'not-an-option':
      return inForm('problem.attribute');
    case 'no-such-wave':
      return { problem: 'problem.cohortForm' };
    case 'too-long':
      return inForm('problem.tooLong');
    case 'invalid':
      return inForm(invalidProblem(form, field));
  }
}

/** A value the schema does not take, by its field. */
function invalidProblem(form: ConsoleForm, field: string): ConsoleProblem['problem'] {
  if (field === 'cohort') return 'problem.cohortId';
  if (field === 'name') return form === 'add-funder' ? 'problem.funderName' : 'problem.cohortName';
  if (field === 'site') return 'problem.site';
  if (field === 'count') return 'problem.count';
  if (field === 'language') return 'problem.language';
  if (field === 'email') return 'problem.email';
  if (field.startsWith('attributes.')) return 'problem.attribute';
  if (field.startsWith('windows.')) return 'problem.date';
  return 'problem.cohortForm';
}

/** A choice list (a select) with its label, hint and problem. */
export function selectField(options: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly choices: readonly { readonly value: string; readonly label: string }[];
  readonly chosen: string;
  readonly problems: readonly FormProblem[];
  readonly language: Language;
}): Html {
  const { id } = options;
  const { message, describedBy } = fieldProblem(options.problems, id, options.language, options.hint !== undefined);
  const hint = options.hint === undefined ? '' : html`<span class="hint" id="${id}-hint">${options.hint}</span>`;
  const choices = options.choices.map((choice) => {
    const selected = choice.value === options.chosen ? raw(' selected') : '';
    return html`<option value="${choice.value}"${selected}>${choice.label}</option>`;
  });
  const select = html`<select id="${id}" name="${options.name}"${describedBy}>${choices}</select>`;
  return html`<label for="${id}">${options.label}</label>${hint}${message}${select}`;
}

/**
 * The opening and closing date of every wave, each wave a group labelled with its name ("… · At the
 * start"). With `followupDefault` (a new cohort), a follow-up says what leaving its dates empty does.
 */
export function windowFields(options: {
  readonly prefix: string;
  readonly programme: Pick<ProgrammeDefinition, 'sessions'>;
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly FormProblem[];
  readonly language: Language;
  readonly followupDefault?: boolean;
}): Html {
  const { prefix, values, problems, language } = options;
  const strings = staffStringsFor(language);
  return html`${wavesOf(options.programme).map(({ id, session, wave }) => {
    const date = (bound: 'opens' | 'closes'): Html => {
      const field = `windows.${id}.${bound}`;
      return textField({
        id: controlId(prefix, field),
        label: strings[`console.${bound}`],
        problems,
        language,
        input: html`type="date" name="${field}" value="${values[field] ?? ''}"`,
      });
    };
    const legend = html`<legend>${waveLabel(session, wave, language)}</legend>`;
    const months = session.followup?.monthsAfter;
    const words =
      wave === 'followup' && months !== undefined && options.followupDefault === true
        ? fill(strings['console.followupHint'], { months: monthsInWords(language, months) })
        : undefined;
    const hint = words === undefined ? '' : html`<p class="hint">${words}</p>`;
    return html`<fieldset class="wave">${legend}${hint}${date('opens')}${date('closes')}</fieldset>`;
  })}`;
}

/** The value the comparison checkbox posts when ticked (unticked, a form posts nothing for it). */
export const COMPARISON_TICKED = 'yes';

/** Whether a cohort form marks the cohort as a comparison (a waiting list). */
export function isComparison(values: Readonly<Record<string, string | undefined>>): boolean {
  return values.comparison === COMPARISON_TICKED;
}

/** The checkbox that marks a cohort as a comparison (a waiting list), with what that means in plain words. */
export function comparisonField(options: {
  readonly prefix: string;
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly FormProblem[];
  readonly language: Language;
}): Html {
  const strings = staffStringsFor(options.language);
  return choiceGroup({
    id: controlId(options.prefix, 'comparison'),
    type: 'checkbox',
    name: 'comparison',
    legend: strings['console.comparison'],
    hint: strings['console.comparisonHint'],
    choices: [{ value: COMPARISON_TICKED, label: strings['console.comparisonChoice'] }],
    chosen: isComparison(options.values) ? [COMPARISON_TICKED] : [],
    problems: options.problems,
    language: options.language,
  });
}

/** The form values of a cohort's name, site, comparison mark and windows, as its edit form starts. */
export function cohortValues(
  cohort: Pick<Cohort, 'name' | 'site' | 'windows' | 'comparison'>,
  programme: Pick<ProgrammeDefinition, 'sessions'>,
): Record<string, string> {
  const values: Record<string, string> = {
    name: cohort.name,
    site: cohort.site ?? '',
    comparison: cohort.comparison ? COMPARISON_TICKED : '',
  };
  for (const { id } of wavesOf(programme)) {
    values[`windows.${id}.opens`] = cohort.windows[id]?.opens ?? '';
    values[`windows.${id}.closes`] = cohort.windows[id]?.closes ?? '';
  }
  return values;
}

/** A small form of one button (and hidden fields) posting an action. */
export function actionButton(
  action: string,
  path: string,
  label: Html | string,
  fields: readonly Html[] = [],
  style: 'secondary' | 'warn' | '' = 'secondary',
): Html {
  const kind = style === '' ? '' : html` class="${style}"`;
  const button = html`<button type="submit"${kind}>${label}</button>`;
  return html`<form method="post" action="${path}">${hidden('action', action)}${fields}${button}</form>`;
}

/** The line said after a change, for the reader's assistive technology too. */
export function doneNote(done: ConsoleDone | undefined, language: Language): Html | '' {
  if (done === undefined) return '';
  return html`<p class="note" role="status">${staffStringsFor(language)[`console.done.${done}`]}</p>`;
}
