/**
 * Resolving a participant's link: normalise the typed code, look it up by its keyed hash, find
 * the definitions it points at, and check the wave is open today. Every refusal says no more
 * than the rules allow: the link leads nowhere, or its participant withdrew.
 *
 * A page of the questionnaire carries a link token (`shared/link-token.ts`): the link as
 * resolved, sealed. Posting a screen with it skips the link read, and reads the cohort's windows
 * through a cache of at most a minute ({@link COHORT_CACHE_MS}), so the last screen's POST sends
 * one write and nothing else. Erasure still wins every race: every write a posted screen makes is
 * conditional on the wave's item being absent or a draft, an erasure turns that item into a
 * marker before anything else of the participant goes, and a token never outlives those markers
 * (`LINK_TOKEN_SECONDS`, held where a token is opened).
 */
import type { Clock, ParticipantStore } from '#ports/store.ts';
import type { CohortStore } from '#ports/cohorts.ts';
import { hashCode, normaliseCode } from '#shared/codes.ts';
import { LINK_TOKEN_SECONDS, openLinkToken, sealLinkToken } from '#shared/link-token.ts';
import { ParticipantWithdrawnError, UnknownLinkError } from '#core/errors.ts';
import { resolveWave, waveStatus, type WaveContext } from '#core/waves.ts';
import type { Cohort, LinkTarget } from '#core/model.ts';
import { loadOneCohort, type ProgrammeDeps } from './programmes.ts';

/**
 * How long a function instance may answer a posted screen with a cohort it read earlier: a wave
 * a coordinator closes refuses new visits at once (every GET reads the cohort) and forms already
 * open within a minute (issue 11 allows a minute).
 */
export const COHORT_CACHE_MS = 60_000;

/** The most cohorts one instance keeps: far more than one function instance serves in a minute. */
const COHORT_CACHE_ENTRIES = 1000;

/** What a link gives access to, and whether its wave is open today. */
export interface OpenLink {
  readonly target: LinkTarget;
  /** The keyed hash of the code: the link's key. */
  readonly hash: string;
  /** Epoch seconds when the participant's items expire (absent on links made before expiry was kept). */
  readonly expiresAt?: number | undefined;
  readonly context: WaveContext;
  readonly status: 'open' | 'not-open' | 'closed';
  /** The link token this link's pages carry: made fresh on a visit, the one posted on a post that had one. */
  readonly token: string;
}

export interface OpenLinkDeps extends ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly clock: Clock;
  readonly linkKey: () => Promise<Buffer>;
}

/** A cohort as read at most {@link COHORT_CACHE_MS} ago in this function instance. */
export type RecentCohort = (programme: string, cohort: string) => Promise<Cohort | undefined>;

/**
 * Steps: normalise the code, find its link (an expired one is gone, even before DynamoDB's TTL
 * deletes it), find the definitions, check the wave's window. The status is returned rather
 * than thrown so the closed-wave page can speak the programme's language.
 * @throws UnknownLinkError, or ParticipantWithdrawnError when the participant erased their answers
 */
export async function openLink(deps: OpenLinkDeps, rawCode: string | undefined): Promise<OpenLink> {
  const code = rawCode === undefined ? undefined : normaliseCode(rawCode);
  if (code === undefined) throw new UnknownLinkError('malformed code');
  const key = await deps.linkKey();
  const hash = hashCode(code, key);
  const found = await deps.participants.findLink(hash);
  if (found === undefined) throw new UnknownLinkError('unknown code');
  if (found.status === 'withdrawn') throw new ParticipantWithdrawnError(found.programme);
  const now = deps.clock.now();
  if (found.expiresAt !== undefined && found.expiresAt * 1000 <= now.getTime()) throw new UnknownLinkError('expired');
  const { target } = found;
  // The cohort is read on every visit: a wave a coordinator closes is closed at once.
  const { definition, cohort } = await loadOneCohort(deps, target.programme, target.cohort);
  const context = resolveWave(definition, cohort, target.session, target.wave);
  if (context === undefined) throw new UnknownLinkError('definition removed');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    target,
    hash,
    expiresAt: found.expiresAt,
    context,
    status: waveStatus(context, now.toISOString().slice(0, 10)),
    token: sealLinkToken(key, code, {
      target,
      linkExpiresAt: found.expiresAt,
      issuedAt,
      expiresAt: issuedAt + LINK_TOKEN_SECONDS,
    }),
  };
}

/**
 * Steps: open the token posted with a screen; find the definitions and the cohort (read at most
 * a minute ago), check the wave's window. Undefined when the token does not hold (altered,
 * another link's, expired) or its wave no longer resolves: the caller then opens the link as a
 * new visit does, which refuses what must be refused.
 */
export async function openLinkByToken(
  deps: OpenLinkDeps & { readonly recentCohort: RecentCohort },
  rawCode: string | undefined,
  token: string,
): Promise<OpenLink | undefined> {
  const code = rawCode === undefined ? undefined : normaliseCode(rawCode);
  if (code === undefined) return undefined;
  const key = await deps.linkKey();
  const now = deps.clock.now();
  const claims = openLinkToken(key, code, token, now);
  if (claims === undefined) return undefined;
  const { target } = claims;
  const definition = deps.catalog.programmes.get(target.programme);
  const cohort = definition === undefined ? undefined : await deps.recentCohort(target.programme, target.cohort);
  const context = resolveWave(definition, cohort, target.session, target.wave);
  if (context === undefined) return undefined;
  // The token posted serves the page should this screen come back (a problem, a failure): it
  // holds until its own expiry, and every visit makes a fresh one.
  return {
    target,
    // Only a withdrawal needs the hash, and a withdrawal always looks its link up: worked out if asked.
    get hash(): string {
      return hashCode(code, key);
    },
    expiresAt: claims.linkExpiresAt,
    context,
    status: waveStatus(context, now.toISOString().slice(0, 10)),
    token,
  };
}

/**
 * Reads cohorts through a cache of this function instance: each cohort at most once a minute
 * (by the clock given), failures not kept, the oldest dropped past {@link COHORT_CACHE_ENTRIES}.
 */
export function recentCohorts(cohorts: CohortStore, clock: Clock, maxAgeMs = COHORT_CACHE_MS): RecentCohort {
  const cache = new Map<string, { readonly at: number; readonly cohort: Promise<Cohort | undefined> }>();
  return (programme, cohortId) => {
    const key = `${programme}#${cohortId}`;
    const now = clock.now().getTime();
    const cached = cache.get(key);
    if (cached !== undefined && now - cached.at < maxAgeMs && now >= cached.at) return cached.cohort;
    cache.delete(key);
    const cohort = cohorts.getCohort(programme, cohortId).then((stored) => stored?.cohort);
    cache.set(key, { at: now, cohort });
    // A failed read is not kept: the next request reads again.
    cohort.catch(() => {
      if (cache.get(key)?.cohort === cohort) cache.delete(key);
    });
    if (cache.size > COHORT_CACHE_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return cohort;
  };
}
