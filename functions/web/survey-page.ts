/**
 * The participant's questionnaire, server-rendered and complete without JavaScript, one screen
 * at a time (core/steps.ts): consent, questions about the participant, then one instrument a
 * screen (and, for a then-test, its items again under the definition's prompt), with progress. A
 * refused screen comes back with every problem named, at the top and at the question, and every
 * answer kept. The answers of the other screens ride along in hidden fields (only answers the wave
 * has: never an unknown field sent back).
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Language, LocalizedText } from '#surveys/schema.ts';
import { CONSENT_FIELD, LINK_TOKEN_FIELD, answerField, groupField, thenField, type FieldError } from '#core/answers.ts';
import { PREFER_NOT_TO_SAY } from '#core/scoring.ts';
import type { WaveContext } from '#core/waves.ts';
import type { Step } from '#core/steps.ts';
import { html, type Html } from './html.ts';
import { renderParticipantPage, type PageFrame } from './participant-page.ts';
import { stringsFor, waveName, type StringKey } from './strings.ts';
import type { ScreenNotice } from '#core/model.ts';

type Strings = ReturnType<typeof stringsFor>;

/** The frame of a programme's pages at a link's path. */
export function frameFor(
  programme: Pick<WaveContext['programme'], 'languages' | 'quickExit' | 'supportLine'>,
  language: Language,
  path: string,
): PageFrame {
  return {
    language,
    languages: programme.languages,
    path,
    quickExit: programme.quickExit,
    supportLine: programme.supportLine,
  };
}

/** The id of the questionnaire's form (the language buttons belong to it). */
const FORM_ID = 'survey';

/** What a screen shows above its questions, besides problems. */
export type ScreenMessage = ScreenNotice | 'save-failed';

/** What a screen carries besides its questions. */
export interface ScreenExtras {
  /** Shown above the questions. */
  readonly message?: ScreenMessage | undefined;
  /**
   * The link token (`shared/link-token.ts`), sent back with the form so that posting it needs no
   * look-up of the link; a form without one still works, through the look-up.
   */
  readonly token?: string | undefined;
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
  values: Readonly<Record<string, string>> = {},
  errors: readonly FieldError[] = [],
  extras: ScreenExtras = {},
): string {
  const { message, token } = extras;
  const { language } = frame;
  const strings = stringsFor(language);
  const step = steps[index] ?? steps[0];
  const text = (localized: LocalizedText | undefined): string => localized?.[language] ?? localized?.en ?? '';
  const problemsByField = new Map(errors.map((error) => [error.field, error.problem]));
  const problem = (field: string): Html | '' => {
    const found = problemsByField.get(field);
    return found === undefined
      ? ''
      : html`<p class="msg" id="${fieldId(field)}-error">${strings[`problem.${found}` as StringKey]}</p>`;
  };
  const chosen = (field: string): string | undefined => values[field];
  const radioGroup = (field: string, legend: string, options: readonly { value: string; label: string }[]): Html => {
    const id = fieldId(field);
    const describedBy = problemsByField.has(field) ? html` aria-describedby="${id}-error"` : '';
    const radios = options.map((option, optionIndex) => {
      const checked = chosen(field) === option.value ? ' checked' : '';
      const inputId = `${id}-${optionIndex}`;
      const input = html`<input type="radio" name="${field}" value="${option.value}" id="${inputId}"${checked}>`;
      return html`<label>${input} ${option.label}</label>`;
    });
    return html`<fieldset id="${id}"${describedBy}><legend>${legend}</legend>${problem(field)}${radios}</fieldset>`;
  };

  // Problems of the questionnaire's own fields link to their question; fields no screen has
  // (a crafted post) are named by one line, never listed: the page never echoes them.
  const fieldsOfAnyStep = new Set(steps.flatMap((candidate) => candidate.fields));
  const ownErrors = errors.filter((error) => fieldsOfAnyStep.has(error.field));
  const strayLine = errors.some((error) => !fieldsOfAnyStep.has(error.field))
    ? html`<li>${strings['problem.unknown-field']}</li>`
    : '';
  const summary =
    errors.length === 0
      ? ''
      : html`<div class="err" role="alert" tabindex="-1"><h2>${strings.errorsHeading}</h2><ul>${ownErrors.map(
          (error) =>
            html`<li><a href="#${fieldId(error.field)}">${strings[`problem.${error.problem}` as StringKey]}</a></li>`,
        )}${strayLine}</ul></div>`;

  let body: Html;
  if (step?.kind === 'consent') {
    const { consent } = context.programme;
    const checked = chosen(CONSENT_FIELD) === consent.version ? ' checked' : '';
    // Programmes with quick exit say how to leave no trace, as GOV.UK's guidance does.
    const noTrace = context.programme.quickExit ? html`<p>${strings.noTrace}</p>` : '';
    const terms = html`<h2>${strings.consentHeading}</h2><p>${text(consent.text)}</p>${noTrace}`;
    const box = html`<input type="checkbox" name="${CONSENT_FIELD}" value="${consent.version}"${checked}>`;
    const agree = html`${problem(CONSENT_FIELD)}<label>${box} ${strings.consentAgree}</label>`;
    const section = html`<section class="consent" id="${fieldId(CONSENT_FIELD)}">${terms}${agree}</section>`;
    body = html`${section}<p class="hint">${strings.skipHint}</p>`;
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
    const looksBack = step?.kind === 'then';
    const items = (instrument?.items ?? []).map((item, itemIndex) => {
      const options =
        instrument === undefined
          ? []
          : optionsOf(instrument, itemIndex).map((option) => ({ value: option.value, label: text(option.label) }));
      if (item.sensitive) options.push({ value: PREFER_NOT_TO_SAY, label: strings.preferNotToSay });
      const field = (looksBack ? thenField : answerField)(instrument?.id ?? '', item.id);
      return radioGroup(field, text(item.text), options);
    });
    // Looking back, the definition's prompt takes the place of the instructions (said in the
    // present tense); the line under it says these are the same questions, on purpose.
    const lead = looksBack
      ? html`<h2>${text(context.wave.then?.prompt)}</h2><p class="hint">${strings.thenHint}</p>`
      : html`<h2>${text(instrument?.title)}</h2>${
          instrument?.instructions === undefined ? '' : html`<p class="hint">${text(instrument.instructions)}</p>`
        }`;
    body = html`<section>${lead}${items}</section>`;
  }

  // Answers of the other screens travel with the form, so the last screen sends them all.
  const own = new Set(step?.fields ?? []);
  const carried = Object.entries(values).flatMap(([field, value]) =>
    own.has(field) ? [] : [hiddenInput(field, value)],
  );
  const last = index >= steps.length - 1;
  const number = new Intl.NumberFormat(language);
  const stepOf = strings.stepOf
    .replace('{n}', number.format(index + 1))
    .replace('{total}', number.format(steps.length));
  const bar = html`<progress max="${steps.length}" value="${index + 1}" aria-labelledby="progress"></progress>`;
  const progress = steps.length > 2 ? html`<p class="hint" id="progress">${stepOf}</p>${bar}` : '';
  const when = waveName(language, context.session.kind, context.kind, context.session.followup?.monthsAfter);
  const heading = `${text(context.session.name)} · ${when}`;
  // The forward button comes first; Enter presses the hidden default forward button that
  // precedes the language buttons (participant-page.ts), so it moves on too.
  const back = index > 0 ? html` ${navButton('back', strings.back, 'secondary')}` : '';
  const buttons = html`<p class="nav">${navButton('next', last ? strings.submit : strings.next)}${back}</p>`;
  const note = message === undefined ? '' : renderNote(strings, message);
  // Withdrawal is offered on every screen: the link of a session not yet answered is the one a
  // participant has at hand when they decide to leave the study.
  const withdraw = html`<p class="hint"><a href="${withdrawHref(frame)}">${strings.withdrawButton}</a></p>`;
  const formTag = html`<form id="${FORM_ID}" method="post" action="${frame.path}" autocomplete="off" novalidate>`;
  const sealed = token === undefined ? '' : hiddenInput(LINK_TOKEN_FIELD, token);
  const fields = html`${hiddenInput('lang', language)}${hiddenInput('step', String(index))}${sealed}${carried}`;
  const form = html`${formTag}${fields}${note}${body}${buttons}</form>`;
  const content = html`<h1>${heading}</h1>${progress}${summary}${form}${withdraw}`;
  return renderParticipantPage({ ...frame, form: FORM_ID }, content);
}

/** The page after a stored submission, with the way to withdraw (asked once more first). */
export function renderThanks(frame: PageFrame, receipt: string): string {
  const strings = stringsFor(frame.language);
  const thanks = html`<h1>${strings.thanksHeading}</h1><p>${strings.thanksBody}</p>`;
  const number = html`<p>${strings.receipt}: <strong>${receipt}</strong></p>`;
  const button = html`<a class="btn secondary" href="${withdrawHref(frame)}">${strings.withdrawButton}</a>`;
  const withdraw = html`<h2>${strings.withdrawHeading}</h2><p>${strings.withdrawBody}</p><p>${button}</p>`;
  return renderParticipantPage(frame, html`${thanks}${number}${withdraw}`);
}

/**
 * Withdrawal asks once more before deleting anything, saying plainly what goes (and, after a
 * failure, that nothing was finished).
 */
export function renderWithdrawConfirm(frame: PageFrame, failed = false): string {
  const strings = stringsFor(frame.language);
  const problem = failed ? html`<div class="err" role="alert"><p>${strings.withdrawFailed}</p></div>` : '';
  const confirm = navButton('withdraw-confirm', strings.withdrawConfirmButton, 'warn');
  const back = html`<a class="btn secondary" href="${frame.path}?lang=${frame.language}">${strings.back}</a>`;
  const buttons = html`<p class="nav">${confirm} ${back}</p>`;
  const form = html`<form method="post" action="${frame.path}">${hiddenInput('lang', frame.language)}${buttons}</form>`;
  return renderParticipantPage(
    frame,
    html`<h1>${strings.withdrawHeading}</h1>${problem}<p>${strings.withdrawConfirm}</p>${form}`,
  );
}

/** A withdrawn participant's link: deleted just now, or simply no longer active (neutral). */
export function renderWithdrawn(frame: PageFrame, justNow: boolean): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(
    justNow ? { ...frame, linkQuery: '&withdrawn=1' } : frame,
    html`<h1>${strings.pageTitle}</h1><p>${justNow ? strings.withdrawnBody : strings.linkInactive}</p>`,
  );
}

/** Answers for a wave already answered (another window): they lead back to the receipt and withdrawal. */
export function renderAnsweredElsewhere(frame: PageFrame): string {
  const strings = stringsFor(frame.language);
  const receipt = html`<a class="btn secondary" href="${frame.path}?lang=${frame.language}">${strings.seeReceipt}</a>`;
  return renderParticipantPage(
    frame,
    html`<h1>${strings.pageTitle}</h1><p>${strings.answeredElsewhere}</p><p>${receipt}</p>`,
  );
}

/**
 * When the store failed before the link could be read: the posted answers back in a form that
 * sends them again as they were, so nothing is lost. Only fields of the questionnaire's shape
 * are carried (consent, answers, questions about the participant, the screen and the language).
 */
export function renderRetry(frame: PageFrame, fields: Readonly<Record<string, string | string[]>>): string {
  const strings = stringsFor(frame.language);
  const carried = Object.entries(fields)
    .filter(
      ([field, value]) =>
        typeof value === 'string' &&
        value.length <= 100 &&
        /^(consent|lang|step|nav|[at]\.[\w-]{1,60}\.[\w-]{1,60}|g\.[\w-]{1,60})$/.test(field),
    )
    .slice(0, 200)
    .map(([field, value]) => hiddenInput(field, String(value)));
  const failed = html`<h1>${strings.pageTitle}</h1><div class="err" role="alert"><p>${strings.saveFailed}</p></div>`;
  const again = html`<p class="nav"><button type="submit">${strings.tryAgain}</button></p>`;
  return renderParticipantPage(
    frame,
    html`${failed}<form method="post" action="${frame.path}">${carried}${again}</form>`,
  );
}

/** A short page with one message: invalid link, closed wave, unreadable submission. */
export function renderMessage(frame: PageFrame, message: StringKey): string {
  const strings = stringsFor(frame.language);
  return renderParticipantPage(frame, html`<h1>${strings.pageTitle}</h1><p>${strings[message]}</p>`);
}

/** Where withdrawal is asked, in the page's language (the query's `&` written as markup). */
function withdrawHref(frame: PageFrame): Html {
  return html`${frame.path}?lang=${frame.language}&amp;withdraw=1`;
}

/** A field the form sends back as it is. */
function hiddenInput(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

/** A button of the questionnaire's form: `nav` says where it goes, `style` how it looks. */
function navButton(value: string, label: string, style?: 'secondary' | 'warn'): Html {
  return style === undefined
    ? html`<button type="submit" name="nav" value="${value}">${label}</button>`
    : html`<button type="submit" name="nav" value="${value}" class="${style}">${label}</button>`;
}

/** The note above a screen's questions: asking once before going on with nothing answered, or why it is back. */
function renderNote(strings: Strings, message: ScreenMessage): Html {
  if (message === 'confirm-empty') {
    // Asked once: Continue (or Enter) on the same screen now goes on too.
    const anyway = navButton('next-anyway', strings.continueAnyway, 'secondary');
    const asked = hiddenInput('asked', 'empty');
    return html`<div class="note" role="status">${asked}<p>${strings.confirmEmpty}</p><p>${anyway}</p></div>`;
  }
  const failed = message === 'save-failed';
  const text = strings[failed ? 'saveFailed' : 'nothingAnswered'];
  return html`<div class="${failed ? 'err' : 'note'}" role="${failed ? 'alert' : 'status'}"><p>${text}</p></div>`;
}

function fieldId(field: string): string {
  return `f-${field.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
