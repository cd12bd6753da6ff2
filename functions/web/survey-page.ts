/**
 * The participant's questionnaire, server-rendered and complete without JavaScript, one screen
 * at a time (core/steps.ts): consent, questions about the participant, then one instrument a
 * screen, with progress. A refused screen comes back with every problem named, at the top and
 * at the question, and every answer kept.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Language, LocalizedText } from '#surveys/schema.ts';
import { CONSENT_FIELD, answerField, groupField, type FieldError } from '#core/answers.ts';
import { PREFER_NOT_TO_SAY } from '#core/scoring.ts';
import type { WaveContext } from '#core/waves.ts';
import type { Step } from '#core/steps.ts';
import { html, type Html } from './html.ts';
import { renderParticipantPage, type PageFrame } from './participant-page.ts';
import { stringsFor, type StringKey } from './strings.ts';

/** The frame of a programme's pages at a link's path. */
export function frameFor(context: WaveContext, language: Language, path: string): PageFrame {
  return { language, languages: context.programme.languages, path, quickExit: context.programme.quickExit, supportLine: context.programme.supportLine };
}

/**
 * One screen of the questionnaire (`steps[index]`), empty or with the submitted values and the
 * problems found in them; the other screens' answers ride along in hidden fields.
 */
export function renderSurveyStep(
  context: WaveContext,
  catalog: Catalog,
  frame: PageFrame,
  steps: readonly Step[],
  index: number,
  values: Readonly<Record<string, string | string[]>> = {},
  errors: readonly FieldError[] = [],
): string {
  const { language } = frame;
  const strings = stringsFor(language);
  const step = steps[index] ?? steps[0];
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
      (option, optionIndex) =>
        html`<label><input type="radio" name="${field}" value="${option.value}" id="${id}-${optionIndex}"${chosen(field) === option.value ? ' checked' : ''}> ${option.label}</label>`,
    )}</fieldset>`;
  };

  const summary =
    errors.length === 0
      ? ''
      : html`<div class="err" role="alert" tabindex="-1"><h2>${strings.errorsHeading}</h2><ul>${errors.map(
          (error) => html`<li><a href="#${fieldId(error.field)}">${strings[`problem.${error.problem}` as StringKey]}</a></li>`,
        )}</ul></div>`;

  let body: Html;
  if (step?.kind === 'consent') {
    const checked = chosen(CONSENT_FIELD) === context.programme.consent.version;
    body = html`<section class="consent" id="${fieldId(CONSENT_FIELD)}"><h2>${strings.consentHeading}</h2><p>${text(context.programme.consent.text)}</p>${problem(CONSENT_FIELD)}<label><input type="checkbox" name="${CONSENT_FIELD}" value="${context.programme.consent.version}"${checked ? ' checked' : ''}> ${strings.consentAgree}</label></section><p class="hint">${strings.skipHint}</p>`;
  } else if (step?.kind === 'about') {
    const questions = context.wave.subgroups.flatMap((subgroupId) => {
      const subgroup = context.programme.subgroups.find((candidate) => candidate.id === subgroupId);
      if (subgroup === undefined) return [];
      const options = subgroup.options.map((option) => ({ value: option.value, label: text(option.label) }));
      options.push({ value: PREFER_NOT_TO_SAY, label: strings.preferNotToSay });
      return [radioGroup(groupField(subgroup.id), text(subgroup.question), options)];
    });
    body = html`<section><h2>${strings.aboutYou}</h2>${questions}</section>`;
  } else {
    const instrument = step?.instrument === undefined ? undefined : catalog.instruments.get(step.instrument);
    const items = (instrument?.items ?? []).map((item, itemIndex) => {
      const options = instrument === undefined ? [] : optionsOf(instrument, itemIndex).map((option) => ({ value: option.value, label: text(option.label) }));
      if (item.sensitive) options.push({ value: PREFER_NOT_TO_SAY, label: strings.preferNotToSay });
      return radioGroup(answerField(instrument?.id ?? '', item.id), text(item.text), options);
    });
    body = html`<section><h2>${text(instrument?.name)}</h2>${instrument?.instructions === undefined ? '' : html`<p class="hint">${text(instrument.instructions)}</p>`}${items}</section>`;
  }

  // Answers of the other screens travel with the form: nothing is stored before the last one.
  const own = new Set(step?.fields ?? []);
  const carried = Object.entries(values).flatMap(([field, value]) =>
    own.has(field) || field === 'lang' || field === 'step' || field === 'nav' ? [] : (Array.isArray(value) ? value : [value]).map((single) => html`<input type="hidden" name="${field}" value="${single}">`),
  );
  const last = index >= steps.length - 1;
  const number = new Intl.NumberFormat(language);
  const progress =
    steps.length > 2
      ? html`<p class="hint" id="progress">${strings.stepOf.replace('{n}', number.format(index + 1)).replace('{total}', number.format(steps.length))}</p><progress max="${steps.length}" value="${index + 1}" aria-labelledby="progress"></progress>`
      : '';
  const heading = `${text(context.session.name)} · ${context.kind === 'pre' ? strings.before : strings.after}`;
  // The forward button comes first, so Enter moves on; Back is the second.
  const buttons = html`<p class="nav"><button type="submit" name="nav" value="next">${last ? strings.submit : strings.next}</button>${index > 0 ? html` <button type="submit" name="nav" value="back" class="secondary">${strings.back}</button>` : ''}</p>`;
  const content = html`<h1>${heading}</h1>${progress}${summary}<form method="post" action="${frame.path}" autocomplete="off" novalidate><input type="hidden" name="lang" value="${language}"><input type="hidden" name="step" value="${index}">${carried}${body}${buttons}</form>`;
  return renderParticipantPage(frame, content);
}

/** The page after a stored submission, with the way to withdraw. */
export function renderThanks(frame: PageFrame, receipt: string): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(
    frame,
    html`<h1>${strings.thanksHeading}</h1><p>${strings.thanksBody}</p><p>${strings.receipt}: <strong>${receipt}</strong></p><h2>${strings.withdrawHeading}</h2><p>${strings.withdrawBody}</p><form method="post" action="${frame.path}"><input type="hidden" name="lang" value="${frame.language}"><button type="submit" name="nav" value="withdraw" class="secondary">${strings.withdrawButton}</button></form>`,
  );
}

/** Withdrawal asks once more before deleting anything. */
export function renderWithdrawConfirm(frame: PageFrame): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(
    frame,
    html`<h1>${strings.withdrawHeading}</h1><p>${strings.withdrawConfirm}</p><form method="post" action="${frame.path}"><input type="hidden" name="lang" value="${frame.language}"><p class="nav"><button type="submit" name="nav" value="withdraw-confirm">${strings.withdrawConfirmButton}</button> <a class="btn secondary" href="${frame.path}?lang=${frame.language}">${strings.back}</a></p></form>`,
  );
}

/** A short page with one message: invalid link, closed wave, unreadable submission. */
export function renderMessage(frame: PageFrame, message: StringKey): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(frame, html`<h1>${strings.pageTitle}</h1><p>${strings[message]}</p>`);
}

function fieldId(field: string): string {
  return `f-${field.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
