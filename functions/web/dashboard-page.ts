/**
 * The evaluator dashboard: per programme, each cohort's response rates (how many answered each
 * wave, never who answered what), then per session an impact table with every indicator, its
 * CI, n and method, plain-language readings, and server-rendered SVG charts; then the programme
 * pool. Every table links to its CSV. English only (evaluators read it, participants never do),
 * in the staff frame, which speaks the reader's language.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Programme } from '#surveys/schema.ts';
import type { ImpactRow } from '#core/impact-table.ts';
import { meanInterval } from '#core/statistics/inference.ts';
import { readIndicators } from '#core/readings.ts';
import type { HttpResult } from '#shared/http.ts';
import { changeKey, type Impact } from '#core/impact-table.ts';
import { beforeAfterChart, changeDistributionChart, reliableChangeBar } from './charts.ts';
import { html, type Html } from './html.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { POOLED } from '#core/model.ts';

const fmt = (value: number | null, digits = 2): string => (value === null ? '–' : value.toFixed(digits));
const fmtP = (value: number | null): string => (value === null ? '–' : value < 0.001 ? '<0.001' : value.toFixed(3));

/** What the dashboard's first page lists, by programme id. */
export interface DashboardIndex {
  /** Programmes whose indicators the reader may see. */
  readonly readable: readonly string[];
  /** Programmes whose response rates, but not indicators, the reader may see (a coordinator's). */
  readonly responseRates: readonly string[];
}

/**
 * The dashboard's first page: the programmes whose indicators the reader may see (in catalogue
 * order) and their cohorts, each a link to its tables; then those of which they may see only the
 * response rates, each cohort's a CSV download, so a coordinator finds something here too.
 */
export function renderDashboardIndex(
  programmes: readonly Programme[],
  index: DashboardIndex,
  frame: StaffFrame,
): HttpResult {
  const { readable } = index;
  const shown = programmes.filter((programme) => readable.includes(programme.id));
  const sections = shown.map((programme) => {
    const link = (cohort: string | undefined, label: string): Html => {
      const query = cohort === undefined ? '' : `&cohort=${encodeURIComponent(cohort)}`;
      return html`<li><a href="/dashboard?programme=${encodeURIComponent(programme.id)}${query}">${label}</a></li>`;
    };
    const links = [
      ...programme.cohorts.map((cohort) => link(cohort.id, cohort.name)),
      link(POOLED, 'All cohorts, pooled'),
      link(undefined, 'Everything on one page'),
    ];
    return html`<section><h2>${programme.name.en ?? programme.id}</h2><ul>${links}</ul></section>`;
  });
  const rates = responseRateSections(programmes, index.responseRates);
  const none =
    shown.length === 0 && rates.length === 0 ? html`<p>You have no programme whose results you may read.</p>` : html``;
  return staffPageResult(200, frame, 'Impact', html`<h1>Impact</h1>${none}${sections}${rates}`, {
    contentLanguage: 'en',
  });
}

/** What a coordinator reads above their downloads: the console is where their work is. */
const RESPONSE_RATES_NOTE = 'How many answered each wave, per cohort, as CSV. The console shows the same on the page.';

/** A section for each programme of which the reader sees only response rates: each cohort's as a CSV download. */
function responseRateSections(programmes: readonly Programme[], programmeIds: readonly string[]): Html[] {
  return programmes
    .filter((programme) => programmeIds.includes(programme.id))
    .map((programme) => {
      const links = programme.cohorts.map((cohort) => {
        const query = `programme=${encodeURIComponent(programme.id)}&cohort=${encodeURIComponent(cohort.id)}`;
        return html`<li><a href="/dashboard/csv?${query}&table=response-rates">${
          cohort.name
        }: response rates (CSV)</a></li>`;
      });
      const consoleLink = html`<a href="/console/${encodeURIComponent(programme.id)}">Console</a>`;
      const note = html`<p>${RESPONSE_RATES_NOTE} ${consoleLink}</p>`;
      return html`<section><h2>${programme.name.en ?? programme.id}</h2>${note}<ul>${links}</ul></section>`;
    });
}

/** The tables of one programme's impact: every cohort it holds, and the pool if it holds it. */
export function renderDashboard(
  catalog: Catalog,
  programmes: readonly Programme[],
  impacts: readonly Impact[],
  frame: StaffFrame,
): HttpResult {
  const sections = impacts.map((impact) => {
    const programme = programmes.find((candidate) => candidate.id === impact.programme);
    if (programme === undefined) return '';
    const cohorts = programme.cohorts
      .filter((cohort) => cohort.id in impact.computedAt)
      .map((cohort) => renderScope(catalog, programme, impact, cohort.id, cohort.name));
    const pooled =
      POOLED in impact.computedAt
        ? renderScope(catalog, programme, impact, null, 'All cohorts, first pre to last post (pooled)')
        : '';
    const back = html`<p><a href="/dashboard">All programmes</a></p>`;
    return html`<section>${back}<h2>${programme.name.en ?? programme.id}</h2>${cohorts}${pooled}</section>`;
  });
  return staffPageResult(200, frame, 'Impact', html`<h1>Impact</h1>${sections}${methodNote()}`, {
    contentLanguage: 'en',
  });
}

/** The impact table's columns. */
const IMPACT_COLUMNS = [
  html`<th>Instrument</th>`,
  html`<th>Subgroup</th>`,
  html`<th>n pre / post / paired</th>`,
  html`<th>Drop-outs: n, baseline (completers')</th>`,
  html`<th>Before, completers: mean (SD)</th>`,
  html`<th>After, completers: mean (SD)</th>`,
  html`<th>Change [95% CI]</th>`,
  html`<th>t (df), p (Holm)</th>`,
  html`<th>Wilcoxon V, p</th>`,
  html`<th>d<sub>z</sub> / d<sub>av</sub> / g<sub>av</sub></th>`,
  html`<th>Reliably ↑ / = / ↓ (threshold)</th>`,
  html`<th>Reliability (source); α baseline</th>`,
  html`<th>Normalised gain: of means / mean of gains</th>`,
];
const IMPACT_HEAD = html`<thead><tr>${IMPACT_COLUMNS}</tr></thead>`;

function renderScope(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  cohort: string | null,
  title: string,
): Html {
  const scope = cohort ?? POOLED;
  const computed = impact.computedAt[scope];
  const rows = impact.rows.filter((row) => row.cohort === cohort);
  const query = `programme=${encodeURIComponent(programme.id)}&cohort=${encodeURIComponent(scope)}`;
  const csv = `/dashboard/csv?${query}`;
  const status = impact.recomputing.includes(scope)
    ? 'A participant withdrew after these results were computed: they are withheld until the next aggregation ' +
      'recomputes them without that person (hourly on AWS; locally, npm run prepost -- aggregate).'
    : computed === null || computed === undefined
      ? 'Not aggregated yet.'
      : computed === ''
        ? 'No responses yet.'
        : `Includes responses up to ${computed}.`;
  const sessions =
    cohort === null
      ? [{ id: null, name: 'Pooled' }]
      : programme.sessions.map((session) => ({ id: session.id, name: session.name.en ?? session.id }));
  const tables = sessions.map((session) => {
    const sessionRows = rows.filter((row) => row.session === session.id);
    if (sessionRows.length === 0) return '';
    const body = sessionRows.map((row) => renderRow(catalog, row));
    const table = html`<table><caption>${session.name}</caption>${IMPACT_HEAD}<tbody>${body}</tbody></table>`;
    return html`<div class="scroll">${table}</div>${renderReadingsAndCharts(catalog, impact, sessionRows)}`;
  });
  const ratesCsv = `${csv}&table=response-rates`;
  const ratesLink = cohort === null ? '' : html` · <a href="${ratesCsv}">Download the response rates (CSV)</a>`;
  const downloads = html`<a href="${csv}">Download the indicators (CSV)</a>${ratesLink}`;
  const rates = cohort === null ? '' : renderResponseRates(programme, impact.responseRates[cohort]);
  return html`<section><h3>${title}</h3><p class="muted">${status} ${downloads}</p>${rates}${tables}</section>`;
}

function renderResponseRates(programme: Programme, rates: Impact['responseRates'][string] | undefined): Html | '' {
  if (rates === undefined) return '';
  const cell = (answered: number): string =>
    rates.participants === 0
      ? String(answered)
      : `${answered} of ${rates.participants} (${Math.round((answered / rates.participants) * 100)}%)`;
  const caption = html`<caption>Response rates (${rates.participants} participants)</caption>`;
  const head = html`<thead><tr><th>Session</th><th></th><th>Before</th><th>After</th></tr></thead>`;
  const body = programme.sessions.map((session) => {
    const name = session.name.en ?? session.id;
    const answered = (wave: 'pre' | 'post'): string => cell(rates.answered[`${session.id}:${wave}`] ?? 0);
    return html`<tr><td>${name}</td><td></td><td>${answered('pre')}</td><td>${answered('post')}</td></tr>`;
  });
  return html`<table>${caption}${head}<tbody>${body}</tbody></table>`;
}

function renderRow(catalog: Catalog, row: ImpactRow): Html {
  const instrument = catalog.instruments.get(row.instrument);
  const change =
    row.mean_change === null ? '–' : `${fmt(row.mean_change)} [${fmt(row.ci95_low)}, ${fmt(row.ci95_high)}]`;
  const wilcoxonMethod =
    row.wilcoxon_method === 'exact' ? '(exact)' : row.wilcoxon_method === 'normal-approximation' ? '(normal)' : '';
  const wilcoxon =
    row.wilcoxon_v === null ? '–' : `${fmt(row.wilcoxon_v, 1)}, ${fmtP(row.p_wilcoxon)} ${wilcoxonMethod}`;
  const reliable =
    row.rci_improved === null
      ? '–'
      : `${row.rci_improved} / ${row.rci_unchanged ?? 0} / ${row.rci_deteriorated ?? 0} (±${fmt(row.rci_threshold)})`;
  const withSd = (mean: number | null, sd: number | null): string =>
    mean === null ? '–' : `${fmt(mean)} (${fmt(sd)})`;
  const dropouts =
    row.n_pre_only === 0 ? '0' : `${row.n_pre_only}, ${fmt(row.mean_pre_dropouts)} (${fmt(row.mean_pre_paired)})`;
  const test =
    row.t === null
      ? `– (${row.df ?? '–'})`
      : `${fmt(row.t)} (${row.df ?? '–'}), ${fmtP(row.p_t)} (${fmtP(row.p_t_holm)})`;
  const source = row.reliability_source === 'published' ? 'published' : 'baseline α';
  const reliability =
    row.reliability === null
      ? `–; ${fmt(row.alpha_baseline)}`
      : `${fmt(row.reliability)} (${source}); ${fmt(row.alpha_baseline)}`;
  const atCeiling = (row.gain_undefined ?? 0) > 0 ? ` (${row.gain_undefined ?? 0} at 100% before)` : '';
  const gain =
    row.gain_of_averages === null && row.average_of_gains === null
      ? '–'
      : `${fmt(row.gain_of_averages)} / ${fmt(row.average_of_gains)}${atCeiling}`;
  const subgroup =
    row.part !== null
      ? row.part.replace(':', ': ')
      : row.dimension === null
        ? 'All'
        : `${row.dimension}: ${row.value ?? ''}`;
  const cells = [
    instrument?.name.en ?? row.instrument,
    subgroup,
    html`${row.n_pre} / ${row.n_post} / ${row.n_paired}`,
    dropouts,
    withSd(row.mean_pre_paired, row.sd_pre_paired),
    withSd(row.mean_post_paired, row.sd_post_paired),
    change,
    test,
    wilcoxon,
    html`${fmt(row.d_z)} / ${fmt(row.d_av)} / ${fmt(row.g_av)}`,
    reliable,
    reliability,
    gain,
  ];
  return html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`;
}

function renderReadingsAndCharts(catalog: Catalog, impact: Impact, rows: readonly ImpactRow[]): Html {
  const overall = rows.filter((row) => row.dimension === null && row.part === null);
  const readings = overall.flatMap((row) => {
    const instrument = catalog.instruments.get(row.instrument);
    return readIndicators(contextOf(instrument, row.instrument), row);
  });
  const charts = overall.map((row) => {
    const instrument = catalog.instruments.get(row.instrument);
    const name = instrument?.name.en ?? row.instrument;
    const range = instrument?.range ?? { min: 0, max: 1 };
    const before =
      row.mean_pre_paired === null ? null : meanInterval(row.mean_pre_paired, row.sd_pre_paired, row.n_paired);
    const after =
      row.mean_post_paired === null ? null : meanInterval(row.mean_post_paired, row.sd_post_paired, row.n_paired);
    const changes = impact.changes[changeKey(row.cohort, row.session, row.instrument)] ?? [];
    const levels = beforeAfterChart(name, range, before, after);
    const distribution = changes.length === 0 ? '' : changeDistributionChart(name, changes, row.rci_threshold);
    const reliable =
      row.rci_improved === null
        ? ''
        : reliableChangeBar(name, row.rci_improved, row.rci_unchanged ?? 0, row.rci_deteriorated ?? 0);
    return html`<figure><figcaption>${name}</figcaption>${levels}${distribution}${reliable}</figure>`;
  });
  const list =
    readings.length === 0 ? '' : html`<ul class="readings">${readings.map((text) => html`<li>${text}</li>`)}</ul>`;
  return html`${list}<div class="charts">${charts}</div>`;
}

function contextOf(
  instrument: Instrument | undefined,
  id: string,
): { name: string; direction: 'higher-better' | 'lower-better'; percent: boolean } {
  return {
    name: instrument?.name.en ?? id,
    direction: instrument?.direction ?? 'higher-better',
    percent: instrument?.scoring.rule === 'percent-correct',
  };
}

/** The methods note: how each figure is computed and which convention it follows, one fragment a line. */
const METHOD = [
  html`Change is post − pre over completers (scored before and after). `,
  html`95% CI and paired t with df = n − 1, two-sided; `,
  html`Holm's adjustment across the instruments of one cohort, session and group. `,
  html`Wilcoxon signed-rank as R's wilcox.test: V is the sum of ranks of positive changes, zeros dropped; `,
  html`exact p for n &lt; 50 without ties or zeros, else the normal approximation with tie and continuity `,
  html`correction (changes equal to 9 significant digits count as tied, so decimal rounding noise does not `,
  html`break ties). `,
  html`d<sub>z</sub> = mean change / SD of change; `,
  html`g<sub>av</sub> = (mean change / mean of the two SDs) · J(n − 1) (Lakens 2013); `,
  html`effects read as small from 0.2, medium 0.5, large 0.8 (Cohen 1988). `,
  html`Reliable change after Jacobson &amp; Truax (1991): `,
  html`|change| / (SD<sub>pre</sub>·√2·√(1 − r)) &gt; 1.96, with SD<sub>pre</sub> the whole group's `,
  html`completers at baseline (one threshold for every row of a table) `,
  html`and r the instrument's published reliability or the whole group's baseline Cronbach's α `,
  html`where its definition says so; `,
  html`the shaded band in the change charts is the change that is not reliable. `,
  html`Knowledge quizzes: % correct, with Hake's normalised gain. `,
  html`Scores need the share of items answered that the instrument's definition sets `,
  html`(80% unless it says otherwise), sums prorated; quiz % correct is over the questions answered.`,
];

function methodNote(): Html {
  return html`<section><h2>Methods</h2><p><small>${METHOD}</small></p></section>`;
}
