/**
 * What a funder reads: the summary page and one funder's message (subject, HTML, plain text),
 * rendered from hand-made summaries with programme-wide, cohort, subgroup, hidden and carried
 * rows (the shapes `buildSummary` publishes), in each of the four languages. The HTML is what
 * mail programs show (no SVG, stylesheet, script or remote image); hidden rows never show a
 * figure; labels are the definitions' names, never ids; changes for the worse are called so.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { LANGUAGES, type Language, type Programme } from '#surveys/schema.ts';
import type { GroupKey, IndicatorRow, Indicators } from '#core/model.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import {
  buildSummary,
  lostShare,
  SUMMARY_SCHEMA,
  type Summary,
  type SummaryIndicators,
  type SummaryRow,
} from '#core/summary.ts';
import { renderSummaryHtml, summaryRenderer } from '#web/summary-page.ts';
import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();
const renderer = summaryRenderer(catalog);
const dones = shippedProgramme('dones-mentores', catalog);
const justrom3 = shippedProgramme('justrom3-mentoring', catalog);

/** A shown row's figures: before, change, its interval and g_av. */
function figures(before: number, change: number, low: number, high: number, g: number): SummaryIndicators {
  return { mean_pre: before, mean_post: before + change, mean_change: change, ci95_low: low, ci95_high: high, g_av: g };
}

function shown(
  cohort: string | null,
  instrument: string,
  indicators: SummaryIndicators,
  counts: { paired: number; started: number },
  group: GroupKey | null = null,
  asOf?: string,
): SummaryRow {
  return {
    cohort,
    session: cohort === null ? null : 'mentoring-cycle',
    instrument,
    group,
    n_paired: counts.paired,
    n_started: counts.started,
    lost_share: lostShare(counts.started - counts.paired, counts.started),
    suppressed: false,
    suppression: null,
    indicators,
    ...(asOf === undefined ? {} : { as_of: asOf }),
  };
}

function hidden(cohort: string | null, instrument: string, group: GroupKey | null = null): SummaryRow {
  return {
    cohort,
    session: cohort === null ? null : 'mentoring-cycle',
    instrument,
    group,
    n_paired: null,
    n_started: null,
    lost_share: null,
    suppressed: true,
    suppression: { reason: 'fewer-than-k', explanation: 'fewer than 10' },
    indicators: null,
  };
}

const summaryOf = (rows: SummaryRow[], period = '2026-11'): Summary => ({
  schema: SUMMARY_SCHEMA,
  programme: 'dones-mentores',
  period,
  k: 10,
  rows,
});

/** Dones Mentores in its final month: the pool, both cohorts, a carried cell, worse loneliness, hidden groups. */
const FINAL = summaryOf([
  shown(null, 'rosenberg-self-esteem', figures(17.4, 2.1, 1.2, 3.0, 0.61), { paired: 45, started: 55 }),
  shown(null, 'ucla-loneliness-3', figures(5.2, 0.8, 0.3, 1.3, 0.44), { paired: 45, started: 55 }),
  shown(null, 'mood', figures(3.1, 0.3, -0.2, 0.8, 0.15), { paired: 40, started: 50 }),
  shown('barcelona-2026', 'rosenberg-self-esteem', figures(17.1, 2.6, 1.3, 3.9, 0.74), { paired: 25, started: 30 }),
  shown(
    'girona-2026',
    'rosenberg-self-esteem',
    figures(17.9, 1.4, 0.1, 2.7, 0.41),
    { paired: 20, started: 25 },
    null,
    '2026-10',
  ),
  shown('barcelona-2026', 'ucla-loneliness-3', figures(5.0, 1.1, 0.4, 1.8, 0.52), { paired: 25, started: 30 }),
  hidden('girona-2026', 'ucla-loneliness-3'),
  shown(
    'barcelona-2026',
    'rosenberg-self-esteem',
    figures(16.0, 3.3, 1.0, 5.6, 0.8),
    { paired: 15, started: 15 },
    {
      dimension: 'age-band',
      value: '60-plus',
    },
  ),
  hidden('barcelona-2026', 'rosenberg-self-esteem', { dimension: 'age-band', value: '18-29' }),
  hidden('girona-2026', 'mood'),
]);

const messageIn = (language: Language, summary: Summary = FINAL) =>
  renderer.message(summary, dones, { name: 'Fundació Exemple', email: 'f@example.org', language });

describe('the subject', () => {
  const expected: Record<Language, string> = {
    en: 'Dones Mentores: summary for November 2026',
    ro: 'Dones Mentores: rezumatul lunii noiembrie 2026',
    es: 'Dones Mentores: resumen de noviembre de 2026',
    ca: 'Dones Mentores: resum de novembre del 2026',
  };
  for (const language of LANGUAGES)
    it(`names the programme and the month in ${language}`, () => {
      expect(messageIn(language).subject).toBe(expected[language]);
    });

  it('names a month that starts with a vowel as Catalan elides it', () => {
    expect(messageIn('ca', { ...FINAL, period: '2026-10' }).subject).toBe('Dones Mentores: resum d’octubre del 2026');
  });

  it('uses the programme’s name in the language, and the default language when the funder has none', () => {
    const message = renderer.message(FINAL, justrom3, { name: 'Office', email: 'o@example.org' });
    expect(message.subject).toBe('Mentorat JUSTROM3: rezumatul lunii noiembrie 2026');
  });
});

describe('the HTML that mail programs show', () => {
  for (const language of LANGUAGES)
    it(`has no SVG, stylesheet, script or remote image, in ${language}`, () => {
      for (const body of [messageIn(language).html, renderer.page(FINAL, dones, language)]) {
        for (const banned of ['<svg', '<style', '<script', 'src="http', '<link', '<img'])
          expect(body).not.toContain(banned);
        expect(body).toContain(`<html lang="${language}">`);
      }
    });

  it('draws each change as a bar of table cells beside its value as text', () => {
    const page = renderer.page(FINAL, dones, 'en');
    expect(page).toMatch(/<td width="\d+%" style="[^"]*background:#2e7d32">&nbsp;<\/td>/);
    expect(page).toMatch(/<td width="\d+%" style="[^"]*background:#c62828">&nbsp;<\/td>/);
    expect(page).toContain('>+2.1<');
  });

  it('greets the funder and names the programme’s contact, with a mailto link', () => {
    const { html } = messageIn('en');
    expect(html).toContain('Dear Fundació Exemple,');
    expect(html).toContain('Dones Mentores coordination team, Dones Mentores');
    expect(html).toContain('href="mailto:coordinacio@dones-mentores.example"');
  });

  it('escapes what a coordinator typed as the funder’s name', () => {
    const message = renderer.message(FINAL, dones, { name: '<b>Board</b>', email: 'b@example.org', language: 'en' });
    expect(message.html).toContain('Dear &lt;b&gt;Board&lt;/b&gt;,');
  });
});

describe('what the funder reads', () => {
  it('leads with the programme-wide headline, naming cohorts and the strongest changes', () => {
    const page = renderer.page(FINAL, dones, 'en');
    const headline =
      'Across 45 participants in 2 cohorts (Barcelona 2026, Girona 2026), from first answer to last: ' +
      'Rosenberg Self-Esteem Scale, up 2.1 points (95% CI 1.2 to 3.0), an improvement (medium effect); ' +
      'UCLA 3-item Loneliness Scale, up 0.8 points (95% CI 0.3 to 1.3), a deterioration (small effect); ' +
      'Mood, up 0.3 points (95% CI -0.2 to 0.8), possibly chance (the interval includes no change).';
    expect(page).toContain(headline);
    // Findings by measure, the strongest first.
    expect(page.indexOf('<h3')).toBeLessThan(page.indexOf('>Rosenberg Self-Esteem Scale</h3>'));
    expect(page.indexOf('>Rosenberg Self-Esteem Scale</h3>')).toBeLessThan(
      page.indexOf('>UCLA 3-item Loneliness Scale</h3>'),
    );
    expect(page.indexOf('>UCLA 3-item Loneliness Scale</h3>')).toBeLessThan(page.indexOf('>Mood</h3>'));
  });

  it('puts a clear change before a larger one that may be chance', () => {
    const summary = summaryOf([
      shown(null, 'mood', figures(3, 0.9, -0.1, 1.9, 0.9), { paired: 40, started: 45 }),
      shown(null, 'personal-safety', figures(12, 0.6, 0.1, 1.1, 0.25), { paired: 40, started: 45 }),
    ]);
    const page = renderer.page(summary, dones, 'en');
    expect(page.indexOf('>Personal safety</h3>')).toBeLessThan(page.indexOf('>Mood</h3>'));
    expect(page).toContain('from first answer to last: Personal safety, up 0.6 points');
  });

  it('names a rise in loneliness a deterioration, in every language', () => {
    const words: Record<Language, string> = {
      en: 'a deterioration',
      ro: 'o înrăutățire',
      es: 'un empeoramiento',
      ca: 'un empitjorament',
    };
    for (const language of LANGUAGES) {
      const { text } = messageIn(language);
      const line = text.split('\n').find((candidate) => /^- Barcelona 2026: .*5[.,]0 .*6[.,]1/.test(candidate));
      expect(line, language).toContain(words[language]);
    }
  });

  it('puts one sentence per cohort under its measure, a carried one marked with its month', () => {
    const { text } = messageIn('en');
    expect(text).toContain(
      '- Barcelona 2026: up 2.6 points (95% CI 1.3 to 3.9), an improvement (medium effect); from 17.1 to 19.7; ' +
        '25 people answered before and after.',
    );
    expect(text).toContain('- Girona 2026 (figures from October 2026): up 1.4 points');
    const catalan = messageIn('ca').text;
    expect(catalan).toContain('- Girona 2026 (xifres d’octubre del 2026): augment de 1,4 punts');
  });

  it('says enrolment, completion and attrition in words, against the 20% criterion', () => {
    expect(messageIn('en').text).toContain(
      '45 of 55 participants who started answered again (82%); 10 (18%) did not, within the 20% loss to follow-up',
    );
    expect(messageIn('ro').text).toContain(
      '45 din cei 55 de participanți care au început au răspuns din nou (82\u00a0%); 10 (18\u00a0%) nu au mai răspuns',
    );
  });

  it('shows no figure of a hidden row, and says why it is hidden', () => {
    const page = renderer.page(FINAL, dones, 'en');
    const girona = [...page.matchAll(/<li[^>]*>(Girona 2026: not shown[^<]*)<\/li>/g)].map((match) => match[1]);
    expect(girona).toEqual([
      'Girona 2026: not shown, as fewer than 10 people answered before and after.',
      'Girona 2026: not shown, as fewer than 10 people answered before and after.',
    ]);
    // Nor in the bar charts: only the shown Girona row (self-esteem, carried) has a bar.
    expect(page.match(/<tr><td[^>]*>Girona 2026/g)).toHaveLength(1);
    expect(page).toContain('1 result by group is not shown, to protect small groups.');
    expect(page).toContain('<br><span style="color:#555">(figures from October 2026)</span>');
  });

  it('uses the definitions’ labels, never ids', () => {
    for (const language of LANGUAGES) {
      const { html, text } = messageIn(language);
      for (const body of [html, text])
        for (const id of [
          'age-band',
          '60-plus',
          'barcelona-2026',
          'girona-2026',
          'rosenberg-self-esteem',
          'mentoring-cycle',
        ])
          expect(body, `${language}: ${id}`).not.toContain(id);
    }
    expect(messageIn('ca').html).toContain('Barcelona 2026 · Franja d’edat: 60 anys o més'.replace('’', '&#39;'));
  });

  it('has a methods and limitations box along the NHLBI checklist, with each measure’s reliability', () => {
    const { text } = messageIn('en');
    expect(text).toContain('NHLBI quality assessment tool for before-after (pre-post) studies');
    expect(text).toContain('before and after, with no comparison group');
    expect(text).toContain('Rosenberg Self-Esteem Scale: published reliability 0.88 (Gray-Little');
    expect(text).toContain('Mood: a single question: no reliability can be estimated');
    expect(text).toContain('regression to the mean');
    expect(text).toContain('counts below 50 are rounded to the nearest 5');
  });

  it('has a plain-text part that reads alone: headline, findings, participation, methods, contact', () => {
    const { text } = messageIn('en');
    expect(text).toMatch(/^Dones Mentores: summary for November 2026\n\nDear Fundació Exemple,/);
    expect(text).toContain('Across 45 participants in 2 cohorts');
    expect(text).toContain('Questions about this summary: Dones Mentores coordination team, Dones Mentores: ');
    expect(text).toContain('coordinacio@dones-mentores.example');
    expect(text).not.toMatch(/<[a-z]/);
  });

  for (const language of ['ro', 'es', 'ca'] as const)
    it(`leaves no English in the fixed words in ${language}`, () => {
      const { html, text } = messageIn(language);
      for (const english of ['Dear', 'summary for', 'Findings', 'Across', 'points', 'improvement', 'people', 'Methods'])
        expect(`${html}\n${text}`, english).not.toContain(english);
      // Numbers as the language writes them.
      expect(text).toContain('2,1');
    });
});

describe('when little or nothing can be shown', () => {
  it('falls back to the cohorts when no programme-wide result is shown', () => {
    const summary = summaryOf(FINAL.rows.filter((row) => row.cohort !== null));
    expect(renderer.page(summary, dones, 'en')).toContain(
      'No programme-wide result can be shown this month. By cohort: ' +
        'Rosenberg Self-Esteem Scale (Barcelona 2026), up 2.6',
    );
  });

  it('says why when everything is hidden, and never that nobody answered when results are carried', () => {
    const allHidden = summaryOf([hidden(null, 'mood'), hidden('barcelona-2026', 'mood')]);
    const page = renderer.page(allHidden, dones, 'en');
    expect(page).toContain('No result can be shown yet: every group so far has fewer than 10 people');
    expect(page).not.toContain('Not enough people have answered');
    const carried = summaryOf([
      shown(null, 'mood', figures(3, 0.5, 0.2, 0.8, 0.5), { paired: 40, started: 45 }, null, '2026-09'),
      hidden('barcelona-2026', 'mood'),
    ]);
    const carriedPage = renderer.page(carried, dones, 'en');
    expect(carriedPage).toContain('Across 40 participants');
    expect(carriedPage).toContain('Mood (figures from September 2026), up 0.5 points');
    expect(carriedPage).not.toContain('No result can be shown');
  });
});

describe('a summary built by buildSummary', () => {
  /** Every indicator of an empty cell, for the fields a row does not set. */
  const EMPTY: Indicators = (() => {
    const indicators = computeCohortIndicators(justrom3, catalog, 'iasi-2020', [])[0]?.indicators;
    if (indicators === undefined) throw new Error('no empty row');
    return indicators;
  })();
  const row = (cohort: string, n: number, change: number): IndicatorRow => ({
    cohort,
    session: 'individual-meeting-1',
    instrument: 'rosenberg-self-esteem',
    group: null,
    indicators: {
      ...EMPTY,
      n_pre: n + 3,
      n_paired: n,
      mean_pre_paired: 15,
      mean_post_paired: 15 + change,
      mean_change: change,
      ci95_low: change - 1,
      ci95_high: change + 1,
      g_av: change / 4,
    },
  });

  it('renders, in Romanian, with session names and a hidden small cohort', () => {
    const programme: Programme = justrom3;
    const { summary } = buildSummary(programme, '2026-02', [row('iasi-2020', 20, 2), row('bucharest-2020', 3, -4)]);
    const page = renderSummaryHtml(catalog, programme, summary);
    expect(page).toContain('<html lang="ro">');
    expect(page).toContain('Iași 2020 · Întâlnire individuală 1: creștere de 2,0 puncte');
    expect(page).toContain('Bucharest 2020 · Întâlnire individuală 1: nu se arată, deoarece mai puțin de 5 persoane');
    expect(page).not.toContain('-4,0');
  });
});
