/**
 * The command line as a coordinator uses it, in a fresh folder with its own `.data/`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '#core/csv.ts';
import { runEntry } from '../support/run.ts';

let cwd: string;
// Commands must not reach a DynamoDB of the developer's: each uses this folder's embedded one.
const env = { DYNAMODB_ENDPOINT: '' };

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'prepost-cli-'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('npm run prepost', () => {
  it('lists its commands, and each command has --help', async () => {
    const help = await runEntry('prepost', ['--help'], cwd, env);
    expect(help.code).toBe(0);
    for (const command of ['links', 'aggregate', 'summaries', 'stats', 'erase', 'import', 'export'])
      expect(help.stdout).toContain(command);
    const links = await runEntry('prepost', ['links', '--help'], cwd, env);
    expect(links.code).toBe(0);
    expect(links.stdout).toContain('--programme P');
  });

  it('creates links as CSV, one per wave per participant, pairing pre and post by participant', async () => {
    const result = await runEntry(
      'prepost',
      ['links', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', '--count', '3', '--out', 'links.csv'],
      cwd,
      { ...env, PORT: '4321' },
    );
    expect(result.code).toBe(0);
    const [header, ...rows] = parseCsv(await readFile(join(cwd, 'links.csv'), 'utf8'));
    expect(header).toEqual(['participant', 'session', 'wave', 'code', 'url', 'number']);
    expect(rows).toHaveLength(3 * 3 * 2);
    const participants = new Set(rows.map((row) => row[0]));
    expect(participants.size).toBe(3);
    for (const participant of participants) {
      const own = rows.filter((row) => row[0] === participant);
      expect(own.filter((row) => row[2] === 'pre')).toHaveLength(3);
      expect(own.filter((row) => row[2] === 'post')).toHaveLength(3);
      // Each participant keeps one number in the batch on every link.
      expect(new Set(own.map((row) => row[5])).size).toBe(1);
    }
    expect([...new Set(rows.map((row) => row[5]))].sort()).toEqual(['1', '2', '3']);
    for (const row of rows) expect(row[4]).toBe(`http://127.0.0.1:4321/s/${row[3] ?? ''}`);
    expect(existsSync(join(cwd, '.data', 'dynamo'))).toBe(true);
    // The same --out again (a second batch, a mistake in it): the first batch's files, the only
    // copy of its codes, are neither emptied nor removed, and nobody new is made.
    const kept = await readFile(join(cwd, 'links.csv'), 'utf8');
    const keptSheet = await readFile(join(cwd, 'links-sheet.html'), 'utf8');
    for (const args of [
      ['--count', '2'],
      ['--count', '2', '--language', 'ca'],
    ]) {
      const again = await runEntry(
        'prepost',
        ['links', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', ...args, '--out', 'links.csv'],
        cwd,
        env,
      );
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain('exists');
    }
    expect(await readFile(join(cwd, 'links.csv'), 'utf8')).toBe(kept);
    expect(await readFile(join(cwd, 'links-sheet.html'), 'utf8')).toBe(keptSheet);
  });

  it('writes every line to a pipe, and refuses an unwritable --out before creating anyone', async () => {
    const piped = await runEntry(
      'prepost',
      ['links', '--programme', 'dones-mentores', '--cohort', 'girona-2026', '--count', '400'],
      cwd,
      env,
    );
    expect(piped.code).toBe(0);
    // Three links each: the start, the end and the follow-up.
    expect(parseCsv(piped.stdout)).toHaveLength(1 + 400 * 3);
    const blocked = await runEntry(
      'prepost',
      [
        'links',
        '--programme',
        'dones-mentores',
        '--cohort',
        'girona-2026',
        '--count',
        '1',
        '--out',
        'links.csv/inside.csv',
      ],
      cwd,
      env,
    );
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('cannot write');
  });

  it('says what is wrong, with exit code 2, for unknown programmes and missing options', async () => {
    const unknown = await runEntry(
      'prepost',
      ['links', '--programme', 'nope', '--cohort', 'x', '--count', '1'],
      cwd,
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown programme "nope"');
    const missing = await runEntry(
      'prepost',
      ['links', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020'],
      cwd,
      env,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--count is required');
    const badCount = await runEntry(
      'prepost',
      ['links', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', '--count', '0'],
      cwd,
      env,
    );
    expect(badCount.code).toBe(2);
    // At most 500 in one batch: the limit, named with its field.
    const tooMany = await runEntry(
      'prepost',
      ['links', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', '--count', '501'],
      cwd,
      env,
    );
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('count: must be a whole number from 1 to 500');
    const badPeriod = await runEntry('prepost', ['summaries', '--period', '2026-13'], cwd, env);
    expect(badPeriod.code).toBe(2);
    const unknownCommand = await runEntry('prepost', ['frobnicate'], cwd, env);
    expect(unknownCommand.code).toBe(2);
  });

  it(
    'stats reads the sleep data the same from a comma ' + 'file, a semicolon file with decimal commas, and UTF-16',
    async () => {
      // R's sleep data (PRODUCT.md): t = 4.062127683382037, df = 9.
      const pre = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
      const post = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
      const comma = ['pre,post', ...pre.map((value, index) => `${value},${post[index]}`)].join('\n');
      const semicolon = [
        'sep=;',
        'Before;After',
        ...pre.map((value, index) => `${String(value).replace('.', ',')};${String(post[index]).replace('.', ',')}`),
      ].join('\r\n');
      await writeFile(join(cwd, 'comma.csv'), comma);
      await writeFile(
        join(cwd, 'semicolon.csv'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(semicolon, 'utf16le')]),
      );
      const outputs = await Promise.all(
        ['comma.csv', 'semicolon.csv'].map((file) => runEntry('prepost', ['stats', file, '--json'], cwd, env)),
      );
      for (const output of outputs) expect(output.code, output.stderr).toBe(0);
      const [fromComma, fromSemicolon] = outputs.map(
        (output) => JSON.parse(output.stdout) as { t: number; df: number },
      );
      expect(fromComma?.t).toBeCloseTo(4.062127683382037, 12);
      expect(fromSemicolon).toEqual(fromComma);
      // A decimal comma in a comma file is refused, naming the row, never read as other numbers.
      await writeFile(join(cwd, 'split.csv'), 'pre,post\n3,5,4,5\n2.5,3\n');
      const split = await runEntry('prepost', ['stats', 'split.csv', '--json'], cwd, env);
      expect(split.code).toBe(2);
      expect(split.stderr).toContain('row 2: 4 cells but the header has 2 columns');
    },
  );

  it('erases a participant with every trace, and says so when there is nothing to erase', async () => {
    const [, row] = parseCsv(await readFile(join(cwd, 'links.csv'), 'utf8'));
    const participant = row?.[0] ?? '';
    const erased = await runEntry(
      'prepost',
      ['erase', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', '--participant', participant],
      cwd,
      env,
    );
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain(`erased ${participant}: 0 responses, 6 links`);
    const again = await runEntry(
      'prepost',
      ['erase', '--programme', 'justrom3-mentoring', '--cohort', 'iasi-2020', '--participant', participant],
      cwd,
      env,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already erased');
  });

  it('aggregates and writes summaries and .eml messages from the same .data/', async () => {
    const aggregate = await runEntry('prepost', ['aggregate'], cwd, env);
    expect(aggregate.code).toBe(0);
    // The erase before recomputed it, and the erase of nobody that followed changed nothing.
    expect(aggregate.stdout).toContain('justrom3-mentoring / iasi-2020: unchanged (0 responses)');
    // A mid-month look first: the same files and messages under out/preview/, and nothing recorded.
    const preview = await runEntry(
      'prepost',
      ['summaries', '--period', '2026-11', '--out', 'out', '--preview'],
      cwd,
      env,
    );
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('nothing recorded, no funder marked as sent');
    const programmes = ['justrom3-mentoring', 'migrant-voices-heard', 'dones-mentores'];
    for (const programme of programmes) {
      for (const file of ['summary.json', 'summary.csv', 'summary.html'])
        expect(existsSync(join(cwd, 'out', 'preview', programme, '2026-11', file))).toBe(true);
      expect(existsSync(join(cwd, 'out', 'preview', 'outbox', `${programme}-2026-11-1.eml`))).toBe(true);
      expect(existsSync(join(cwd, 'out', programme))).toBe(false);
    }
    expect(existsSync(join(cwd, 'out', 'outbox'))).toBe(false);
    // The real run still emails every funder, once each.
    const summaries = await runEntry('prepost', ['summaries', '--period', '2026-11', '--out', 'out'], cwd, env);
    expect(summaries.code).toBe(0);
    expect(summaries.stdout).not.toContain('already sent');
    for (const programme of programmes) {
      for (const file of ['summary.json', 'summary.csv', 'summary.html'])
        expect(existsSync(join(cwd, 'out', programme, '2026-11', file))).toBe(true);
      expect(existsSync(join(cwd, 'out', 'outbox', `${programme}-2026-11-1.eml`))).toBe(true);
    }
    const again = await runEntry('prepost', ['summaries', '--period', '2026-11', '--out', 'out'], cwd, env);
    expect(again.stdout).toContain('already sent this period: not emailed again');
    const audit = await runEntry('prepost', ['audit', '--json'], cwd, env);
    // One publication per programme for the real runs (the rerun included); none for the preview.
    const sent = (JSON.parse(audit.stdout) as { action: string }[]).filter((entry) => entry.action === 'summary-sent');
    expect(sent).toHaveLength(programmes.length * 2);
  });
});
