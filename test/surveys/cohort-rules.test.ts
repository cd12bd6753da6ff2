/**
 * The rules a cohort obeys in its programme, wherever it is made (a seed file, the console,
 * `prepost cohorts add`): each problem is named by the field a coordinator corrects, so the
 * console can put the message beside that field and the command line can name the option.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { cohortProblems, waveIdsOf, type CohortProblem } from '#surveys/cohort-rules.ts';
import type { Cohort, ProgrammeDefinition, Window } from '#surveys/schema.ts';

const catalog = shippedCatalog();

function definition(id: string): ProgrammeDefinition {
  const found = catalog.programmes.get(id);
  if (found === undefined) throw new Error(`no programme ${id}`);
  return found;
}

/** Dones Mentores: one session, a months-long mentoring cycle; no cohort subgroup. */
const dones = definition('dones-mentores');
/** JUSTROM3: three sessions, and `site` set per cohort (iasi, bucharest). */
const justrom3 = definition('justrom3-mentoring');

const OPEN: Window = { opens: '2027-01-10', closes: '2027-06-30' };

/** Every wave of the programme open over the same days: a valid start a test changes one thing in. */
function everyWave(programme: ProgrammeDefinition, window: Window = OPEN): Record<string, Window> {
  return Object.fromEntries(waveIdsOf(programme).map((wave) => [wave, { ...window }]));
}

function problems(
  programme: ProgrammeDefinition,
  cohort: Partial<Pick<Cohort, 'attributes' | 'windows'>>,
  windowsRequired = true,
): CohortProblem[] {
  return cohortProblems(
    programme,
    { attributes: cohort.attributes ?? {}, windows: cohort.windows ?? everyWave(programme) },
    { windowsRequired },
  );
}

const fields = (found: readonly CohortProblem[]): string[] => found.map((problem) => problem.field);

describe('waveIdsOf', () => {
  it("lists each session's pre, post and follow-up (where it has one), in the programme's order", () => {
    expect(waveIdsOf(dones)).toEqual(['mentoring-cycle:pre', 'mentoring-cycle:post', 'mentoring-cycle:followup']);
    expect(waveIdsOf(justrom3)).toEqual([
      'individual-meeting-1:pre',
      'individual-meeting-1:post',
      'group-session-1:pre',
      'group-session-1:post',
      'individual-meeting-2:pre',
      'individual-meeting-2:post',
    ]);
  });
});

describe('cohortProblems', () => {
  it('finds none in a cohort with every wave open and valid attributes', () => {
    expect(problems(dones, {})).toEqual([]);
    expect(problems(justrom3, { attributes: { site: 'iasi' } })).toEqual([]);
  });

  it('names a wave that closes before it opens, at its closing date', () => {
    const windows = { ...everyWave(dones), 'mentoring-cycle:pre': { opens: '2027-03-01', closes: '2027-02-28' } };
    const found = problems(dones, { windows });
    expect(fields(found)).toContain('windows.mentoring-cycle:pre.closes');
    const problem = found.find((candidate) => candidate.field === 'windows.mentoring-cycle:pre.closes');
    expect(problem?.message).toContain('2027-02-28');
    expect(problem?.message).toContain('2027-03-01');
  });

  it('accepts a wave that opens and closes on the same day', () => {
    const day = { opens: '2027-03-01', closes: '2027-03-01' };
    const windows = { 'mentoring-cycle:pre': day, 'mentoring-cycle:post': day, 'mentoring-cycle:followup': day };
    expect(problems(dones, { windows })).toEqual([]);
  });

  it('names each missing opening or closing date when windows are required (a cohort made at run time)', () => {
    const windows = {
      'mentoring-cycle:pre': { opens: '2027-01-10' },
      'mentoring-cycle:post': { closes: '2027-06-30' },
      'mentoring-cycle:followup': { opens: '2027-12-30' },
    };
    expect(fields(problems(dones, { windows }))).toEqual([
      'windows.mentoring-cycle:pre.closes',
      'windows.mentoring-cycle:post.opens',
      'windows.mentoring-cycle:followup.closes',
    ]);
  });

  it('names both dates of a wave with no window at all when windows are required', () => {
    const { 'group-session-1:post': _left, ...windows } = everyWave(justrom3);
    const found = problems(justrom3, { windows, attributes: { site: 'bucharest' } });
    expect(fields(found)).toEqual(['windows.group-session-1:post.opens', 'windows.group-session-1:post.closes']);
    expect(found[0]?.message).toContain('group-session-1:post');
  });

  it('accepts open-ended and missing windows when they are not required (the seed files)', () => {
    expect(problems(dones, { windows: {} }, false)).toEqual([]);
    expect(problems(dones, { windows: { 'mentoring-cycle:pre': { opens: '2027-01-10' } } }, false)).toEqual([]);
  });

  it('names a window for a wave the programme does not have, required or not', () => {
    for (const required of [true, false]) {
      const windows = { ...everyWave(dones), 'no-such-session:pre': OPEN };
      const found = problems(dones, { windows }, required);
      expect(fields(found)).toEqual(['windows.no-such-session:pre']);
      expect(found[0]?.message).toContain('no-such-session:pre');
    }
    // A real session of another programme is no wave of this one.
    expect(fields(problems(dones, { windows: { ...everyWave(dones), 'group-session-1:post': OPEN } }))).toEqual([
      'windows.group-session-1:post',
    ]);
  });

  it('names a post wave that opens before its pre wave opens, at the post opening date', () => {
    const windows = {
      'mentoring-cycle:pre': { opens: '2027-01-10', closes: '2027-06-30' },
      'mentoring-cycle:post': { opens: '2027-01-09', closes: '2027-06-30' },
      'mentoring-cycle:followup': { opens: '2027-12-30', closes: '2028-01-26' },
    };
    const found = problems(dones, { windows });
    expect(fields(found)).toEqual(['windows.mentoring-cycle:post.opens']);
    expect(found[0]?.message).toContain('mentoring-cycle:pre');
  });

  it('names a post wave that closes before its pre wave closes, at the post closing date', () => {
    const windows = {
      ...everyWave(justrom3),
      'group-session-1:pre': { opens: '2027-02-01', closes: '2027-02-20' },
      'group-session-1:post': { opens: '2027-02-01', closes: '2027-02-19' },
    };
    const found = problems(justrom3, { windows, attributes: { site: 'iasi' } });
    expect(fields(found)).toEqual(['windows.group-session-1:post.closes']);
    expect(found[0]?.message).toContain('2027-02-19');
    expect(found[0]?.message).toContain('2027-02-20');
  });

  it('accepts pre and post on the same day (a one-day training asks both)', () => {
    const day = { opens: '2027-02-01', closes: '2027-02-01' };
    const windows = { ...everyWave(justrom3), 'group-session-1:pre': day, 'group-session-1:post': day };
    expect(problems(justrom3, { windows, attributes: { site: 'iasi' } })).toEqual([]);
  });

  it('judges the order of pre and post only within a session, not across sessions', () => {
    // The second meeting may take its "before" answers while the first still takes its "after" ones.
    const windows = {
      ...everyWave(justrom3),
      'individual-meeting-1:pre': { opens: '2027-03-01', closes: '2027-03-31' },
      'individual-meeting-1:post': { opens: '2027-03-01', closes: '2027-04-30' },
      'individual-meeting-2:pre': { opens: '2027-01-01', closes: '2027-01-31' },
      'individual-meeting-2:post': { opens: '2027-01-01', closes: '2027-02-28' },
    };
    expect(problems(justrom3, { windows, attributes: { site: 'iasi' } })).toEqual([]);
  });

  it('names a cohort attribute value that is not an option of its subgroup', () => {
    const found = problems(justrom3, { attributes: { site: 'cluj' } });
    expect(fields(found)).toEqual(['attributes.site']);
    expect(found[0]?.message).toContain('cluj');
  });

  it('names an attribute that is no subgroup, or a subgroup asked in the form rather than set per cohort', () => {
    expect(fields(problems(justrom3, { attributes: { site: 'iasi', region: 'moldova' } }))).toEqual([
      'attributes.region',
    ]);
    const asked = problems(dones, { attributes: { role: 'mentor' } });
    expect(fields(asked)).toEqual(['attributes.role']);
    expect(asked[0]?.message).toContain('role');
  });

  it('reports every problem at once, so a coordinator corrects the whole form in one go', () => {
    const windows = {
      'mentoring-cycle:pre': { opens: '2027-03-01', closes: '2027-02-01' },
      'nowhere:post': OPEN,
    };
    expect(fields(problems(dones, { windows, attributes: { role: 'mentee' } })).sort()).toEqual([
      'attributes.role',
      'windows.mentoring-cycle:followup.closes',
      'windows.mentoring-cycle:followup.opens',
      'windows.mentoring-cycle:post.closes',
      'windows.mentoring-cycle:post.opens',
      'windows.mentoring-cycle:pre.closes',
      'windows.nowhere:post',
    ]);
  });

  it('names a follow-up that opens or closes before its post wave, at its own date', () => {
    const early = { ...everyWave(dones), 'mentoring-cycle:followup': { opens: '2027-01-09', closes: '2027-12-31' } };
    const opens = problems(dones, { windows: early });
    expect(opens.map(({ field, reason }) => [field, reason])).toEqual([
      ['windows.mentoring-cycle:followup.opens', 'followup-opens-early'],
    ]);
    expect(opens[0]?.message).toBe(
      'mentoring-cycle:followup opens (2027-01-09) before mentoring-cycle:post opens (2027-01-10)',
    );
    const short = { ...everyWave(dones), 'mentoring-cycle:followup': { opens: '2027-01-10', closes: '2027-06-29' } };
    expect(problems(dones, { windows: short }).map(({ field, reason }) => [field, reason])).toEqual([
      ['windows.mentoring-cycle:followup.closes', 'followup-closes-early'],
    ]);
  });

  it('accepts a follow-up months after the post wave, and one sharing its days (a demo opens all at once)', () => {
    const later = { ...everyWave(dones), 'mentoring-cycle:followup': { opens: '2027-12-30', closes: '2028-01-26' } };
    expect(problems(dones, { windows: later })).toEqual([]);
    expect(problems(dones, { windows: everyWave(dones) })).toEqual([]);
  });

  it('takes no follow-up window in a session that has no follow-up', () => {
    const windows = { ...everyWave(justrom3), 'group-session-1:followup': OPEN };
    const found = problems(justrom3, { windows, attributes: { site: 'iasi' } });
    expect(found.map(({ field, reason }) => [field, reason])).toEqual([
      ['windows.group-session-1:followup', 'no-such-wave'],
    ]);
  });
});
