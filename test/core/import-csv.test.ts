/**
 * Reading paper responses from CSV against the real catalogue: the template's columns, cells as
 * positions or values, the same validation as the web form, and problems named by row and column.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { cohortOf, shippedProgramme } from '../support/programmes.ts';
import type { Programme } from '#surveys/schema.ts';
import { CONSENT_FIELD, answerField, groupField, validateAnswers } from '#core/answers.ts';
import {
  readImportCsv,
  templateColumns,
  type ImportFile,
  type ImportProblem,
  type PaperResponse,
} from '#core/import-csv.ts';
import { resolveWave } from '#core/waves.ts';
import { toCsv } from '#core/csv.ts';

const catalog = shippedCatalog();

function programme(id: string): Programme {
  return shippedProgramme(id, catalog);
}

const justrom3 = programme('justrom3-mentoring');
const dones = programme('dones-mentores');
const RSES = 'rosenberg-self-esteem';
const MEETING = 'individual-meeting-1';
const CYCLE = 'mentoring-cycle';
const KEYS = ['participant', 'session', 'wave', 'consent'];

/** A file with the given header and rows, as a spreadsheet saves it. */
const csv = (header: readonly string[], ...rows: (readonly string[])[]): string => toCsv(header, rows);
const readJ = (text: string): ImportFile => readImportCsv(text, justrom3, 'iasi-2020', catalog);
const readD = (text: string): ImportFile => readImportCsv(text, dones, 'barcelona-2026', catalog);

function responses(file: ImportFile): PaperResponse[] {
  expect(file.problems).toEqual([]);
  return file.rows.map((row) => {
    if (row.response === undefined) throw new Error(`row ${row.row} has no response`);
    return row.response;
  });
}

const problemAt = (file: ImportFile, row: number, column: string | null): ImportProblem | undefined =>
  file.problems.find((problem) => problem.row === row && problem.column === column);

describe('templateColumns', () => {
  it("lists the fixed columns, then each wave's subgroup questions and items in the form's order", () => {
    const columns = templateColumns(dones, catalog, CYCLE, 'pre');
    expect(columns?.slice(0, 9)).toEqual([
      ...KEYS,
      'language',
      'role',
      'migrant-background',
      'age-band',
      'reverse-mentoring',
    ]);
    expect(columns?.slice(9, 11)).toEqual([`${RSES}.rses-1`, `${RSES}.rses-2`]);
    expect(columns).toContain('ucla-loneliness-3.isolated');
    // The post wave asks no subgroup questions, nor does the follow-up, which asks the same items again.
    expect(templateColumns(dones, catalog, CYCLE, 'post')).not.toContain('role');
    expect(templateColumns(dones, catalog, CYCLE, 'followup')).toEqual(templateColumns(dones, catalog, CYCLE, 'post'));
    expect(templateColumns(justrom3, catalog, MEETING, 'followup')).toEqual([...KEYS, 'language']);
  });

  it('covers every wave of the programme once when no session is named', () => {
    const columns = templateColumns(justrom3, catalog) ?? [];
    expect(new Set(columns).size).toBe(columns.length);
    // RSES 10, rights quiz 6, personal safety 4, community leadership 5, shared by all sessions.
    expect(columns).toHaveLength(5 + 10 + 6 + 4 + 5);
  });

  it('is undefined for an unknown session', () => {
    expect(templateColumns(justrom3, catalog, 'no-such-session')).toBeUndefined();
  });
});

describe('readImportCsv: accepted rows', () => {
  it('reads positions as printed on the form and values alike, into the answers the web form would give', () => {
    const header = [
      ...KEYS,
      `${RSES}.rses-1`,
      `${RSES}.rses-2`,
      `${RSES}.rses-3`,
      'personal-safety.safe-at-home',
      'rights-justice-quiz.legal-aid',
    ];
    const [byPosition, byValue] = responses(
      readJ(
        csv(
          header,
          ['p-1', MEETING, 'pre', 'yes', '4', '1', '', 'prefer-not-to-say', '2'],
          ['p-2', MEETING, 'post', 'YES', 'strongly-agree', 'Strongly disagree', '', 'Prefer not to say', 'b'],
        ),
      ),
    );
    const context = resolveWave(justrom3, cohortOf(justrom3, 'iasi-2020'), MEETING, 'pre');
    if (context === undefined) throw new Error('no such wave');
    const web = validateAnswers(context, catalog, {
      [CONSENT_FIELD]: justrom3.consent.version,
      [answerField(RSES, 'rses-1')]: 'strongly-agree',
      [answerField(RSES, 'rses-2')]: 'strongly-disagree',
      [answerField('personal-safety', 'safe-at-home')]: 'prefer-not-to-say',
      [answerField('rights-justice-quiz', 'legal-aid')]: 'b',
    });
    if (!web.ok) throw new Error('the web form refused the answers');
    expect(byPosition).toEqual({
      row: 2,
      participant: 'p-1',
      session: MEETING,
      wave: 'pre',
      language: 'ro',
      answers: web.value,
    });
    expect(byValue?.answers).toEqual(web.value);
    expect(byValue).toMatchObject({ row: 3, wave: 'post' });
  });

  it('reads subgroup questions by position or value, and the language of the form', () => {
    const header = [...KEYS, 'language', 'role', 'age-band', 'mood.mood-last-week'];
    const [first, second] = responses(
      readD(
        csv(
          header,
          ['p-1', CYCLE, 'pre', 'yes', 'es', '2', '18-29', '5'],
          ['p-2', CYCLE, 'pre', 'yes', '', 'mentor', 'prefer-not-to-say', ''],
        ),
      ),
    );
    expect(first?.language).toBe('es');
    expect(first?.answers.groups).toEqual({ role: 'mentee', 'age-band': '18-29' });
    expect(first?.answers.answers.mood).toEqual({ 'mood-last-week': 'very-good' });
    expect(second?.language).toBe('ca');
    expect(second?.answers.groups).toEqual({ role: 'mentor', 'age-band': 'prefer-not-to-say' });
    expect(groupField('role')).toBe('g.role');
  });

  it('reads a follow-up row (wave followup) of a session that has one, paired by participant like the others', () => {
    const header = [...KEYS, 'mood.mood-last-week', `${RSES}.rses-1`];
    const read = responses(
      readD(csv(header, ['p-1', CYCLE, 'pre', 'yes', '2', '1'], ['p-1', CYCLE, 'Followup', 'yes', '4', 'agree'])),
    );
    expect(read.map((response) => [response.participant, response.session, response.wave])).toEqual([
      ['p-1', CYCLE, 'pre'],
      ['p-1', CYCLE, 'followup'],
    ]);
    expect(read[1]?.answers.answers[RSES]).toEqual({ 'rses-1': 'agree' });
    // The follow-up asks no subgroup question: the form's about-you questions are the pre wave's.
    const asked = readD(csv([...KEYS, 'role'], ['p-1', CYCLE, 'followup', 'yes', 'mentor']));
    expect(asked.problems).toEqual([
      { row: 2, column: 'role', message: `not asked in ${CYCLE} followup: leave it empty in this row` },
    ]);
  });

  it('accepts a byte order mark, LF line ends, padded cells, and skips blank rows', () => {
    const text =
      `\uFEFFparticipant,session,wave,consent,${RSES}.rses-1\n p-1 ,${MEETING}, Pre ,yes, 3 ` +
      `\n,,,,\n\np-2,${MEETING},post,yes,\n`;
    const read = responses(readJ(text));
    expect(read.map((response) => [response.row, response.participant, response.wave])).toEqual([
      [2, 'p-1', 'pre'],
      [5, 'p-2', 'post'],
    ]);
    expect(read[0]?.answers.answers[RSES]).toEqual({ 'rses-1': 'agree' });
    // Nothing answered but consent: every item may be skipped, as on the web.
    expect(read[1]?.answers.answers[RSES]).toEqual({});
  });
});

describe('readImportCsv: problems, each with its row and column', () => {
  it('refuses options that do not exist, naming the accepted positions and values', () => {
    const header = [
      ...KEYS,
      `${RSES}.rses-1`,
      `${RSES}.rses-2`,
      'personal-safety.safe-at-home',
      'rights-justice-quiz.legal-aid',
    ];
    const file = readJ(
      csv(
        header,
        ['p-1', MEETING, 'pre', 'yes', '5', 'maybe', '6', 'prefer-not-to-say'],
        ['p-2', MEETING, 'pre', 'yes', '0', '', '', ''],
      ),
    );
    expect(problemAt(file, 2, `${RSES}.rses-1`)?.message).toBe(
      '"5" is not an option: 1-4 (as printed on the form) or strongly-disagree, disagree, agree, strongly-agree, ' +
        'prefer-not-to-say',
    );
    expect(problemAt(file, 2, `${RSES}.rses-2`)?.message).toContain('"maybe" is not an option');
    // A sensitive item offers "prefer not to say", but not as a number past the options.
    expect(problemAt(file, 2, 'personal-safety.safe-at-home')?.message).toContain(
      '1-5 (as printed on the form) or strongly-disagree, disagree, neither, agree, strongly-agree, prefer-not-to-say',
    );
    // A quiz item does not offer it.
    expect(problemAt(file, 2, 'rights-justice-quiz.legal-aid')?.message).toContain(
      '"prefer-not-to-say" is not an option',
    );
    expect(problemAt(file, 3, `${RSES}.rses-1`)).toBeDefined();
    expect(file.problems).toHaveLength(5);
    expect(file.rows.map((row) => [row.participant, row.response])).toEqual([
      ['p-1', undefined],
      ['p-2', undefined],
    ]);
  });

  it('requires consent given on paper as "yes"', () => {
    const file = readJ(
      csv([...KEYS, `${RSES}.rses-1`], ['p-1', MEETING, 'pre', '', '1'], ['p-2', MEETING, 'pre', 'no', '1']),
    );
    expect(problemAt(file, 2, 'consent')?.message).toBe(
      `must be "yes": answers are imported only with consent given on the paper form (consent version ` +
        `${justrom3.consent.version})`,
    );
    expect(problemAt(file, 3, 'consent')?.message).toContain('not "no"');
  });

  it('names unknown sessions, waves and languages', () => {
    const file = readJ(
      csv(
        [...KEYS, 'language'],
        ['p-1', 'session-9', 'pre', 'yes', ''],
        ['p-2', MEETING, 'during', 'yes', ''],
        ['p-3', MEETING, 'pre', 'yes', 'fr'],
        ['', MEETING, 'pre', 'yes', ''],
      ),
    );
    expect(problemAt(file, 2, 'session')?.message).toBe(
      `no session "session-9" in justrom3-mentoring; sessions: ` +
        `${justrom3.sessions.map((session) => session.id).join(', ')}`,
    );
    expect(problemAt(file, 3, 'wave')?.message).toBe('the wave must be pre, post or followup, not "during"');
    expect(problemAt(file, 4, 'language')?.message).toBe(
      '"fr" is not a language of justrom3-mentoring: ro, en (or empty for ro)',
    );
    expect(problemAt(file, 5, 'participant')?.message).toContain('participant id is missing');
  });

  it('refuses a follow-up row for a session without a follow-up, rather than dropping it', () => {
    const file = readJ(csv(KEYS, ['p-1', MEETING, 'followup', 'yes']));
    expect(file.problems).toEqual([{ row: 2, column: 'wave', message: `session ${MEETING} has no follow-up wave` }]);
    expect(file.rows.map((row) => row.response)).toEqual([undefined]);
  });

  it("refuses an answer to a question the row's wave does not ask", () => {
    const file = readD(csv([...KEYS, 'role'], ['p-1', CYCLE, 'post', 'yes', 'mentor']));
    expect(file.problems).toEqual([
      { row: 2, column: 'role', message: `not asked in ${CYCLE} post: leave it empty in this row` },
    ]);
  });

  it('refuses two rows for one participant and wave', () => {
    const file = readJ(
      csv(KEYS, ['p-1', MEETING, 'pre', 'yes'], ['p-1', MEETING, 'post', 'yes'], ['p-1', MEETING, 'pre', 'yes']),
    );
    expect(file.problems).toEqual([
      {
        row: 4,
        column: 'participant',
        message: `row 2 already holds p-1's answers to ${MEETING} pre: one row per participant and wave`,
      },
    ]);
  });

  it('checks the header: required, unknown and repeated columns', () => {
    const missing = readJ(csv(['participant', 'session', `${RSES}.rses-1`], ['p-1', MEETING, '1']));
    expect(missing.problems).toEqual([
      { row: 1, column: 'wave', message: 'this column is required' },
      { row: 1, column: 'consent', message: 'this column is required' },
    ]);
    expect(missing.rows).toEqual([]);
    const odd = readJ(
      csv(
        [...KEYS, 'rosenberg-self-esteem.rses-11', 'site', `${RSES}.rses-1`, `${RSES}.rses-1`],
        ['p-1', MEETING, 'pre', 'yes', '', '', '1', '2'],
      ),
    );
    expect(problemAt(odd, 1, 'rosenberg-self-esteem.rses-11')?.message).toContain(
      'not a column of programme justrom3-mentoring',
    );
    expect(problemAt(odd, 1, 'site')).toBeDefined();
    expect(problemAt(odd, 1, `${RSES}.rses-1`)?.message).toBe('this column appears twice');
  });

  it('refuses data in a column without a header', () => {
    const file = readJ(`${KEYS.join(',')}\r\np-1,${MEETING},pre,yes,,agree\r\n`);
    expect(file.problems).toEqual([{ row: 2, column: null, message: 'column 6 has no header but holds "agree"' }]);
  });

  it('reads a file a spreadsheet saved with semicolons as one saved with commas', () => {
    const semicolons = readJ(`participant;session;wave;consent\r\np-1;${MEETING};pre;yes\r\n`);
    const commas = readJ(`participant,session,wave,consent\r\np-1,${MEETING},pre,yes\r\n`);
    expect(semicolons).toEqual(commas);
  });

  it('says so when the file holds no answers', () => {
    expect(readJ(csv(KEYS)).problems).toEqual([
      { row: 2, column: null, message: 'the file has a header but no answers' },
    ]);
    expect(readJ('').problems.map((problem) => problem.column)).toEqual(['participant', 'session', 'wave', 'consent']);
  });
});
