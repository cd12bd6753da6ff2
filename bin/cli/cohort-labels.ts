/**
 * Programmes, waves and their windows as the coordinator commands (`programmes`, `cohorts`,
 * `pending`) print them: the English names of the definitions, which people recognise, beside the
 * ids the options take (`mentoring-cycle:pre` is "Mentoring cycle · At the start").
 */
import type { Cohort, LocalizedText, Session, Window } from '#surveys/schema.ts';
import type { WaveKind } from '#core/model.ts';
import { waveId, waveStatus } from '#core/waves.ts';
import { waveName } from '#web/strings.ts';

/** A definition's text in English, the command line's language, else in any language it has, else the id. */
export function englishText(text: LocalizedText, fallback: string): string {
  return text.en ?? text.es ?? text.ca ?? text.ro ?? fallback;
}

/** "Mentoring cycle · At the start": the session's name and the wave's word for its kind of session. */
export function waveLabel(session: Session, wave: WaveKind): string {
  const name = waveName('en', session.kind, wave, session.followup?.monthsAfter);
  return `${englishText(session.name, session.id)} · ${name}`;
}

/** A window as `--window` takes it (`2027-01-10..2027-02-10`), and "closed early" when a coordinator closed it. */
export function windowLabel(window: Window | undefined): string {
  const dates = `${window?.opens ?? 'any day'}..${window?.closes ?? 'any day'}`;
  return window?.closed === true ? `${dates} closed early` : dates;
}

/**
 * Whether a wave takes answers on `today` (YYYY-MM-DD), in words that say until or from when:
 * what a coordinator weighs before reminding anyone.
 */
export function waveState(cohort: Cohort, session: Session, wave: WaveKind, today: string): string {
  const window = cohort.windows[waveId(session.id, wave)];
  if (cohort.status === 'closed') return 'cohort closed';
  if (window?.closed === true) return 'closed early';
  switch (waveStatus({ cohort, session, kind: wave }, today)) {
    case 'not-open':
      return `opens ${window?.opens ?? ''}`;
    case 'closed':
      return `ended ${window?.closes ?? ''}`;
    case 'open':
      return window?.closes === undefined ? 'open' : `open until ${window.closes}`;
  }
}
