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
