/**
 * Resolving a participant's link: normalise the typed code, look it up by its keyed hash, find
 * the definitions it points at, and check the wave is open today. Every refusal says no more
 * than the rules allow: the link leads nowhere, or its participant withdrew.
 */
import type { Clock, ParticipantStore } from '#ports/store.ts';
import { hashCode, normaliseCode } from '#shared/codes.ts';
import { ParticipantWithdrawnError, UnknownLinkError } from '#core/errors.ts';
import { resolveWave, waveStatus, type WaveContext } from '#core/waves.ts';
import type { LinkTarget } from '#core/model.ts';
import { loadOneCohort, type ProgrammeDeps } from './programmes.ts';

/** What a link gives access to, and whether its wave is open today. */
export interface OpenLink {
  readonly target: LinkTarget;
  /** The keyed hash of the code: the link's key. */
  readonly hash: string;
  /** Epoch seconds when the participant's items expire (absent on links made before expiry was kept). */
  readonly expiresAt?: number | undefined;
  readonly context: WaveContext;
  readonly status: 'open' | 'not-open' | 'closed';
}

export interface OpenLinkDeps extends ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly clock: Clock;
  readonly linkKey: () => Promise<Buffer>;
}

/**
 * Steps: normalise the code, find its link (an expired one is gone, even before DynamoDB's TTL
 * deletes it), find the definitions, check the wave's window. The status is returned rather
 * than thrown so the closed-wave page can speak the programme's language.
 * @throws UnknownLinkError, or ParticipantWithdrawnError when the participant erased their answers
 */
export async function openLink(deps: OpenLinkDeps, rawCode: string | undefined): Promise<OpenLink> {
  const code = rawCode === undefined ? undefined : normaliseCode(rawCode);
  if (code === undefined) throw new UnknownLinkError('malformed code');
  const hash = hashCode(code, await deps.linkKey());
  const found = await deps.participants.findLink(hash);
  if (found === undefined) throw new UnknownLinkError('unknown code');
  if (found.status === 'withdrawn') throw new ParticipantWithdrawnError(found.programme);
  const now = deps.clock.now();
  if (found.expiresAt !== undefined && found.expiresAt * 1000 <= now.getTime()) throw new UnknownLinkError('expired');
  const { target } = found;
  // The cohort is read on every request: a wave a coordinator closes is closed at once.
  const { definition, cohort } = await loadOneCohort(deps, target.programme, target.cohort);
  const context = resolveWave(definition, cohort, target.session, target.wave);
  if (context === undefined) throw new UnknownLinkError('definition removed');
  return {
    target,
    hash,
    expiresAt: found.expiresAt,
    context,
    status: waveStatus(context, now.toISOString().slice(0, 10)),
  };
}
