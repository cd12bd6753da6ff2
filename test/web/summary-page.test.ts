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
import { escapeHtml as escaped } from '#web/html.ts';
import { summaryPagePolicy } from '#web/summaries-page.ts';
import { renderSummaryHtml, summaryRenderer } from '#web/summary-page.ts';
import { deCa, PREVIEW_STRINGS, SUMMARY_STRINGS } from '#web/summary-strings.ts';
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
      // One session: the programme-wide result spans no more than the cohorts', so no "first answer to last".
      'Across about 45 participants in 2 cohorts (Barcelona 2026, Girona 2026): ' +
      'Rosenberg Self-Esteem Scale, up 2.1 points (95% CI from 1.2 to 3.0), an improvement (medium effect); ' +
      'UCLA 3-item Loneliness Scale, up 0.8 points (95% CI from 0.3 to 1.3), a deterioration (small effect); ' +
      'Mood, up 0.3 points (95% CI from \u22120.2 to 0.8), possibly chance (the interval includes no change).';
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
    expect(page).toContain('(Barcelona 2026, Girona 2026): Personal safety, up 0.6 points');
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
      '- Barcelona 2026: up 2.6 points (95% CI from 1.3 to 3.9), an improvement (medium effect); from 17.1 to 19.7; ' +
        'about 25 people answered before and after.',
    );
    expect(text).toContain('- Girona 2026 (figures from October 2026): up 1.4 points');
    const catalan = messageIn('ca').text;
    expect(catalan).toContain(
      '- Girona 2026 (xifres d’octubre del 2026): augment d’1,4 punts (IC 95\u00a0%: de 0,1 a 2,7)',
    );
  });

  it('says enrolment, completion and attrition in words, against the 20% criterion', () => {
    // 45 completers is rounded (below 50), 55 who started is not: the share lost is the published one.
    expect(messageIn('en').text).toContain(
      '55 participants started and about 45 answered again; about 20% did not answer again, within the 20% loss',
    );
    expect(messageIn('ro').text).toContain(
      '55 de participanți au început și aproximativ 45 au răspuns din nou; aproximativ 20\u00a0% nu au mai răspuns',
    );
    // Exact counts (both at or above the rounding threshold) say their own share.
    const exact = summaryOf([shown(null, 'mood', figures(3, 0.5, 0.2, 0.8, 0.5), { paired: 52, started: 70 })]);
    expect(renderer.page(exact, dones, 'en')).toContain(
      '52 of 70 participants who started answered again (74%); 18 (26%) did not, more than the 20% loss',
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
    expect(text).toContain('Across about 45 participants in 2 cohorts');
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
    expect(carriedPage).toContain('Across about 40 participants');
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
      n_pre_only: 3,
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
    // Each cohort's result is of one session, and says so: the programme has several.
    expect(page).toContain('Iași 2020 · Întâlnire individuală 1 (o singură sesiune): creștere de 2,0 puncte');
    expect(page).toContain(
      'Bucharest 2020 · Întâlnire individuală 1 (o singură sesiune): nu se arată, deoarece mai puțin de 5 persoane',
    );
    expect(page).not.toContain('-4,0');
  });
});

/** Every word a funder reads in a language: the page's and the message HTML's text (tags dropped), the plain text. */
function everything(summary: Summary, programme: Programme, language: Language): string {
  const message = renderer.message(summary, programme, { name: 'F', email: 'f@example.org', language });
  const words = (body: string): string => body.replace(/<[^>]*>/g, ' ');
  return `${words(renderer.page(summary, programme, language))}\n${words(message.html)}\n${message.text}`;
}

describe('attrition from the published share lost, never from rounded counts', () => {
  /** A programme-wide row from exact counts, published as buildSummary does: counts rounded, share rounded up. */
  const exactly = (instrument: string, paired: number, started: number): SummaryRow => ({
    ...shown(null, instrument, figures(3, 0.5, 0.2, 0.8, 0.5), { paired, started }),
    n_paired: Math.round(paired / 5) * 5,
    n_started: Math.round(started / 5) * 5,
    lost_share: lostShare(started - paired, started),
  });

  it('says 23 of 27 (both rounded to 25) as about 25 and about 15% lost, never 100% or nobody lost', () => {
    const summary = summaryOf([exactly('mood', 23, 27)]);
    const sayings: Record<Language, string> = {
      en: 'About 25 participants started and about 25 answered again; about 15% did not answer again, within',
      ro: 'Aproximativ 25 de participanți au început și aproximativ 25 au răspuns din nou; aproximativ 15\u00a0% nu',
      es: 'Alrededor de 25 personas participantes empezaron y alrededor de 25 volvieron a responder; alrededor',
      ca: 'Al voltant de 25 persones participants van començar i al voltant de 25 van tornar a respondre; al voltant',
    };
    for (const language of LANGUAGES) {
      const all = everything(summary, dones, language);
      expect(all, language).toContain(sayings[language]);
      expect(all, language).not.toMatch(/100\s?%|\(0\s?%\)/);
      for (const nobody of ['all answered', 'toți au răspuns', 'todas volvieron', 'totes van tornar'])
        expect(all, language).not.toContain(nobody);
    }
  });

  it('judges the 20% limit from the exact share: 19 of 24 (rounded 20 of 25, 20%) lost more than 20%', () => {
    const summary = summaryOf([exactly('mood', 19, 24)]);
    const text = messageIn('en', summary).text;
    expect(text).toContain('about 25% did not answer again, more than the 20% loss to follow-up');
    expect(text).not.toContain('within the 20%');
  });

  it('says a share lost of 5% as "up to 5%", and never that nobody was lost', () => {
    const text = messageIn('en', summaryOf([exactly('mood', 44, 45)])).text;
    expect(text).toContain('About 45 participants started and about 45 answered again; up to 5% did not answer again');
    expect(messageIn('ca', summaryOf([exactly('mood', 44, 45)])).text).toContain('fins a un 5\u00a0% no va tornar');
  });

  it('says nobody was lost only when the share lost is 0', () => {
    const text = messageIn('en', summaryOf([exactly('mood', 25, 25)])).text;
    expect(text).toContain('About 25 participants started and all answered again.');
  });

  it('gives no share for a carried row published before lost_share, only the rounded counts', () => {
    const old = { ...exactly('mood', 23, 27), lost_share: null, as_of: '2026-09' };
    const text = messageIn('en', summaryOf([old])).text;
    expect(text).toContain('About 25 participants started and about 25 answered again (figures from September 2026).');
    expect(text).not.toMatch(/%\) did not|% did not answer again/);
  });
});

describe('the participation basis', () => {
  // A measure few answered again (mood, 10 of 15) listed before the one most answered (self-esteem, 15 of 15).
  const rows = [
    shown(null, 'mood', figures(3, 0.5, 0.2, 0.8, 0.5), { paired: 10, started: 15 }),
    shown(null, 'rosenberg-self-esteem', figures(17, 2, 1, 3, 0.6), { paired: 15, started: 15 }),
  ];

  it('is the programme-wide row with the most completers, named when the measures differ, in any order', () => {
    const texts = [rows, [...rows].reverse()].map((order) => messageIn('en', summaryOf(order)).text);
    expect(texts[0]).toBe(texts[1]);
    const text = texts[0] ?? '';
    expect(text).toContain('Across about 15 participants');
    expect(text).toContain(
      'Who took part\n-------------\nAbout 15 participants started and all answered again ' +
        '(based on Rosenberg Self-Esteem Scale).',
    );
  });

  it('gives each measure its own attrition in its section', () => {
    const text = messageIn('en', summaryOf(rows)).text;
    expect(text).toContain(
      'Who answered this measure: Whole programme: about 15 participants started and about 10 answered again; ' +
        'about 35% did not answer again, more than the 20% loss to follow-up',
    );
    expect(text).toContain(
      'Who answered this measure: Whole programme: about 15 participants started and all answered',
    );
  });
});

describe('programme-wide and one-session results side by side', () => {
  const pool = shown(null, 'rosenberg-self-esteem', figures(15, 2, 1, 3, 0.5), { paired: 60, started: 70 });
  const cohort: SummaryRow = {
    ...shown('iasi-2020', 'rosenberg-self-esteem', figures(15, 1, 0.2, 1.8, 0.3), { paired: 30, started: 35 }),
    session: 'individual-meeting-1',
  };
  const summary = { ...summaryOf([pool, cohort]), programme: 'justrom3-mentoring', k: 5 };

  it('labels each with its span and draws them in two bar tables with captions, in every language', () => {
    for (const language of LANGUAGES) {
      const words = SUMMARY_STRINGS[language];
      const page = renderer.page(summary, justrom3, language);
      const whole = words.wholeProgramme(true);
      const iasi = words.oneSession('Iași 2020', justrom3.sessions[0]?.name[language] ?? 'Individual meeting 1');
      const captions = [...page.matchAll(/<caption[^>]*>([^<]*)<\/caption>/g)].map((match) => match[1]);
      expect(captions, language).toEqual([words.poolBars, words.sessionBars].map(escaped));
      const pools = page.indexOf(`>${escaped(whole)}</td>`);
      const cohorts = page.indexOf(`>${escaped(iasi)}</td>`);
      expect(pools, language).toBeGreaterThan(page.indexOf(escaped(words.poolBars)));
      expect(cohorts, language).toBeGreaterThan(page.indexOf(escaped(words.sessionBars)));
    }
    const { text } = renderer.message(summary, justrom3, { name: 'F', email: 'f@example.org', language: 'en' });
    expect(text).toContain('- Whole programme (first to last answer): up 2.0 points');
    expect(text).toContain('- Iași 2020 · Individual meeting 1 (one session): up 1.0 points');
    expect(text).toContain('Across 60 participants in 1 cohort (Iași 2020), from first answer to last:');
  });
});

describe('numbers', () => {
  it('prints a bound that rounds to zero as 0.0, ranges with words and a real minus, counts labelled', () => {
    const group = shown(
      null,
      'rosenberg-self-esteem',
      figures(15, -0.4, -1.6, 0.1, -0.1),
      { paired: 15, started: 15 },
      { dimension: 'age-band', value: '60-plus' },
    );
    const summary = summaryOf([
      shown(null, 'mood', figures(3, 0.9, -0.0019, 1.8, 0.5), { paired: 60, started: 70 }),
      group,
    ]);
    const all = everything(summary, dones, 'en');
    expect(all).toContain('95% CI from 0.0 to 1.8');
    expect(all).not.toMatch(/[-\u2212]0\.0(?!\d)/);
    expect(all).toContain('\u22120.4 (from \u22121.6 to 0.1)');
    expect(all).not.toMatch(/-\d+\.\d/);
    expect(messageIn('en', summary).text).toContain(
      ': \u22120.4 (from \u22121.6 to 0.1); about 15 people answered before and after',
    );
    expect(everything(summary, dones, 'ca')).toContain('\u22120,4 (de \u22121,6 a 0,1)');
  });

  it('keeps the interval of a change too small to notice', () => {
    const summary = summaryOf([shown(null, 'mood', figures(3, 0.02, -1.5, 1.6, 0.01), { paired: 60, started: 70 })]);
    expect(messageIn('en', summary).text).toContain('no noticeable change (95% CI from \u22121.5 to 1.6)');
  });

  it('elides Catalan "de" before numbers said with a vowel (1, 11), not before others (8, 1.000)', () => {
    expect(['1,7', '11', '11,2', '1', '8', '18', '1.000', '0,5', '1.000.000'].map(deCa)).toEqual([
      'd’1,7',
      'd’11',
      'd’11,2',
      'd’1',
      'de 8',
      'de 18',
      'de 1.000',
      'de 0,5',
      'd’1.000.000',
    ]);
    const summary = summaryOf([shown(null, 'mood', figures(3, 1.7, 1.1, 2.3, 0.5), { paired: 60, started: 70 })]);
    const text = messageIn('ca', summary).text;
    expect(text).toContain('augment d’1,7 punts (IC 95\u00a0%: d’1,1 a 2,3)');
    expect(SUMMARY_STRINGS.ca.nothingYet(11)).toContain('menys d’11 persones');
    expect(SUMMARY_STRINGS.ca.hidden['fewer-than-k'](8)).toContain('menys de 8 persones');
  });
});

describe('the column that Outlook keeps', () => {
  it('holds the email in a 640 px table that shrinks on phones, and the page in a <main> landmark', () => {
    const { html } = messageIn('en');
    expect(html).toMatch(/<table role="presentation"[^>]* width="100%"[^>]*><tr><td align="center"/);
    expect(html).toMatch(/<table role="presentation"[^>]* width="640" style="width:100%;max-width:640px[^"]*">/);
    expect(html).toContain(
      '<!--[if mso]><table role="presentation" cellpadding="0" cellspacing="0" border="0" width="640"',
    );
    expect(html).not.toContain('<main');
    expect(html).toContain('role="article"');
    const page = renderer.page(FINAL, dones, 'en');
    expect(page).toMatch(
      /<table role="presentation"[^>]* width="640" style="width:100%;max-width:640px[^"]*"><tr><td[^>]*><main /,
    );
  });
});

describe('the preview notice', () => {
  const notice = { language: 'en', period: '2026-11', languages: ['ca', 'es', 'en'] } as const;

  it('tops a preview, in the evaluator’s language, with the way back and a form per funder language', () => {
    const page = renderer.page(FINAL, dones, 'ca', { notice });
    expect(page).toContain('<html lang="ca">');
    const box = /<main[^>]*><div lang="en"[^>]*>([\s\S]*?)<\/div>/.exec(page)?.[1] ?? '';
    expect(box).toContain(
      'Preview: nothing has been sent or recorded. The files and each funder’s message were written to preview/.',
    );
    expect(box).toContain('<a href="/dashboard"');
    // The page's language is shown, the others are a form each back to the preview.
    expect(box).toContain('<strong><span lang="ca">Català</span></strong> (shown now)');
    const forms = [...box.matchAll(/<form method="post" action="\/summaries\/preview"[^>]*>([\s\S]*?)<\/form>/g)].map(
      (match) => match[1] ?? '',
    );
    expect(forms).toHaveLength(2);
    expect(forms[0]).toContain('name="programme" value="dones-mentores"');
    expect(forms[0]).toContain('name="period" value="2026-11"');
    expect(forms[0]).toContain('name="language" value="es"');
    expect(forms[1]).toContain('<span lang="en">English</span>');
  });

  it('has its words in every language, and is on no published page', () => {
    for (const language of LANGUAGES)
      expect(renderer.page(FINAL, dones, 'ca', { notice: { ...notice, language } })).toContain(
        escaped(PREVIEW_STRINGS[language].notice),
      );
    expect(renderer.page(FINAL, dones, 'ca')).not.toContain('preview');
  });

  it('lets the page post forms to its own site only in a preview', () => {
    const page = renderer.page(FINAL, dones, 'ca', { notice });
    expect(summaryPagePolicy(page, true)).toContain("form-action 'self'");
    expect(summaryPagePolicy(page)).toContain("form-action 'none'");
  });
});

describe('what applies beyond before-after, as a funder reads it (issue 14)', () => {
  const withWaitingList: Programme = {
    ...dones,
    sessions: dones.sessions.map((session) => ({ ...session, followup: { monthsAfter: 6 } })) as Programme['sessions'],
    cohorts: [
      ...dones.cohorts,
      {
        ...(dones.cohorts[0] as Programme['cohorts'][number]),
        id: 'waiting-2026',
        name: 'Waiting list 2026',
        comparison: true,
      } as Programme['cohorts'][number],
    ],
  };
  const plainRow = shown(null, 'rosenberg-self-esteem', figures(17.4, 2.1, 1.2, 3.0, 0.61), {
    paired: 45,
    started: 55,
  });
  const evaluated: SummaryRow = {
    ...plainRow,
    followup: { n_paired: 30, mean_change: 1.64, ci95_low: 0.52, ci95_high: 2.76, lost_share: 0.25 },
    response_shift: { n_paired: 15, mean_change: -1.26, ci95_low: -2.04, ci95_high: -0.48, as_of: '2026-10' },
    then_change: { n_paired: 15, mean_change: 3.4, ci95_low: 2.2, ci95_high: 4.6, as_of: '2026-10' },
    clinical: { cutoff: 15, criterion: 'c', recovered: 10 },
    comparison: { difference: 1.9, ci95_low: 0.3, ci95_high: 3.5, g: 0.48 },
  };
  const summary = summaryOf([
    evaluated,
    shown('waiting-2026', 'rosenberg-self-esteem', figures(17.0, 0.2, -0.9, 1.3, 0.05), { paired: 20, started: 22 }),
  ]);

  it('says each in plain words beside the change, counts as published (rounded), carried ones with their month', () => {
    const text = everything(summary, withWaitingList, 'en');
    for (const sentence of [
      '6 months later the change from the start was +1.6 (95% CI 0.5 to 2.8); about 30 people answered both times.',
      'Looking back, people rated their starting point 1.3 points lower than they did at the start (a response ' +
        'shift, found by Howard’s retrospective pre-test; 95% CI −2.0 to −0.5) (figures from October 2026).',
      'Measured from that look back, the change to the end was +3.4 (95% CI 2.2 to 4.6) (figures from October 2026).',
      'About 10 of about 45 moved from the atypical into the typical range with a reliable improvement',
      'About 25% of the people who answered before did not answer the follow-up: more than the 20% loss to ' +
        'follow-up it accepts (NHLBI quality assessment tool for before-after studies).',
      'The programme’s participants did 1.9 points better than the comparison group (95% CI 0.3 to 3.5), ' +
        'Hedges’ g 0.48: a quasi-experimental estimate, as people were not assigned at random (Welch interval).',
      'Waiting list 2026 (comparison group)',
      // The methods say what was done, and the design is no longer "with no comparison group".
      'Beyond before and after: follow-up: the change from before to a later follow-up',
      'with a comparison group not yet in the programme (a waiting list)',
    ])
      expect(text).toContain(sentence);
    expect(text).not.toContain('with no comparison group');
    // The programme-wide results leave the waiting list out, and the headline's cohorts say so.
    expect(text).toContain('in 2 cohorts (Barcelona 2026, Girona 2026)');
    // Each a line of its own under the result it qualifies, in the HTML and the plain text.
    const message = renderer.message(summary, withWaitingList, { name: 'F', email: 'f@example.org', language: 'en' });
    expect(message.html).toContain(
      '<ul style="padding-left:20px;margin:4px 0 0"><li style="margin:0 0 6px">6 months later',
    );
    expect(message.text).toContain('\n  - 6 months later the change from the start');
  });

  it('says a recovered count rounded to 0 as none or almost none, never "about 0"', () => {
    const none = summaryOf([{ ...evaluated, clinical: { cutoff: 15, criterion: 'published', recovered: 0 } }]);
    const text = everything(none, withWaitingList, 'en');
    expect(text).toContain('None or almost none of about 45 moved from the atypical into the typical range');
    expect(text).not.toContain('about 0');
    expect(everything(none, withWaitingList, 'ca')).toContain('Cap o gairebé cap d’al voltant de 45 van passar');
  });

  it('says them in every language, and nothing of them for a design without them', () => {
    expect(everything(summary, withWaitingList, 'ro')).toContain('După 6 luni, schimbarea față de început era +1,6');
    expect(everything(summary, withWaitingList, 'es')).toContain('evolucionaron 1,9 puntos mejor que el grupo');
    expect(everything(summary, withWaitingList, 'ca')).toContain('Mirant enrere, les persones van valorar');
    const plain = everything(summaryOf([plainRow]), dones, 'en');
    for (const phrase of ['months later', 'Looking back', 'typical range', 'better than the comparison', 'Beyond'])
      expect(plain).not.toContain(phrase);
    expect(plain).toContain('with no comparison group');
  });
});
