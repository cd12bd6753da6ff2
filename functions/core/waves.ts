/**
 * Waves: the pre or post questionnaire of one session, and whether a cohort's wave is open on a
 * given day. Pure: the caller passes today's date.
 */
import type { Cohort, ProgrammeDefinition, Session, Wave } from '#surveys/schema.ts';
import type { WaveKind } from './model.ts';

/** The definition behind a link: programme, cohort, session and the wave's questions. */
export interface WaveContext {
  readonly programme: ProgrammeDefinition;
  readonly cohort: Cohort;
  readonly session: Session;
  readonly kind: WaveKind;
  readonly wave: Wave;
}

/** Looks up the definitions a link points at; undefined when a definition has since been removed. */
export function resolveWave(
  programme: ProgrammeDefinition | undefined,
  cohort: Cohort | undefined,
  sessionId: string,
  kind: WaveKind,
): WaveContext | undefined {
  if (programme === undefined) return undefined;
  const session = programme.sessions.find((candidate) => candidate.id === sessionId);
  if (cohort === undefined || session === undefined) return undefined;
  return { programme, cohort, session, kind, wave: session[kind] };
}

/** The wave id used in cohort windows and exports: `session-id:pre`. */
export function waveId(sessionId: string, kind: WaveKind): string {
  return `${sessionId}:${kind}`;
}

/**
 * Open, not yet open, or closed on `today` (YYYY-MM-DD); both bounds are inclusive days. A closed
 * cohort, or a wave a coordinator closed early, is closed whatever its dates.
 */
export function waveStatus(context: WaveContext, today: string): 'open' | 'not-open' | 'closed' {
  const window = context.cohort.windows[waveId(context.session.id, context.kind)];
  if (context.cohort.status === 'closed' || window?.closed === true) return 'closed';
  if (window?.opens !== undefined && today < window.opens) return 'not-open';
  if (window?.closes !== undefined && today > window.closes) return 'closed';
  return 'open';
}
