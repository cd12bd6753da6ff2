/**
 * Whether a link's wave takes answers on a day: its window's dates (both inclusive), and a
 * coordinator's decisions that override them (a wave closed early, a closed cohort).
 */
import { describe, expect, it } from 'vitest';
import type { Cohort } from '#surveys/schema.ts';
import {
  FOLLOWUP_WINDOW_DAYS,
  defaultFollowupWindow,
  resolveWave,
  sessionWaves,
  waveId,
  waveStatus,
  type WaveContext,
} from '#core/waves.ts';
import { cohortOf, shippedProgramme } from '../support/programmes.ts';

const justrom3 = shippedProgramme('justrom3-mentoring');
const iasi = cohortOf(justrom3, 'iasi-2020');
const MEETING = 'individual-meeting-1';

/** The first meeting's wave in Iași with these windows and status. */
function context(
  windows: Cohort['windows'],
  wave: 'pre' | 'post' = 'pre',
  status: Cohort['status'] = 'open',
): WaveContext {
  const found = resolveWave(justrom3, { ...iasi, windows, status }, MEETING, wave);
  if (found === undefined) throw new Error('no wave');
  return found;
}

const PRE = waveId(MEETING, 'pre');
const POST = waveId(MEETING, 'post');
const WINDOW = { opens: '2027-03-01', closes: '2027-03-31' };

describe('waveStatus', () => {
  it('is open from the opening day to the closing day, both included', () => {
    const wave = context({ [PRE]: WINDOW });
    expect(waveStatus(wave, '2027-02-28')).toBe('not-open');
    expect(waveStatus(wave, '2027-03-01')).toBe('open');
    expect(waveStatus(wave, '2027-03-31')).toBe('open');
    expect(waveStatus(wave, '2027-04-01')).toBe('closed');
  });

  it('is open when the wave has no window or an open-ended one', () => {
    expect(waveStatus(context({}), '2027-03-15')).toBe('open');
    expect(waveStatus(context({ [PRE]: { opens: '2027-03-01' } }), '2099-01-01')).toBe('open');
    expect(waveStatus(context({ [PRE]: { closes: '2027-03-31' } }), '2000-01-01')).toBe('open');
  });

  it('is closed, whatever its dates, when a coordinator closed the wave; its other waves stay as they are', () => {
    const windows = { [PRE]: { ...WINDOW, closed: true }, [POST]: WINDOW };
    expect(waveStatus(context(windows, 'pre'), '2027-03-15')).toBe('closed');
    // Closed early even before it would have opened: "not open yet" would invite people to come back.
    expect(waveStatus(context(windows, 'pre'), '2027-02-01')).toBe('closed');
    expect(waveStatus(context(windows, 'post'), '2027-03-15')).toBe('open');
    expect(waveStatus(context({ [PRE]: { closed: true } }), '2027-03-15')).toBe('closed');
  });

  it('is closed for every wave of a closed cohort, whatever their dates', () => {
    const windows = { [PRE]: WINDOW, [POST]: WINDOW };
    for (const wave of ['pre', 'post'] as const) {
      expect(waveStatus(context(windows, wave, 'closed'), '2027-03-15')).toBe('closed');
      expect(waveStatus(context(windows, wave, 'closed'), '2027-02-01')).toBe('closed');
      expect(waveStatus(context({}, wave, 'closed'), '2027-03-15')).toBe('closed');
    }
    // Reopened, its dates apply again.
    expect(waveStatus(context(windows, 'pre', 'open'), '2027-03-15')).toBe('open');
  });
});

describe('follow-up waves', () => {
  const dones = shippedProgramme('dones-mentores');
  const barcelona = cohortOf(dones, 'barcelona-2026');
  const CYCLE = 'mentoring-cycle';

  it('resolve to the session follow-up, and to nothing where a session has none (its link leads nowhere)', () => {
    const followup = resolveWave(dones, barcelona, CYCLE, 'followup');
    expect(followup?.kind).toBe('followup');
    expect(followup?.wave.instruments).toContain('ucla-loneliness-3');
    expect(resolveWave(justrom3, iasi, MEETING, 'followup')).toBeUndefined();
    expect(sessionWaves(dones.sessions[0] ?? { followup: undefined })).toEqual(['pre', 'post', 'followup']);
    expect(sessionWaves(justrom3.sessions[0] ?? { followup: undefined })).toEqual(['pre', 'post']);
  });

  it('open and close by their own window, `session:followup`', () => {
    const windows = { [waveId(CYCLE, 'followup')]: { opens: '2027-12-01', closes: '2027-12-28' } };
    const followup = resolveWave(dones, { ...barcelona, windows }, CYCLE, 'followup');
    if (followup === undefined) throw new Error('no follow-up');
    expect(['2027-11-30', '2027-12-01', '2027-12-28', '2027-12-29'].map((day) => waveStatus(followup, day))).toEqual([
      'not-open',
      'open',
      'open',
      'closed',
    ]);
  });

  it('stored without a window (a cohort older than its follow-up) keep the default window, not open today', () => {
    const post = { opens: '2027-01-01', closes: '2027-01-31' };
    const older = resolveWave(dones, { ...barcelona, windows: { [waveId(CYCLE, 'post')]: post } }, CYCLE, 'followup');
    if (older === undefined) throw new Error('no follow-up');
    // Six months after 31 January: 31 July, for 28 days.
    expect(
      ['2027-02-01', '2027-07-30', '2027-07-31', '2027-08-27', '2027-08-28'].map((day) => waveStatus(older, day)),
    ).toEqual(['not-open', 'not-open', 'open', 'open', 'closed']);
    // No post closing day to count from: not open, rather than open at once.
    const undated = resolveWave(dones, { ...barcelona, windows: {} }, CYCLE, 'followup');
    if (undated === undefined) throw new Error('no follow-up');
    expect(waveStatus(undated, '2027-03-15')).toBe('not-open');
  });

  it('open by default monthsAfter calendar months after the post window closes, for four weeks', () => {
    expect(FOLLOWUP_WINDOW_DAYS).toBe(28);
    expect(defaultFollowupWindow({ opens: '2027-01-10', closes: '2027-06-30' }, 6)).toEqual({
      opens: '2027-12-30',
      closes: '2028-01-26',
    });
    // The 31st of a month becomes the last day of a shorter one, leap years included.
    expect(defaultFollowupWindow({ closes: '2027-08-31' }, 6)?.opens).toBe('2028-02-29');
    expect(defaultFollowupWindow({ closes: '2026-08-31' }, 6)?.opens).toBe('2027-02-28');
    expect(defaultFollowupWindow({ closes: '2027-01-31' }, 1)).toEqual({ opens: '2027-02-28', closes: '2027-03-27' });
    expect(defaultFollowupWindow({ closes: '2027-03-15' }, 24)?.opens).toBe('2029-03-15');
    // No post closing day: nothing to count from.
    expect(defaultFollowupWindow({ opens: '2027-01-10' }, 6)).toBeUndefined();
    expect(defaultFollowupWindow(undefined, 6)).toBeUndefined();
  });
});
