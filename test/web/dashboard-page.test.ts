/**
 * A scope page of the evaluator workspace rendered from an impact table as aggregation stores it:
 * a negative baseline alpha is flagged in words and never shown as the reliability used;
 * subgroups are the definition's labels, never ids; the full table has one value a cell and comes
 * closed; a programme's session without answers is one line.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_COLUMNS, LATER_COLUMNS, type Impact, type ImpactRow } from '#core/impact-table.ts';
import type { Indicators } from '#core/model.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { Programme } from '#surveys/schema.ts';
import { renderScopePage } from '#web/dashboard-page.ts';

const catalog = shippedCatalog();
const definition = catalog.programmes.get('justrom3-mentoring');
if (definition === undefined) throw new Error('no justrom3-mentoring');
const programme: Programme = {
  ...definition,
  cohorts: [
    {
      id: 'iasi-2020',
      name: 'Iași 2020',
      site: 'Iași',
      attributes: { site: 'iasi' },
      windows: {},
      status: 'open',
      comparison: false,
    },
  ],
  funders: [],
};

const empty = Object.fromEntries(INDICATOR_COLUMNS.map((column) => [column, null])) as unknown as Required<Indicators>;
function row(fields: Partial<ImpactRow>): ImpactRow {
  return {
    ...empty,
    n_pre: 8,
    n_post: 7,
    n_paired: 7,
    n_pre_only: 1,
    wilcoxon_method: 'exact',
    mean_pre_paired: 20.1,
    sd_pre_paired: 4.2,
    mean_post_paired: 23.4,
    sd_post_paired: 3.9,
    mean_change: 3.3,
    ci95_low: -0.2,
    ci95_high: 6.8,
    g_av: 0.78,
    alpha_baseline: -0.74,
    programme: programme.id,
    cohort: 'iasi-2020',
    session: 'individual-meeting-1',
    instrument: 'rosenberg-self-esteem',
    part: null,
    dimension: null,
    value: null,
    ...fields,
  };
}

const impact: Impact = {
  programme: programme.id,
  rows: [
    row({ instrument: 'community-leadership' }),
    row({ instrument: 'community-leadership', dimension: 'site', value: 'iasi', alpha_baseline: null }),
    row({ session: 'group-session-1', n_pre: 0, n_post: 0, n_paired: 0, mean_change: null }),
    // A knowledge quiz: a usable-looking alpha, no reliability (quizzes have none), no reliable change.
    row({
      instrument: 'rights-justice-quiz',
      mean_pre_paired: 55,
      mean_post_paired: 70,
      mean_change: 15,
      alpha_baseline: 0.76,
      gain_of_averages: 0.33,
    }),
  ],
  computedAt: { 'iasi-2020': '2026-03-04T10:15:00.000Z' },
  responseRates: { 'iasi-2020': { participants: 9, answered: { 'individual-meeting-1:pre': 8 } } },
  changes: {},
  recomputing: [],
};

/** Every numeric indicator a hair below zero, as sums of floating-point changes leave them. */
const hairs = Object.fromEntries(
  INDICATOR_COLUMNS.filter((column) => !/^n_|wilcoxon_method|reliability_source|csc_criterion|rci_/.test(column)).map(
    (column) => [column, -0.0001],
  ),
) as Partial<ImpactRow>;
const nearZero: Impact = {
  ...impact,
  rows: [
    row({ ...hairs, reliability: 0.8, reliability_source: 'published', rci_improved: 0, rci_unchanged: 7 }),
    row({ ...hairs, instrument: 'rights-justice-quiz', dimension: 'site', value: 'iasi' }),
    row({ ...hairs, instrument: 'rights-justice-quiz', mean_pre_paired: -0, mean_post_paired: -0 }),
  ],
  changes: {
    'iasi-2020|individual-meeting-1|rosenberg-self-esteem': [
      [-0.0001, 3],
      [0, 4],
    ],
  },
};

describe('a cohort page of the workspace', () => {
  const page = (language: 'en' | 'ro') =>
    renderScopePage(catalog, programme, impact, { cohort: 'iasi-2020' }, { language, path: '/dashboard' }).body ?? '';

  it('flags a negative baseline alpha in words and shows no reliability as used', () => {
    const text = page('en');
    expect(text).toContain(
      '<p class="flag">Baseline alpha −0.74: the items did not hang together in this group; reliable change is not ' +
        'computed.</p>',
    );
    expect(text).toContain('<dt>Reliability</dt><dd>None used; baseline alpha −0.74</dd>');
    expect(text).toContain('<dt>Reliable change</dt><dd>Not computed: no usable reliability.</dd>');
  });

  it('says that knowledge quizzes do not use reliable change, and shows their alpha as no missing reliability', () => {
    const text = page('en');
    const card = /<li><h4>Rights and access to justice[^<]*<\/h4>.*?<\/dl>/.exec(text)?.[0] ?? '';
    expect(card).toContain('<dt>Reliable change</dt><dd>Reliable change is not used for knowledge quizzes.</dd>');
    expect(card).toContain(
      '<dt>Reliability</dt><dd>Baseline alpha 0.76 (how consistently the items were answered; not used for ' +
        'reliable change)</dd>',
    );
    expect(card).not.toContain('no usable reliability');
    expect(card).not.toContain('None used');
    expect(page('ro')).toContain('Schimbarea fiabilă nu se folosește pentru chestionarele de cunoștințe.');
  });

  it('prints no negative zero anywhere, in the text, the tables or the charts', () => {
    for (const language of ['en', 'ro'] as const) {
      const body =
        renderScopePage(catalog, programme, nearZero, { cohort: 'iasi-2020' }, { language, path: '/dashboard' }).body ??
        '';
      // What a reader sees or hears: text between tags, and the charts' accessible names.
      const shown = [
        ...[...body.matchAll(/>([^<]+)</g)].map((match) => match[1] ?? ''),
        ...[...body.matchAll(/aria-label="([^"]*)"/g)].map((match) => match[1] ?? ''),
      ].join('\n');
      expect(shown).toContain('0');
      expect(shown, language).not.toMatch(/[−+-]0(?:[.,]0+)?(?![.,]?\d)/);
    }
  });

  it('speaks in the definition’s labels and the reader’s dates, in the reader’s language', () => {
    const en = page('en');
    expect(en).toContain('<strong>Iași</strong>: 7 completers: +3.30 (95% CI −0.20 to 6.80), g_av 0.78, medium');
    expect(en).toContain('Includes the answers received up to 4 Mar 2026, 10:15 UTC.');
    expect(en).not.toMatch(/>[^<]*\b(site|iasi|iasi-2020|individual-meeting-1)\b[^<]*</);
    const ro = page('ro');
    expect(ro).toContain('<html lang="ro">');
    expect(ro).toContain('<h3>Pe subgrupuri</h3>');
    expect(ro).toMatch(/Include răspunsurile primite până la 4 mar\.? 2026/);
  });

  it('shows a session without answers as one line, and the full table closed with one value a cell', () => {
    const en = page('en');
    expect(en).toContain('<p class="empty">No answers yet for Group session 1 (self-awareness games, role play).</p>');
    expect(en).toContain('<p class="empty">No answers yet for Individual meeting 2.</p>');
    expect(en).toMatch(/<details><summary>Every indicator \(full table\)<\/summary>/);
    expect(en).not.toContain('<details open');
    const cells = [...en.matchAll(/<td>([^<]*)<\/td>/g)].map((match) => match[1] ?? '');
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(cell).not.toMatch(/ \/ |; /);
  });
});

/** What issue 14's designs add to a cell (attrition and bounds, follow-up, then-test, norms, comparison). */
const later: Partial<ImpactRow> = {
  lost_share: 0.125,
  bounds_low: -0.4,
  bounds_high: 5.1,
  n_followup: 6,
  mean_change_followup: 2.4,
  sd_change_followup: 1.9,
  ci95_low_followup: 0.4,
  ci95_high_followup: 4.4,
  n_post_followup: 6,
  mean_change_post_followup: -0.8,
  ci95_low_post_followup: -2,
  ci95_high_post_followup: 0.4,
  n_all_waves: 6,
  n_sustained: 4,
  lost_share_followup: 0.25,
  bounds_low_followup: -1.5,
  bounds_high_followup: 4.25,
  n_then: 7,
  mean_change_then: 4.6,
  ci95_low_then: 2.1,
  ci95_high_then: 7.1,
  n_shift: 7,
  mean_response_shift: -1.3,
  ci95_low_shift: -2.4,
  ci95_high_shift: -0.2,
  csc_cutoff: 15,
  csc_criterion: 'published',
  rci_recovered: 2,
  typical_pre_share: 0.43,
  typical_post_share: 0.71,
  n_comparison: 9,
  mean_change_comparison: 0.6,
  did_estimate: 2.7,
  did_ci95_low: -0.1,
  did_ci95_high: 5.5,
  did_df: 13.2,
  did_g: 0.71,
};

describe('what applies beyond before-after, on the workspace', () => {
  const withFollowup: Programme = {
    ...programme,
    sessions: programme.sessions.map((session) => ({
      ...session,
      followup: { monthsAfter: 6 },
    })) as Programme['sessions'],
    cohorts: [
      ...programme.cohorts,
      {
        id: 'waiting-2020',
        name: 'Waiting list 2020',
        attributes: { site: 'iasi' },
        windows: {},
        status: 'open',
        comparison: true,
      } as Programme['cohorts'][number],
    ],
  };
  const render = (impactOf: Impact, cohort: string, language: 'en' | 'ca' = 'en'): string =>
    renderScopePage(catalog, withFollowup, impactOf, { cohort }, { language, path: '/dashboard' }).body ?? '';
  const headings = (body: string): string[] =>
    [...body.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((match) => match[1] ?? '');

  it('says each finding beside the change, in sentences, and puts the numbers in the full table', () => {
    const evaluated: Impact = {
      ...impact,
      rows: [row({ ...later, rci_improved: 3, rci_unchanged: 4, rci_deteriorated: 0 })],
    };
    const body = render(evaluated, 'iasi-2020');
    const card = /<li><h4>Rosenberg[^<]*<\/h4>.*?<\/dl>/.exec(body)?.[0] ?? '';
    expect(card).toContain('<ul class="lines evaluation">');
    // One line per topic, led by its label.
    for (const topic of ['Who was lost', 'Follow-up', 'Response shift (then-test)', 'Clinically significant change'])
      expect(card).toContain(`<li><strong>${topic}:</strong> `);
    expect(card.match(/<li><strong>/g)).toHaveLength(5);
    for (const sentence of [
      '13% of the people who answered before did not answer after (1 of 8): within the 20% loss to follow-up it ' +
        'accepts (NHLBI quality assessment tool for before-after studies).',
      'If everyone who did not answer again had scored the lowest possible, the average change would be −0.4; the ' +
        'highest possible, +5.1 (Manski bounds, over everyone who answered before).',
      '6 months later the change from the start was +2.4 (95% CI 0.4 to 4.4); 6 people answered both times.',
      '4 of the 6 people who answered all three times had improved by the end and were still better than at the ' +
        'start.',
      'Looking back, people rated their starting point 1.3 points lower than they did at the start',
      'Measured from that look back, the change to the end was +4.6 (95% CI 2.1 to 7.1).',
      '2 of 7 moved from the atypical into the typical range with a reliable improvement (Jacobson &amp; Truax ' +
        '1991: cut-off 15, a published cut-off).',
      'The programme’s participants did 2.7 points better than the comparison group (95% CI −0.1 to 5.5), ' +
        'Hedges’ g 0.71: a quasi-experimental estimate',
    ])
      expect(card).toContain(sentence);
    const columns = headings(body);
    // Every column of issue 14 has its heading when a row has it (the fixture has them all).
    expect(columns).toHaveLength(32 + LATER_COLUMNS.length);
    for (const column of ['Lost share', 'Bound (lowest)', 'Change to follow-up', 'Response shift', 'Recovered'])
      expect(columns).toContain(column);
    expect(body).toContain('<td>13%</td>');
    expect(body).toContain('<td>+2.70</td>');
    expect(render(evaluated, 'iasi-2020', 'ca')).toContain('6 mesos després, el canvi des de l’inici era +2,4');
    // The methods say how each is computed, only where the page has it.
    expect(body).toContain('<li>Then-test (Howard’s retrospective pre-test): at the end people also rate');
    expect(body).toContain('<li>Comparison group (a waiting list): the programme’s mean change minus');
  });

  it('leaves a plain before-after design as it was: no sentence more, no column more', () => {
    const plain = render(impact, 'iasi-2020');
    expect(plain).not.toContain('class="lines evaluation"');
    expect(headings(plain)).toHaveLength(32);
    expect(headings(plain)).not.toContain('Lost share');
    expect(plain).not.toContain('Manski');
  });

  it('names a comparison cohort as a comparison group, and says the pool leaves it out', () => {
    const rates = { participants: 9, answered: {} };
    const withComparison: Impact = {
      ...impact,
      computedAt: {
        ...impact.computedAt,
        'waiting-2020': '2026-03-04T10:15:00.000Z',
        pooled: '2026-03-04T10:15:00.000Z',
      },
      responseRates: { ...impact.responseRates, 'waiting-2020': rates },
      rows: [...impact.rows, row({ cohort: 'waiting-2020' })],
    };
    const waiting = render(withComparison, 'waiting-2020');
    expect(waiting).toContain('<h1>Waiting list 2020 (comparison group)</h1>');
    expect(waiting).toContain('A comparison group (a waiting list): not yet in the programme');
    expect(render(withComparison, 'pooled')).toContain('(comparison groups apart)');
  });
});
