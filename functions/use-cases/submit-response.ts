/**
 * The questionnaire behind a link, screen by screen. Every posted screen is saved as a draft on
 * the server (once consent is given) and answered with a redirect, so Back, reload, switching
 * language and coming back after a lost connection all find the same screen with the same
 * answers, and nothing is ever posted twice by the browser. The last screen stores the response
 * with a conditional write that replaces the draft: a repeat of the same answers (a double tap,
 * a retry on weak data) returns the receipt already given and writes nothing; different answers
 * for an answered wave are refused, never merged; a withdrawal's marker refuses everything.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { LANGUAGES, type Language } from '#surveys/schema.ts';
import type { Clock, ResponseStore, SaveDraftResult } from '#ports/store.ts';
import {
  CONSENT_FIELD,
  hasScoredAnswer,
  knownAnswers,
  sameAnswers,
  validateAnswers,
  type FieldError,
  type ValidAnswers,
} from '#core/answers.ts';
import { generateReceipt } from '#shared/codes.ts';
import { stepErrors, surveySteps } from '#core/steps.ts';
import type { OpenLink } from './open-link.ts';
import type { ScreenNotice, SurveyDraft } from '#core/model.ts';

export interface SubmitDeps {
  readonly responses: ResponseStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
}

/** How long a questionnaire in progress is kept: days, not the programme's retention. */
export const DRAFT_DAYS = 3;

/** What the link shows now. */
export type SurveyView =
  | {
      readonly kind: 'screen';
      readonly index: number;
      readonly fields: Readonly<Record<string, string>>;
      readonly language?: Language | undefined;
      readonly notice?: ScreenNotice | undefined;
    }
  | { readonly kind: 'thanks'; readonly receipt: string }
  | { readonly kind: 'withdrawn' };

/** Steps: read the wave's item; a response shows its receipt, a live draft its screen, else the first screen. */
export async function currentView(deps: SubmitDeps, link: OpenLink): Promise<SurveyView> {
  const record = await deps.responses.getWaveRecord(link.target);
  if (record.kind === 'response') return { kind: 'thanks', receipt: record.response.receipt };
  if (record.kind === 'withdrawn') return { kind: 'withdrawn' };
  // An expired draft may linger until DynamoDB's TTL deletes it: it is gone all the same.
  if (record.kind === 'none' || record.draft.expiresAt * 1000 <= deps.clock.now().getTime())
    return { kind: 'screen', index: 0, fields: {} };
  const { draft } = record;
  const last = surveySteps(link.context, deps.catalog).length - 1;
  const fields = knownAnswers(link.context, deps.catalog, draft.fields);
  return {
    kind: 'screen',
    // A draft without consent to the current text (the text changed since) starts at consent.
    index: fields[CONSENT_FIELD] === undefined ? 0 : Math.min(Math.max(0, draft.step), last),
    fields,
    language: (LANGUAGES as readonly string[]).includes(draft.language) ? (draft.language as Language) : undefined,
    notice: draft.notice,
  };
}

/** Where a posted screen leads. */
export type AdvanceOutcome =
  /** Saved (or nothing to save yet): show the link again, in `language`. */
  | { readonly kind: 'saved'; readonly language: Language }
  /** The first screen was sent without consent: nothing may be kept; show it again with the problem. */
  | { readonly kind: 'consent-required' }
  /** Answers that no form of ours sends (unknown fields, values out of range): the screen again with each problem. */
  | {
      readonly kind: 'invalid';
      readonly index: number;
      readonly errors: FieldError[];
      readonly fields: Record<string, string>;
    }
  | { readonly kind: 'stored' | 'repeated'; readonly receipt: string }
  /** Answered already (in another window, say), with these or other answers. */
  | { readonly kind: 'answered' }
  /** The participant withdrew. */
  | { readonly kind: 'withdrawn' };

/**
 * Steps: find the screen posted (a form without `step` is a whole questionnaire at once) and
 * keep only the answers the wave has. A language switch or Back saves and moves. Continue
 * checks the screen's answers, asks once before leaving a screen with nothing answered, saves
 * and moves on; on the last screen, a questionnaire with no answer at all is not sent (the
 * wave stays open), anything else is stored.
 */
export async function advanceSurvey(
  deps: SubmitDeps,
  link: OpenLink,
  fields: Readonly<Record<string, string | string[]>>,
  language: Language,
): Promise<AdvanceOutcome> {
  const steps = surveySteps(link.context, deps.catalog);
  const last = steps.length - 1;
  const single = (value: string | string[] | undefined): string | undefined =>
    Array.isArray(value) ? value[0] : value;
  const posted = single(fields.step);
  const whole = posted === undefined;
  const requested = whole ? last : Number(posted);
  const index = Number.isInteger(requested) && requested >= 0 && requested <= last ? requested : last;
  const nav = single(fields.nav) ?? 'next';
  const kept = knownAnswers(link.context, deps.catalog, fields);
  const consented = kept[CONSENT_FIELD] !== undefined;
  const save = async (step: number, draftLanguage: Language, notice?: ScreenNotice): Promise<AdvanceOutcome> => {
    // Nothing is kept without consent: there is nothing to keep, and no permission to. On the
    // consent screen, consent taken back (unticked) deletes what was kept.
    if (!consented) {
      if (index !== 0) return { kind: 'consent-required' };
      await deps.responses.deleteDraft(link.target);
      return { kind: 'saved', language: draftLanguage };
    }
    const expiresAt = Math.floor(deps.clock.now().getTime() / 1000) + DRAFT_DAYS * 86_400;
    const draft: SurveyDraft = {
      step,
      fields: kept,
      language: draftLanguage,
      expiresAt,
      ...(notice === undefined ? {} : { notice }),
    };
    return fromDraftResult(await deps.responses.saveDraft(link.target, draft), draftLanguage);
  };

  if (nav.startsWith('lang:')) {
    const chosen = nav.slice(5);
    const next = link.context.programme.languages.includes(chosen as Language) ? (chosen as Language) : language;
    return save(index, next);
  }
  if (nav === 'back') return save(Math.max(0, index - 1), language);

  const result = validateAnswers(link.context, deps.catalog, fields);
  const errors = result.ok ? [] : stepErrors(steps, index, result.errors);
  if (errors.length > 0) {
    if (errors.every((error) => error.problem === 'consent-required')) {
      await deps.responses.deleteDraft(link.target);
      return { kind: 'consent-required' };
    }
    return { kind: 'invalid', index, errors, fields: kept };
  }
  const screen = steps[index];
  const answeredHere = screen?.fields.some((field) => kept[field] !== undefined);
  // Asked once: after the question (`asked=empty` rides in the form), Continue goes on.
  const asked = single(fields.asked) === 'empty';
  if (!whole && nav !== 'next-anyway' && !asked && screen?.kind !== 'consent' && !answeredHere)
    return save(index, language, 'confirm-empty');
  if (index < last) return save(index + 1, language);
  if (!result.ok) {
    // Only reachable by a crafted post: the first screen with a problem.
    const first = Math.max(
      0,
      steps.findIndex((_, at) => stepErrors(steps, at, result.errors).length > 0),
    );
    const firstErrors = stepErrors(steps, first, result.errors);
    if (firstErrors.every((error) => error.problem === 'consent-required')) return { kind: 'consent-required' };
    return { kind: 'invalid', index: first, errors: firstErrors, fields: kept };
  }
  // Not one question answered: nothing to send, and the wave stays open for a real answer.
  if (!hasScoredAnswer(kept)) return save(last, language, 'nothing-answered');
  return submitResponse(deps, link, result.value, language);
}

/** Steps: derive the receipt, conditional put over any draft, compare with an existing answer. */
async function submitResponse(
  deps: SubmitDeps,
  link: OpenLink,
  answers: ValidAnswers,
  language: Language,
): Promise<AdvanceOutcome> {
  const { target, context } = link;
  const receipt = generateReceipt();
  const now = deps.clock.now();
  const outcome = await deps.responses.putResponse({
    ...target,
    // Answers, a then-test's answers and subgroups: the then-test in the same item as the post
    // answers, stored, erased and expiring with them.
    ...answers,
    language,
    consentVersion: context.programme.consent.version,
    receipt,
    receivedAt: now.toISOString(),
    // A participant's items expire together, with their links: the answer never outlives the
    // link that gave it, nor the participant item an erasure starts from.
    expiresAt: link.expiresAt ?? Math.floor(now.getTime() / 1000) + context.programme.retentionDays * 86_400,
  });
  if (outcome.stored) return { kind: 'stored', receipt };
  if (outcome.existing === 'withdrawn') return { kind: 'withdrawn' };
  if (sameAnswers(outcome.existing, answers)) return { kind: 'repeated', receipt: outcome.existing.receipt };
  return { kind: 'answered' };
}

function fromDraftResult(result: SaveDraftResult, language: Language): AdvanceOutcome {
  if (result === 'saved') return { kind: 'saved', language };
  return { kind: result };
}
