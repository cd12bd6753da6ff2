/**
 * Accepting a participant's answers: validate them against the wave, then store one item with a
 * conditional write. A repeat of the same answers (a double tap, a retry on weak data) returns
 * the receipt already given and writes nothing; different answers for an answered wave are
 * refused, never merged.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, ResponseStore } from '#ports/store.ts';
import { sameAnswers, validateAnswers, type FieldError } from '#core/answers.ts';
import { generateReceipt } from '#shared/codes.ts';
import { stepErrors, surveySteps } from '#core/steps.ts';
import { AlreadyAnsweredError } from '#shared/errors.ts';
import type { OpenLink } from './open-link.ts';

export interface SubmitDeps {
  readonly responses: ResponseStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
}

export type SubmitOutcome = { readonly kind: 'stored' | 'repeated'; readonly receipt: string } | { readonly kind: 'invalid'; readonly errors: FieldError[] };

/** Steps: validate, derive the receipt, conditional put, compare with any existing answer. */
export async function submitResponse(deps: SubmitDeps, link: OpenLink, fields: Readonly<Record<string, string | string[]>>, language: string): Promise<SubmitOutcome> {
  const { target, context } = link;
  const result = validateAnswers(context, deps.catalog, fields);
  if (!result.ok) return { kind: 'invalid', errors: result.errors };
  const receipt = generateReceipt();
  const now = deps.clock.now();
  const outcome = await deps.responses.putResponse({
    ...target,
    answers: result.value.answers,
    groups: result.value.groups,
    language,
    consentVersion: context.programme.consent.version,
    receipt,
    receivedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + context.programme.retentionDays * 86_400,
  });
  if (outcome.stored) return { kind: 'stored', receipt };
  if (sameAnswers(outcome.existing, result.value)) return { kind: 'repeated', receipt: outcome.existing.receipt };
  throw new AlreadyAnsweredError('wave already answered');
}

/** Where a posted screen leads: another screen to show (with its problems), or the stored response. */
export type AdvanceOutcome = { readonly kind: 'step'; readonly index: number; readonly errors: FieldError[] } | { readonly kind: 'stored' | 'repeated'; readonly receipt: string };

/**
 * Steps: find the screen posted (a form without `step` is a whole questionnaire at once); on
 * Back, the previous screen; otherwise validate everything carried so far and show this
 * screen's problems, or the next screen; on the last screen, store the response.
 */
export async function advanceSurvey(deps: SubmitDeps, link: OpenLink, fields: Readonly<Record<string, string | string[]>>, language: string): Promise<AdvanceOutcome> {
  const steps = surveySteps(link.context, deps.catalog);
  const last = steps.length - 1;
  const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
  const posted = single(fields.step);
  const requested = posted === undefined ? last : Number(posted);
  const index = Number.isInteger(requested) && requested >= 0 && requested <= last ? requested : last;
  if (single(fields.nav) === 'back') return { kind: 'step', index: Math.max(0, index - 1), errors: [] };
  const result = validateAnswers(link.context, deps.catalog, fields);
  const errors = result.ok ? [] : stepErrors(steps, index, result.errors);
  if (errors.length > 0) return { kind: 'step', index, errors };
  if (index < last) return { kind: 'step', index: index + 1, errors: [] };
  if (!result.ok) {
    // Only reachable by a crafted post: send the participant to the first screen with a problem.
    const first = steps.findIndex((_, at) => stepErrors(steps, at, result.errors).length > 0);
    return { kind: 'step', index: Math.max(0, first), errors: stepErrors(steps, Math.max(0, first), result.errors) };
  }
  const outcome = await submitResponse(deps, link, fields, language);
  if (outcome.kind === 'invalid') return { kind: 'step', index, errors: outcome.errors };
  return outcome;
}
