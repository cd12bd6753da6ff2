/**
 * A scope page of the evaluator workspace rendered from an impact table as aggregation stores it:
 * a negative baseline alpha is flagged in words and never shown as the reliability used;
 * subgroups are the definition's labels, never ids; the full table has one value a cell and comes
 * closed; a programme's session without answers is one line.
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_COLUMNS, type Impact, type ImpactRow } from '#core/impact-table.ts';
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
    { id: 'iasi-2020', name: 'Iași 2020', site: 'Iași', attributes: { site: 'iasi' }, windows: {}, status: 'open' },
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
  INDICATOR_COLUMNS.filter((column) => !/^n_|wilcoxon_method|reliability_source|csc_criterion|rci_/.test(column)).map((column) => [
    column,
    -0.0001,
  ]),
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
