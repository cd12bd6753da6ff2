/**
 * `prepost stats` with issue 14's columns and options: the keys against R, what is null when
 * its input is absent, the programme rows of a grouped file, the table output and the errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairedStatistics } from '#core/statistics/paired.ts';
import { readStatsCsv } from '#core/stats-csv.ts';
import { rangeWithSpace, readSettings, statsReport } from '../../bin/commands/stats.ts';
import { runEntry } from '../support/run.ts';

// A programme of 12 (three lost before post) and a waiting-list comparison group of 8.
const GROUPED = `participant,group,pre,post,followup,then
p01,programme,12,20,19,14
p02,programme,15,22,,16
p03,programme,9,,,
p04,programme,18,25,24,21
p05,programme,21,23,20,22
p06,programme,10,19,17,11
p07,programme,14,,15,
p08,programme,16,28,26,19
p09,programme,11,12,13,13
p10,programme,19,18,,20
p11,programme,13,21,22,
p12,programme,17,,,
c01,comparison,14,15,,
c02,comparison,12,14,,
c03,comparison,18,17,,
c04,comparison,16,18,,
c05,comparison,11,,,
c06,comparison,15,16,,
c07,comparison,13,16,,
c08,comparison,17,17,,
`;

// R 4.x, the file above as data.csv:
// d <- read.csv("data.csv"); p <- d[d$group == "programme", ]; cm <- d[d$group == "comparison", ]
// ok <- !is.na(p$pre) & !is.na(p$post); ch <- p$post[ok] - p$pre[ok]
// t.test(p$post[ok], p$pre[ok], paired = TRUE)      # mean 5.8888888888888893, CI 2.6176566736877875 9.1601211040899901
// wilcox.test(p$post[ok], p$pre[ok], paired = TRUE) # V = 43.5, p = 0.014889860833654173
// f <- !is.na(p$pre) & !is.na(p$followup); t.test(p$followup[f] - p$pre[f])
// # 8 rows, 5.125, CI 1.7977537648977993 8.4522462351021996
// a <- ok & !is.na(p$followup); sum(a & p$post > p$pre & p$followup > p$pre)  # 6
// th <- !is.na(p$pre) & !is.na(p$then); t.test(p$then[th] - p$pre[th])
// # 1.75, CI 1.0089466572396275 2.4910533427603725
// pt <- !is.na(p$post) & !is.na(p$then); mean(p$post[pt] - p$then[pt])       # 3.875
// has <- !is.na(p$pre); lost <- has & is.na(p$post); lo <- p$post; lo[lost] <- 0; hi <- p$post; hi[lost] <- 40
// sum(lost)/sum(has); mean(lo[has] - p$pre[has]); mean(hi[has] - p$pre[has])
// # 0.25, 1.0833333333333333, 11.083333333333334
// sdiff <- sd(p$pre[ok]) * sqrt(2) * sqrt(1 - 0.8); rel <- abs(ch)/sdiff > 1.96
// sum(rel & ch > 0 & p$pre[ok] < 20 & p$post[ok] > 20)                     # 4
// okc <- !is.na(cm$pre) & !is.na(cm$post); chc <- cm$post[okc] - cm$pre[okc]; t.test(ch, chc)
// J <- function(df) exp(lgamma(df/2) - lgamma((df-1)/2)) / sqrt(df/2); n1 <- 9; n2 <- 7
// sp <- sqrt(((n1-1)*var(ch) + (n2-1)*var(chc))/(n1+n2-2)); (mean(ch)-mean(chc))/sp*J(n1+n2-2)
// # 4.7460317460317469, CI 1.3869142211176748 8.1051492709458195, g 1.3450864013851849
const R_GROUPED: Record<string, number> = {
  n_paired: 9,
  mean_change: 5.8888888888888893,
  ci95_low: 2.6176566736877875,
  ci95_high: 9.1601211040899901,
  wilcoxon_v: 43.5,
  p_wilcoxon: 0.014889860833654173,
  n_followup: 8,
  mean_change_followup: 5.125,
  ci95_low_followup: 1.7977537648977993,
  ci95_high_followup: 8.4522462351021996,
  n_sustained: 6,
  mean_response_shift: 1.75,
  ci95_low_shift: 1.0089466572396275,
  ci95_high_shift: 2.4910533427603725,
  mean_change_then: 3.875,
  lost_share: 0.25,
  bounds_low: 1.0833333333333333,
  bounds_high: 11.083333333333334,
  rci_threshold: 4.7203050748865794,
  rci_improved: 6,
  rci_recovered: 4,
  did_estimate: 4.7460317460317469,
  did_ci95_low: 1.3869142211176748,
  did_ci95_high: 8.1051492709458195,
  did_g: 1.3450864013851849,
};

const NEW_KEYS = [
  'n_followup',
  'mean_change_followup',
  'ci95_low_followup',
  'ci95_high_followup',
  'n_sustained',
  'mean_response_shift',
  'ci95_low_shift',
  'ci95_high_shift',
  'mean_change_then',
  'lost_share',
  'bounds_low',
  'bounds_high',
  'rci_recovered',
  'did_estimate',
  'did_ci95_low',
  'did_ci95_high',
  'did_g',
];

const SLEEP_PRE = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_POST = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

const defaults = { 'lower-better': false, json: true } as const;

function expectR(report: Record<string, unknown>): void {
  for (const [key, expected] of Object.entries(R_GROUPED)) {
    const actual = report[key];
    expect(typeof actual, key).toBe('number');
    expect(Math.abs((actual as number) - expected), key).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  }
}

describe('statsReport', () => {
  it("gives R's values for every key of a grouped file with follow-up and then-test", () => {
    const report = statsReport(
      readStatsCsv(GROUPED),
      readSettings({ ...defaults, reliability: '0.8', cutoff: '20', range: '0,40' }),
    );
    expectR(report);
  });

  it("keeps today's keys, values and order, and gives null where the new keys' inputs are absent", () => {
    const csv = ['pre,post', ...SLEEP_PRE.map((value, index) => `${value},${SLEEP_POST[index]}`)].join('\n');
    const report = statsReport(readStatsCsv(csv), readSettings(defaults));
    const { sd_pre: _pre, sd_post: _post, ...today } = pairedStatistics(SLEEP_PRE, SLEEP_POST);
    expect(Object.keys(report)).toEqual([...Object.keys(today), ...NEW_KEYS]);
    expect(Object.fromEntries(Object.entries(report).slice(0, Object.keys(today).length))).toEqual(today);
    // Nobody lost; the rest have no column or option.
    expect(report.lost_share).toBe(0);
    for (const key of NEW_KEYS.filter((name) => name !== 'lost_share')) expect(report[key], key).toBeNull();
  });

  it("computes today's keys over the programme rows of a grouped file, and did_* needs both groups", () => {
    const programmeOnly = GROUPED.split('\n')
      .filter((line) => !line.includes('comparison'))
      .join('\n');
    const grouped = statsReport(readStatsCsv(GROUPED), readSettings(defaults));
    const alone = statsReport(readStatsCsv(programmeOnly), readSettings(defaults));
    expect({ ...grouped, did_estimate: null, did_ci95_low: null, did_ci95_high: null, did_g: null }).toEqual(alone);
    expect(alone.did_estimate).toBeNull();
  });

  it('reverses improvement with --lower-better for n_sustained and rci_recovered, not the bounds', () => {
    const lower = statsReport(
      readStatsCsv(GROUPED),
      readSettings({ ...defaults, 'lower-better': true, reliability: '0.8', cutoff: '20', range: '0,40' }),
    );
    // Nobody with a follow-up fell at post (p10, 19 -> 18, has none), and no fall is reliable.
    expect(lower.n_sustained).toBe(0);
    expect(lower.rci_recovered).toBe(0);
    expect(lower.bounds_low).toBe(R_GROUPED.bounds_low);
  });

  it('gives null, not 0 of 0, for n_sustained when no row has pre, post and followup', () => {
    const report = statsReport(readStatsCsv('pre,post,followup\n1,2,\n2,3,\n'), readSettings(defaults));
    expect(report).toMatchObject({ n_followup: 0, n_sustained: null, mean_change_followup: null });
  });

  it('reads the range and the cut-off, and refuses what cannot be used', () => {
    expect(readSettings({ ...defaults, range: '-5, 40' }).range).toEqual({ min: -5, max: 40 });
    expect(() => readSettings({ ...defaults, range: '0' })).toThrow('--range must be MIN MAX');
    expect(() => readSettings({ ...defaults, range: '0,1,2' })).toThrow('--range must be MIN MAX');
    // MAX after a space comes as an operand: taken back when exactly one of two operands is a number.
    expect(rangeWithSpace('0', ['40', 'data.csv'])).toEqual({ range: '0,40', positionals: ['data.csv'] });
    expect(rangeWithSpace('0', ['data.csv', '40'])).toEqual({ range: '0,40', positionals: ['data.csv'] });
    expect(rangeWithSpace('0,40', ['data.csv'])).toEqual({ range: '0,40', positionals: ['data.csv'] });
    expect(rangeWithSpace('0', ['a.csv', 'b.csv'])).toEqual({ range: '0', positionals: ['a.csv', 'b.csv'] });
    expect(() => readSettings({ ...defaults, range: '40,0' })).toThrow('MIN must be below MAX');
    expect(() => readSettings({ ...defaults, cutoff: '20' })).toThrow('--cutoff needs --reliability');
    expect(() => readSettings({ ...defaults, cutoff: 'x', reliability: '0.8' })).toThrow('--cutoff must be a number');
  });
});

describe('readStatsCsv with the optional columns', () => {
  it('reads followup, then and group, and leaves them out when the file has none', () => {
    expect(readStatsCsv('pre,post,Follow-up,then,Group\n1,2,3,1.5,Programme\n2,,,,comparison\n')).toEqual({
      pre: [1, 2],
      post: [2, null],
      followup: [3, null],
      thenTest: [1.5, null],
      group: ['programme', 'comparison'],
      rows: 2,
    });
    expect(Object.keys(readStatsCsv('pre,post\n1,2\n'))).toEqual(['pre', 'post', 'rows']);
  });

  it('refuses a group that is neither programme nor comparison, and a score outside the range, naming the row', () => {
    expect(() => readStatsCsv('pre,post,group\n1,2,programme\n2,3,\n')).toThrow(
      'row 3: group "" is neither programme nor comparison',
    );
    expect(() => readStatsCsv('pre,post,followup\n1,2,3\n2,3,41\n', { min: 0, max: 40 })).toThrow(
      'row 3: followup 41 lies outside the range 0 to 40',
    );
  });
});

describe('npm run prepost -- stats', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'prepost-stats-'));
    await writeFile(join(cwd, 'grouped.csv'), GROUPED);
    // Changes of 3e-4 and 2e-4 beside one of 1e6 (issue 14; R: V = 44, exact p = 0.10546875).
    const pre = [12.5, 40, 7, 15, 33, 21, 9, 18, 26, 5e5];
    const post = [12.5003, 40.0002, 9, 18, 28, 14, 17, 27, 38, 1.5e6];
    await writeFile(
      join(cwd, 'small.csv'),
      ['pre,post', ...pre.map((value, index) => `${value},${post[index]}`)].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('prints the keys as JSON and as a table in parts, and exits 2 with a clear message on a mistake', async () => {
    // Run together: each is a process of its own.
    const [json, table, small, outside] = await Promise.all([
      // The spelling, --range MIN MAX, before the file.
      runEntry(
        'prepost',
        ['stats', '--range', '0', '40', 'grouped.csv', '--reliability', '0.8', '--cutoff', '20', '--json'],
        cwd,
      ),
      // A negative MIN needs the = form: parseArgs reads "-10,40" after a space as an option.
      runEntry('prepost', ['stats', 'grouped.csv', '--range=-10,40'], cwd),
      runEntry('prepost', ['stats', 'small.csv', '--json'], cwd),
      runEntry('prepost', ['stats', 'grouped.csv', '--range', '0,20'], cwd),
    ]);
    expect(json.code, json.stderr).toBe(0);
    expectR(JSON.parse(json.stdout) as Record<string, unknown>);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('20 rows (programme rows: 12), 9 with both pre and post');
    expect(table.stdout).toMatch(/\nfollow-up \(followup - pre\)\nn_followup +8\n/);
    expect(table.stdout).toMatch(/\nattrition \(rows with pre and no post\)\nlost_share +0\.25\n/);
    // (53 completers' change, three lost at -10 from pre 9, 14 and 17) / 12 people with pre.
    expect(table.stdout).toContain(`bounds_low           ${(53 + 3 * -10 - 40) / 12}\n`);
    expect(table.stdout).toContain('programme - comparison (quasi-experimental)');
    // Without --reliability and --cutoff the clinical part is left out of the table.
    expect(table.stdout).not.toContain('rci_recovered');
    expect(JSON.parse(small.stdout)).toMatchObject({
      wilcoxon_v: 44,
      p_wilcoxon: 0.10546875,
      wilcoxon_method: 'exact',
    });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('grouped.csv: row 3: post 22 lies outside the range 0 to 20');
  }, 120_000);

  it('exits 2 on a usage mistake, with the usage, which says every new key and option', async () => {
    const mistake = await runEntry('prepost', ['stats', 'grouped.csv', '--range', '40'], cwd);
    expect(mistake.code).toBe(2);
    const output = mistake.stdout + mistake.stderr;
    expect(output).toContain('--range must be MIN MAX (or MIN,MAX), two numbers, such as --range 0 40 (got "40")');
    for (const word of [...NEW_KEYS, '--range MIN MAX', '--cutoff C', 'followup', 'then', 'group', 'programme rows'])
      expect(output).toContain(word);
  }, 60_000);
});
