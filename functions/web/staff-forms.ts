/**
 * What the staff pages share besides their frame: programmes and grants in human words (names
 * from the catalogue in the reader's language, never ids), the form controls they are chosen
 * with, and refused forms' problems, named at the top (each a link to its field) and at the field,
 * as the participant pages name theirs.
 */
import { ALL_PROGRAMMES, Role, type Grant } from '#core/access.ts';
import type { Catalog } from '#surveys/catalog.ts';
import type { Language } from '#surveys/schema.ts';
import { html, raw, type Html } from './html.ts';
import { fill, staffStringsFor, type StaffStringKey } from './staff-strings.ts';

/** A programme as a form offers it. */
export interface ProgrammeChoice {
  readonly id: string;
  readonly name: string;
}

/** A programme's name in the language, else in English, else in any; its id only when it is no longer defined. */
export function programmeName(catalog: Catalog, id: string, language: Language): string {
  if (id === ALL_PROGRAMMES) return staffStringsFor(language).everyProgramme;
  const name = catalog.programmes.get(id)?.name;
  return name?.[language] ?? name?.en ?? Object.values(name ?? {})[0] ?? id;
}

/** Every programme of the catalogue, named, in catalogue order. */
export function programmeChoices(catalog: Catalog, language: Language): ProgrammeChoice[] {
  return [...catalog.programmes.keys()].map((id) => ({ id, name: programmeName(catalog, id, language) }));
}

/** A grant in words: "Evaluator of JUSTROM3 mentoring". */
export function grantWords(catalog: Catalog, grant: Grant, language: Language): string {
  const strings = staffStringsFor(language);
  if (grant.role === 'admin') return strings.grantAdmin;
  return fill(strings.grantOf, {
    role: strings[`role.${grant.role}`],
    programme: programmeName(catalog, grant.programme, language),
  });
}

/** One problem of a refused form: the id of the control it concerns (none: the form as a whole) and what to do. */
export interface FormProblem {
  readonly field?: string | undefined;
  readonly problem: StaffStringKey;
}

/** The problems at the top of the page, each a link to its field; focusable, so a reader lands on them. */
export function problemSummary(problems: readonly FormProblem[], language: Language): Html | '' {
  if (problems.length === 0) return '';
  const strings = staffStringsFor(language);
  const items = problems.map(({ field, problem }) =>
    field === undefined
      ? html`<li>${strings[problem]}</li>`
      : html`<li><a href="#${field}">${strings[problem]}</a></li>`,
  );
  return html`<div class="err" role="alert" tabindex="-1"><h2>${strings.errorsHeading}</h2><ul>${items}</ul></div>`;
}

/**
 * The problem of one field, beside it, and the attribute that ties the field to it and to its
 * hint (`<field>-hint`, when it has one).
 */
export function fieldProblem(
  problems: readonly FormProblem[],
  field: string,
  language: Language,
  hasHint = false,
): { readonly message: Html | ''; readonly describedBy: Html | '' } {
  const found = problems.find((problem) => problem.field === field);
  const ids = [...(hasHint ? [`${field}-hint`] : []), ...(found === undefined ? [] : [`${field}-error`])];
  const describedBy = ids.length === 0 ? '' : html` aria-describedby="${ids.join(' ')}"`;
  if (found === undefined) return { message: '', describedBy };
  const message = html`<p class="msg" id="${field}-error">${staffStringsFor(language)[found.problem]}</p>`;
  return { message, describedBy };
}

/** A text field (email, text, number, date) with its label, hint and problem. */
export function textField(options: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly problems: readonly FormProblem[];
  readonly language: Language;
  /** The input's attributes but its id and the ones tying it to its hint and problem. */
  readonly input: Html;
}): Html {
  const { id } = options;
  const { message, describedBy } = fieldProblem(options.problems, id, options.language, options.hint !== undefined);
  const hint = options.hint === undefined ? '' : html`<span class="hint" id="${id}-hint">${options.hint}</span>`;
  const input = html`<input id="${id}" ${options.input}${describedBy}>`;
  return html`<label for="${id}">${options.label}</label>${hint}${message}${input}`;
}

/** A group of choices (radio buttons or checkboxes) in a fieldset, with its hint and problem. */
export function choiceGroup(options: {
  readonly id: string;
  readonly type: 'radio' | 'checkbox';
  readonly name: string;
  readonly legend: string;
  readonly hint?: string | undefined;
  readonly choices: readonly { readonly value: string; readonly label: Html | string }[];
  readonly chosen: readonly string[];
  readonly problems: readonly FormProblem[];
  readonly language: Language;
}): Html {
  const { id, type, name } = options;
  const { message, describedBy } = fieldProblem(options.problems, id, options.language);
  const hint = options.hint === undefined ? '' : html`<span class="hint">${options.hint}</span>`;
  const inputs = options.choices.map((choice, index) => {
    const checked = options.chosen.includes(choice.value) ? raw(' checked') : '';
    const input = html`<input type="${type}" name="${name}" value="${choice.value}" id="${id}-${index}"${checked}>`;
    return html`<label class="choice" for="${id}-${index}">${input} <span>${choice.label}</span></label>`;
  });
  const legend = html`<legend>${options.legend}${hint}</legend>`;
  return html`<fieldset id="${id}"${describedBy}>${legend}${message}${inputs}</fieldset>`;
}

/** The role choices, each with what it may do. */
export function roleChoices(language: Language): { readonly value: string; readonly label: Html }[] {
  const strings = staffStringsFor(language);
  return Role.options.map((role) => {
    const hint = html`<span class="muted">(${strings[`roleHint.${role}`]})</span>`;
    return { value: role, label: html`<strong>${strings[`role.${role}`]}</strong> ${hint}` };
  });
}

/** A hidden field. */
export function hidden(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

/** A secret shown once, in a box that selects and copies whole (read only, never spell-checked or filled in). */
export function secretBox(id: string, secret: string, describedBy?: string): Html {
  const attributes = raw(' class="secret" rows="3" readonly spellcheck="false" autocomplete="off"');
  const described = describedBy === undefined ? '' : html` aria-describedby="${describedBy}"`;
  return html`<textarea id="${id}"${attributes}${described}>${secret}</textarea>`;
}
