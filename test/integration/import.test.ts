/**
 * `npm run prepost -- import` as a coordinator uses it, in a fresh folder with its own `.data/`:
 * links first, then paper answers typed into the template, imported once and again, a file
 * with mistakes refused whole, and the imported pairs in the aggregated indicators. Last, the
 * use case against a web answer that lands between the check and the write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, toCsv } from '#core/csv.ts';
import type { ResponseStore } from '#ports/store.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { importResponses } from '#use-cases/import-responses.ts';
import { openLink } from '#use-cases/open-link.ts';
import { advanceSurvey } from '#use-cases/submit-response.ts';
import { runEntry } from '../support/run.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'justrom3-mentoring';
const COHORT = 'iasi-2020';
const SESSION = 'individual-meeting-1';
const RSES = 'rosenberg-self-esteem';

let cwd: string;
// Every command uses this folder's embedded DynamoDB, table and link key, whatever this process holds.
const env = { DYNAMODB_ENDPOINT: '', TABLE_NAME: '', LINK_KEY: '' };
let participants: string[];
let header: string[];

/** A row of the template: the given cells by column, the others empty. */
const row = (cells: Record<string, string>): string[] => header.map((column) => cells[column] ?? '');
/** Every Rosenberg item answered with the same cell. */
const rses = (cell: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`${RSES}.rses-${index + 1}`, cell]));
const importFile = async (name: string, rows: string[][]): Promise<string> => {
  await writeFile(join(cwd, name), toCsv(header, rows));
  return name;
};

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'prepost-import-'));
  const links = await runEntry(
    'prepost',
    ['links', '--programme', PROGRAMME, '--cohort', COHORT, '--count', '6', '--out', 'links.csv'],
    cwd,
    env,
  );
  expect(links.code).toBe(0);
  const [, ...rows] = parseCsv(await readFile(join(cwd, 'links.csv'), 'utf8'));
  participants = [...new Set(rows.map((cells) => cells[0] ?? ''))];
  expect(participants).toHaveLength(6);
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('npm run prepost -- import', () => {
  it('prints the header row of a wave to type answers into', async () => {
    const template = await runEntry(
      'prepost',
      ['import', '--template', '--programme', PROGRAMME, '--session', SESSION, '--wave', 'pre'],
      cwd,
      env,
    );
    expect(template.code).toBe(0);
    const rows = parseCsv(template.stdout);
    expect(rows).toHaveLength(1);
    header = rows[0] ?? [];
    expect(header.slice(0, 6)).toEqual(['participant', 'session', 'wave', 'consent', 'language', `${RSES}.rses-1`]);
    expect(header).toContain('personal-safety.safe-at-home');
  });

  it('imports paper answers once: a dry run writes nothing, a second run finds them present', async () => {
    // Five participants before and after, positions as printed before, values after.
    const rows = participants.slice(0, 5).flatMap((participant, index) => [
      row({
        participant,
        session: SESSION,
        wave: 'pre',
        consent: 'yes',
        ...rses(index % 2 === 0 ? '3' : '4'),
        'personal-safety.safe-at-home': 'prefer-not-to-say',
      }),
      row({
        participant,
        session: SESSION,
        wave: 'post',
        consent: 'yes',
        language: 'en',
        ...rses(index < 3 ? 'agree' : 'strongly-agree'),
        [`${RSES}.rses-4`]: '',
      }),
    ]);
    const file = await importFile('paper.csv', rows);
    const dryRun = await runEntry(
      'prepost',
      ['import', '--programme', PROGRAMME, '--cohort', COHORT, file, '--dry-run'],
      cwd,
      env,
    );
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('dry run: would import 10, already present 0, errors 0');
    const first = await runEntry('prepost', ['import', '--programme', PROGRAMME, '--cohort', COHORT, file], cwd, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('imported 10, already present 0, errors 0');
    const again = await runEntry('prepost', ['import', '--programme', PROGRAMME, '--cohort', COHORT, file], cwd, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('imported 0, already present 10, errors 0');
  });

  it('refuses a file with any problem whole, naming each row and column, and writes nothing', async () => {
    const [first, , , , , sixth] = participants;
    const file = await importFile('mistakes.csv', [
      row({ participant: sixth ?? '', session: SESSION, wave: 'pre', consent: 'yes', ...rses('1') }),
      row({
        participant: sixth ?? '',
        session: SESSION,
        wave: 'post',
        consent: 'yes',
        ...rses('2'),
        [`${RSES}.rses-2`]: '7',
      }),
      row({ participant: 'p-nobody', session: SESSION, wave: 'post', consent: 'yes' }),
      row({ participant: first ?? '', session: SESSION, wave: 'pre', consent: 'yes', ...rses('1') }),
      row({ participant: sixth ?? '', session: SESSION, wave: 'post', consent: '' }),
    ]);
    const result = await runEntry('prepost', ['import', '--programme', PROGRAMME, '--cohort', COHORT, file], cwd, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('imported 0, already present 0, errors 4');
    expect(result.stderr).toContain('mistakes.csv: 5 problems, nothing written');
    expect(result.stderr).toContain(`row 3, column ${RSES}.rses-2: "7" is not an option`);
    expect(result.stderr).toContain(`row 4, column participant: no participant "p-nobody" in ${PROGRAMME} ${COHORT}`);
    expect(result.stderr).toContain(`row 5: ${first ?? ''} already answered ${SESSION} pre with different answers`);
    expect(result.stderr).toContain('row 6, column consent: must be "yes"');
    expect(result.stderr).toContain(
      `row 6, column participant: row 3 already holds ${sixth ?? ''}'s answers to ${SESSION} post`,
    );
    // Row 2 was valid, and was not written either.
    const valid = await importFile('valid-part.csv', [
      row({ participant: sixth ?? '', session: SESSION, wave: 'pre', consent: 'yes', ...rses('1') }),
    ]);
    const check = await runEntry(
      'prepost',
      ['import', '--programme', PROGRAMME, '--cohort', COHORT, valid, '--dry-run'],
      cwd,
      env,
    );
    expect(check.stdout).toContain('would import 1, already present 0');
  });

  it('says what is wrong with how it was called', async () => {
    const noCohort = await runEntry('prepost', ['import', '--programme', PROGRAMME, 'paper.csv'], cwd, env);
    expect(noCohort.code).toBe(2);
    expect(noCohort.stderr).toContain('--cohort is required');
    const noFile = await runEntry(
      'prepost',
      ['import', '--programme', PROGRAMME, '--cohort', COHORT, 'missing.csv'],
      cwd,
      env,
    );
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('cannot read missing.csv');
    const unknownCohort = await runEntry(
      'prepost',
      ['import', '--programme', PROGRAMME, '--cohort', 'nowhere', 'paper.csv'],
      cwd,
      env,
    );
    expect(unknownCohort.code).toBe(2);
    expect(unknownCohort.stderr).toContain('unknown cohort "nowhere"');
    const help = await runEntry('prepost', ['import', '--help'], cwd, env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--template');
  });

  it('feeds the aggregated indicators: the imported pairs are paired', async () => {
    const aggregate = await runEntry('prepost', ['aggregate', '--programme', PROGRAMME], cwd, env);
    expect(aggregate.code).toBe(0);
    expect(aggregate.stdout).toContain(`${PROGRAMME} / ${COHORT}: 10 responses`);
    const summaries = await runEntry(
      'prepost',
      ['summaries', '--programme', PROGRAMME, '--period', '2026-11', '--out', 'out'],
      cwd,
      env,
    );
    expect(summaries.code).toBe(0);
    const summary = JSON.parse(await readFile(join(cwd, 'out', PROGRAMME, '2026-11', 'summary.json'), 'utf8')) as {
      rows: {
        cohort: string | null;
        session: string | null;
        instrument: string;
        group: unknown;
        n_paired: number | null;
      }[];
    };
    const cell = summary.rows.find(
      (candidate) =>
        candidate.cohort === COHORT &&
        candidate.session === SESSION &&
        candidate.instrument === RSES &&
        candidate.group === null,
    );
    expect(cell?.n_paired).toBe(5);
  });
});

describe('importResponses', () => {
  it('keeps a web answer that lands between the check and the write, and reports the rows written', async () => {
    const stack = await startTestStack();
    try {
      const cohort = 'bucharest-2020';
      const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, 2);
      const [first, second] = [...new Set(links.map((link) => link.participant))];
      const code = links.find(
        (link) => link.participant === second && link.session === SESSION && link.wave === 'pre',
      )?.code;
      const context = await storedWave(stack.deps, PROGRAMME, cohort, SESSION, 'pre');
      if (first === undefined || second === undefined || code === undefined) throw new Error('no links');
      const store = stack.deps.responses;
      // The participant answers on the web (pick 1) just before the paper row (position 4) is written.
      const racing: ResponseStore = {
        getResponse: (target) => store.getResponse(target),
        getWaveRecord: (target) => store.getWaveRecord(target),
        saveDraft: (target, draft) => store.saveDraft(target, draft),
        deleteDraft: (target) => store.deleteDraft(target),
        listCohortResponses: (programme, id) => store.listCohortResponses(programme, id),
        forEachCohortResponsePage: (programme, id, onPage) => store.forEachCohortResponsePage(programme, id, onPage),
        countResponsesSince: (programme, id, since) => store.countResponsesSince(programme, id, since),
        putResponse: async (response) => {
          if (response.participant === second)
            await advanceSurvey(
              stack.deps,
              await openLink(stack.deps, code),
              Object.fromEntries(answerAll(context, stack.deps.catalog, 1)),
              'ro',
            );
          return store.putResponse(response);
        },
      };
      const csv = toCsv(
        ['participant', 'session', 'wave', 'consent', `${RSES}.rses-1`],
        [
          [first, SESSION, 'pre', 'yes', '4'],
          [second, SESSION, 'pre', 'yes', '4'],
        ],
      );
      const report = await importResponses({ ...stack.deps, responses: racing }, SYSTEM_ACTOR, PROGRAMME, cohort, csv, {
        dryRun: false,
      });
      expect(report.imported).toEqual([2]);
      expect(report.written).toBe(true);
      expect(report.problems).toEqual([
        {
          row: 3,
          column: null,
          message:
            `${second} already answered ${SESSION} pre with different answers; a stored response is never ` +
            `replaced`,
        },
      ]);
      expect(
        (await store.getResponse({ programme: PROGRAMME, cohort, participant: second, session: SESSION, wave: 'pre' }))
          ?.answers[RSES]?.['rses-1'],
      ).toBe('disagree');
    } finally {
      await stack.stop();
    }
  });
});
