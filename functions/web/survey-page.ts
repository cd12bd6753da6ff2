/**
 * The participant's questionnaire, server-rendered and complete without JavaScript: consent,
 * subgroup questions, then each instrument's items as radio groups. On a refused submission the
 * same page comes back with every problem named, at the top and at the question, and every
 * answer kept.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Language, LocalizedText } from '#surveys/schema.ts';
import { CONSENT_FIELD, answerField, groupField, type FieldError } from '#core/answers.ts';
import { PREFER_NOT_TO_SAY } from '#core/scoring.ts';
import type { WaveContext } from '#core/waves.ts';
import { html, type Html } from './html.ts';
import { renderParticipantPage, type PageFrame } from './participant-page.ts';
import { stringsFor, type StringKey } from './strings.ts';

/** The frame of a programme's pages at a link's path. */
export function frameFor(context: WaveContext, language: Language, path: string): PageFrame {
  return { language, languages: context.programme.languages, path, quickExit: context.programme.quickExit, supportLine: context.programme.supportLine };
}

/** The form, empty or with the submitted values and the problems found in them. */
export function renderSurveyForm(
  context: WaveContext,
  catalog: Catalog,
  frame: PageFrame,
  values: Readonly<Record<string, string | string[]>> = {},
  errors: readonly FieldError[] = [],
): string {
  const { language } = frame;
  const strings = stringsFor(language);
  const text = (localized: LocalizedText | undefined): string => localized?.[language] ?? localized?.en ?? '';
  const problemsByField = new Map(errors.map((error) => [error.field, error.problem]));
  const problem = (field: string): Html | '' => {
    const found = problemsByField.get(field);
    return found === undefined ? '' : html`<p class="msg" id="${fieldId(field)}-error">${strings[`problem.${found}` as StringKey]}</p>`;
  };
  const chosen = (field: string): string | undefined => {
    const value = values[field];
    return Array.isArray(value) ? value[0] : value;
  };
  const radioGroup = (field: string, legend: string, options: readonly { value: string; label: string }[]): Html => {
    const id = fieldId(field);
    const hasError = problemsByField.has(field);
    return html`<fieldset id="${id}"${hasError ? html` aria-describedby="${id}-error"` : ''}><legend>${legend}</legend>${problem(field)}${options.map(
      (option, index) =>
        html`<label><input type="radio" name="${field}" value="${option.value}" id="${id}-${index}"${chosen(field) === option.value ? ' checked' : ''}> ${option.label}</label>`,
    )}</fieldset>`;
  };

  const summary =
    errors.length === 0
      ? ''
      : html`<div class="err" role="alert" tabindex="-1"><h2>${strings.errorsHeading}</h2><ul>${errors.map(
          (error) => html`<li><a href="#${fieldId(error.field)}">${strings[`problem.${error.problem}` as StringKey]}</a></li>`,
        )}</ul></div>`;

  const consentChecked = chosen(CONSENT_FIELD) === context.programme.consent.version;
  const consent = html`<section class="consent" id="${fieldId(CONSENT_FIELD)}"><h2>${strings.consentHeading}</h2><p>${text(context.programme.consent.text)}</p>${problem(CONSENT_FIELD)}<label><input type="checkbox" name="${CONSENT_FIELD}" value="${context.programme.consent.version}"${consentChecked ? ' checked' : ''}> ${strings.consentAgree}</label></section>`;

  const subgroupQuestions = context.wave.subgroups.flatMap((subgroupId) => {
    const subgroup = context.programme.subgroups.find((candidate) => candidate.id === subgroupId);
    if (subgroup === undefined) return [];
    const options = subgroup.options.map((option) => ({ value: option.value, label: text(option.label) }));
    options.push({ value: PREFER_NOT_TO_SAY, label: strings.preferNotToSay });
    return [radioGroup(groupField(subgroup.id), text(subgroup.question), options)];
  });

  const instruments = context.wave.instruments.flatMap((instrumentId) => {
    const instrument = catalog.instruments.get(instrumentId);
    if (instrument === undefined) return [];
    const items = instrument.items.map((item, index) => {
      const options = optionsOf(instrument, index).map((option) => ({ value: option.value, label: text(option.label) }));
      if (item.sensitive) options.push({ value: PREFER_NOT_TO_SAY, label: strings.preferNotToSay });
      return radioGroup(answerField(instrument.id, item.id), text(item.text), options);
    });
    return [html`<section><h2>${text(instrument.name)}</h2>${instrument.instructions === undefined ? '' : html`<p class="hint">${text(instrument.instructions)}</p>`}${items}</section>`];
  });

  const heading = `${text(context.session.name)} · ${context.kind === 'pre' ? strings.before : strings.after}`;
  const content = html`<h1>${heading}</h1>${summary}<form method="post" action="${frame.path}" autocomplete="off" novalidate><input type="hidden" name="lang" value="${language}">${consent}${
    subgroupQuestions.length > 0 ? html`<section><h2>${strings.aboutYou}</h2>${subgroupQuestions}</section>` : ''
  }<p class="hint">${strings.skipHint}</p>${instruments}<p><button type="submit">${strings.submit}</button></p></form>`;
  return renderParticipantPage(frame, content);
}

/** The page after a stored submission. */
export function renderThanks(frame: PageFrame, receipt: string): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(frame, html`<h1>${strings.thanksHeading}</h1><p>${strings.thanksBody}</p><p>${strings.receipt}: <strong>${receipt}</strong></p>`);
}

/** A short page with one message: invalid link, closed wave, unreadable submission. */
export function renderMessage(frame: PageFrame, message: StringKey): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(frame, html`<h1>${strings.pageTitle}</h1><p>${strings[message]}</p>`);
}

function fieldId(field: string): string {
  return `f-${field.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
