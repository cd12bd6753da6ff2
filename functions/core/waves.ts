/**
 * Waves: the pre, post or follow-up questionnaire of one session, and whether a cohort's wave is
 * open on a given day. Pure: the caller passes today's date.
 */
import { sessionWaves } from '#surveys/cohort-rules.ts';
import type { Cohort, ProgrammeDefinition, Session, Wave, Window } from '#surveys/schema.ts';
import type { WaveKind } from './model.ts';

export { sessionWaves };

/** The definition behind a link: programme, cohort, session and the wave's questions. */
export interface WaveContext {
  readonly programme: ProgrammeDefinition;
  readonly cohort: Cohort;
  readonly session: Session;
  readonly kind: WaveKind;
  readonly wave: Wave;
}

/** A session's wave of that kind; undefined for a follow-up the session does not have. */
export function waveOf(session: Session, kind: WaveKind): Wave | undefined {
  return session[kind];
}

/**
 * Looks up the definitions a link points at; undefined when a definition has since been removed
 * (a session, or a session's follow-up).
 */
export function resolveWave(
  programme: ProgrammeDefinition | undefined,
  cohort: Cohort | undefined,
  sessionId: string,
  kind: WaveKind,
): WaveContext | undefined {
  if (programme === undefined) return undefined;
  const session = programme.sessions.find((candidate) => candidate.id === sessionId);
  if (cohort === undefined || session === undefined) return undefined;
  const wave = waveOf(session, kind);
  return wave === undefined ? undefined : { programme, cohort, session, kind, wave };
}

/** The wave id used in cohort windows and exports: `session-id:pre`. */
export function waveId(sessionId: string, kind: WaveKind): string {
  return `${sessionId}:${kind}`;
}

/**
 * Open, not yet open, or closed on `today` (YYYY-MM-DD); both bounds are inclusive days. A closed
 * cohort, or a wave a coordinator closed early, is closed whatever its dates. A follow-up with no
 * window stored (a cohort made before its programme had one) keeps its default window after the
 * post window, not "open": it is months away, not due today; with no post closing day to count
 * from, it is not open yet.
 */
export function waveStatus(
  context: Pick<WaveContext, 'cohort' | 'session' | 'kind'>,
  today: string,
): 'open' | 'not-open' | 'closed' {
  const { cohort, session, kind } = context;
  const stored = cohort.windows[waveId(session.id, kind)];
  const window: Window | undefined =
    stored !== undefined || kind !== 'followup' || session.followup === undefined
      ? stored
      : (defaultFollowupWindow(cohort.windows[waveId(session.id, 'post')], session.followup.monthsAfter) ?? {
          opens: '9999-12-31',
        });
  if (cohort.status === 'closed' || window?.closed === true) return 'closed';
  if (window?.opens !== undefined && today < window.opens) return 'not-open';
  if (window?.closes !== undefined && today > window.closes) return 'closed';
  return 'open';
}

/** How many days a follow-up's default window stays open: four weeks, time to remind everyone once or twice. */
export const FOLLOWUP_WINDOW_DAYS = 28;

/**
 * The window a follow-up gets when a coordinator gives none: opening `monthsAfter` calendar months
 * after the day its post window closes (the 31st becomes the month's last day), open
 * {@link FOLLOWUP_WINDOW_DAYS} days. Undefined when the post window has no closing day to count from.
 */
export function defaultFollowupWindow(
  post: Window | undefined,
  monthsAfter: number,
): { readonly opens: string; readonly closes: string } | undefined {
  if (post?.closes === undefined) return undefined;
  const [year = 0, month = 1, day = 1] = post.closes.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + monthsAfter + 1, 0)).getUTCDate();
  const opens = new Date(Date.UTC(year, month - 1 + monthsAfter, Math.min(day, lastDay)));
  const closes = new Date(opens.getTime() + (FOLLOWUP_WINDOW_DAYS - 1) * 86_400_000);
  return { opens: opens.toISOString().slice(0, 10), closes: closes.toISOString().slice(0, 10) };
}
