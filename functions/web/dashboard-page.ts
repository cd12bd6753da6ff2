/**
 * The evaluator workspace, in the reader's language. Its first page is an overview: per
 * programme the reader may read, the pool and each cohort with its participants, answers per
 * wave, completers and last answer, each a link to its page (and each session of a cohort to
 * its own). A scope's page (a cohort, the pool, or one session of a cohort) puts the findings
 * first (dashboard-findings.ts), then the full numeric table, closed (dashboard-table.ts), and
 * the CSV downloads. A coordinator, who never reads indicators, finds each cohort's response
 * rates as CSV on the first page.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Cohort, Language, Programme, Session } from '#surveys/schema.ts';
import type { Impact, ImpactRow } from '#core/impact-table.ts';
import type { WaveKind } from '#core/model.ts';
import type { HttpResult } from '#shared/http.ts';
import { localized, waveLabel } from './console-page-parts.ts';
import { renderFindings } from './dashboard-findings.ts';
import { cohortName, csvPath, isPool, workspacePath } from './dashboard-parts.ts';
import { renderFullTable } from './dashboard-table.ts';
import { html, type Html } from './html.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, formatTime } from './staff-strings.ts';
import { EVALUATION_TOPICS, workspaceStringsFor, type EvaluationTopic } from './workspace-strings.ts';
import { evaluationFacts } from '#core/readings.ts';
import { isComparisonCohort } from '#core/design.ts';
import { waveName } from './strings.ts';

/** A cohort in the overview: counts only (never an answer or an id), completers per session. */
export interface CohortSummary {
  readonly cohort: Cohort;
  readonly participants: number;
  readonly waves: readonly { readonly session: Session; readonly wave: WaveKind; readonly answered: number }[];
  readonly lastAnswer?: string | undefined;
  /** Per session, completers as of the last aggregation; a session absent has not been aggregated. */
  readonly completers: Readonly<Record<string, number>>;
}

/** A programme in the overview. */
export interface ProgrammeSummary {
  readonly programme: Programme;
  readonly cohorts: readonly CohortSummary[];
  readonly poolCompleters: number | null;
}

/**
 * GET /dashboard (every programme the reader may read, then those of which they see only response
 * rates) and GET /dashboard?programme=P (one programme's overview).
 */
export function renderDashboardIndex(
  readable: readonly ProgrammeSummary[],
  ratesOnly: readonly Programme[],
  frame: StaffFrame,
  options: { readonly oneProgramme?: boolean } = {},
): HttpResult {
  const { language } = frame;
  const words = workspaceStringsFor(language);
  const sections = readable.map((summary) => renderProgrammeSummary(summary, language));
  const rates = ratesOnly.map((programme) => renderResponseRates(programme, language));
  const intro = readable.length === 0 ? '' : html`<p>${words.intro}</p>`;
  const none = readable.length === 0 && ratesOnly.length === 0 ? html`<p>${words.noProgramme}</p>` : '';
  const back = options.oneProgramme === true ? allProgrammesLink(language) : '';
  const content = html`${back}<h1>${words.title}</h1>${intro}${none}${sections}${rates}`;
  return staffPageResult(200, frame, words.title, content);
}

function allProgrammesLink(language: Language): Html {
  return html`<p><a href="/dashboard">${workspaceStringsFor(language).allProgrammes}</a></p>`;
}

/** A programme: the pool, then each cohort's card. */
function renderProgrammeSummary(summary: ProgrammeSummary, language: Language): Html {
  const words = workspaceStringsFor(language);
  const { programme } = summary;
  const name = localized(programme.name, language);
  const poolHint = programme.cohorts.some(isComparisonCohort) ? words.poolHintComparison : words.poolHint;
  const pool = html`<li><h3><a href="${workspacePath(programme.id, 'pooled')}">${words.pool}</a></h3>${[
    html`<p class="muted">${poolHint}</p>`,
    html`<p>${words.completers}: <strong>${summary.poolCompleters ?? '–'}</strong></p></li>`,
  ]}`;
  const cohorts =
    summary.cohorts.length === 0
      ? html`<li><p>${words.noCohorts}</p></li>`
      : summary.cohorts.map((cohort) => renderCohortSummary(programme, cohort, language));
  const heading = html`<h2><a href="${workspacePath(programme.id)}">${name}</a></h2>`;
  // A look at the month's funder summary before it goes out (POST /summaries/preview): records nothing.
  const preview = html`<form method="post" action="/summaries/preview">${[
    html`<input type="hidden" name="programme" value="${programme.id}">`,
    html`<button type="submit">${words.previewSummary}</button> <span class="muted">${words.previewHint}</span>`,
  ]}</form>`;
  return html`<section>${heading}<ul class="cards overview">${pool}${cohorts}</ul>${preview}</section>`;
}

/** A cohort's card: site, participants, last answer, then per session its waves and completers. */
function renderCohortSummary(programme: Programme, summary: CohortSummary, language: Language): Html {
  const words = workspaceStringsFor(language);
  const { cohort } = summary;
  const fact = (term: string, value: string | number): Html => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = [
    cohort.site === undefined ? '' : fact(words.site, cohort.site),
    fact(words.participants, summary.participants),
    fact(words.lastAnswer, summary.lastAnswer === undefined ? words.none : formatTime(summary.lastAnswer, language)),
  ];
  const sessions = programme.sessions.map((session) => {
    const answered = (wave: WaveKind): string => {
      const count = summary.waves.find((entry) => entry.session.id === session.id && entry.wave === wave)?.answered;
      const of = fill(words.answeredOf, { answered: String(count ?? 0), participants: String(summary.participants) });
      return `${waveName(language, session.kind, wave)}: ${of}`;
    };
    const completers = `${words.completers}: ${summary.completers[session.id] ?? '–'}`;
    const link = html`<a href="${workspacePath(programme.id, cohort.id, session.id)}">${localized(
      session.name,
      language,
    )}</a>`;
    return html`<li>${link}<br>${answered('pre')} · ${answered('post')} · ${completers}</li>`;
  });
  const title = html`<h3><a href="${workspacePath(programme.id, cohort.id)}">${cohortName(cohort, language)}</a></h3>`;
  const perSession = html`<h4>${words.sessions}</h4><ul class="lines">${sessions}</ul>`;
  return html`<li>${title}<dl class="facts">${facts}</dl>${perSession}</li>`;
}

/** A programme of which the reader sees only response rates: each cohort's as a CSV download. */
function renderResponseRates(programme: Programme, language: Language): Html {
  const words = workspaceStringsFor(language);
  const links = programme.cohorts.map(
    (cohort) =>
      html`<li><a href="${csvPath(programme.id, cohort.id, 'response-rates')}">${fill(words.ratesCsvOf, {
        cohort: cohortName(cohort, language),
      })}</a></li>`,
  );
  const consoleLink = html`<a href="/console/${encodeURIComponent(programme.id)}">${words.console}</a>`;
  const note = html`<p>${words.ratesNote} ${consoleLink}</p>`;
  return html`<section><h2>${localized(programme.name, language)}</h2>${note}<ul>${links}</ul></section>`;
}

/** Which scope a page shows: a cohort (all its sessions, or one), or the pool (`pooled`). */
export interface Scope {
  readonly cohort: string;
  readonly session?: string | undefined;
}

/** GET /dashboard?programme=P&cohort=C|pooled[&session=S]: the findings first, then the tables. */
export function renderScopePage(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  scope: Scope,
  frame: StaffFrame,
): HttpResult {
  const { language } = frame;
  const words = workspaceStringsFor(language);
  const pool = isPool(scope.cohort);
  const cohort = programme.cohorts.find((candidate) => candidate.id === scope.cohort);
  const title = pool ? words.pool : cohort === undefined ? scope.cohort : cohortName(cohort, language);
  // The pool leaves comparison groups out, and a comparison group's page says what it is.
  const hasComparison = programme.cohorts.some(isComparisonCohort);
  const hint = pool
    ? hasComparison
      ? words.poolHintComparison
      : words.poolHint
    : isComparisonCohort(cohort)
      ? words.comparisonHint
      : '';
  const programmeName = localized(programme.name, language);
  const trail = html`<p><a href="/dashboard">${words.allProgrammes}</a> · <a href="${workspacePath(
    programme.id,
  )}">${programmeName}</a></p>`;
  const subtitle = html`<p class="muted">${[programmeName, cohort?.site ?? '', hint]
    .filter((part) => part !== '')
    .join(' · ')}</p>`;
  const computed = impact.computedAt[scope.cohort];
  const status = impact.recomputing.includes(scope.cohort)
    ? words.recomputing
    : computed === null || computed === undefined
      ? words.notAggregated
      : computed === ''
        ? words.noResponses
        : fill(words.asOf, { time: formatTime(computed, language) });
  const downloads = html`<p class="actions">${[
    html`<a href="${csvPath(programme.id, scope.cohort)}">${words.indicatorsCsv}</a>`,
    pool ? '' : html`<a href="${csvPath(programme.id, scope.cohort, 'response-rates')}">${words.ratesCsv}</a>`,
  ]}</p>`;
  const head = html`${trail}<h1>${title}</h1>${subtitle}<p>${status}</p>${downloads}`;
  const rates = pool ? '' : renderAnswered(programme, impact, scope.cohort, language);
  // Until its tables are computed (or after a withdrawal, until recomputed) a scope shows its status alone.
  const blocks =
    computed === null || computed === undefined || computed === ''
      ? ''
      : pool
        ? renderBlock(
            catalog,
            programme,
            impact,
            impact.rows.filter((row) => row.cohort === null),
            title,
            2,
            language,
          )
        : renderSessions(catalog, programme, impact, scope, language);
  // The methods of what the page's rows add (issue 14), after the others, only where they apply.
  const scopeRows = impact.rows.filter((row) => (pool ? row.cohort === null : row.cohort === scope.cohort));
  const topics = new Set(scopeRows.flatMap((row) => Object.keys(evaluationFacts(row)) as EvaluationTopic[]));
  const notes = [
    ...words.methodNote,
    ...EVALUATION_TOPICS.filter((topic) => topics.has(topic)).map((topic) => words[`methodNote.${topic}`]),
  ];
  const methods = html`<details><summary>${words.methods}</summary><ul>${notes.map(
    (line) => html`<li>${line}</li>`,
  )}</ul></details>`;
  const pageTitle = fill(words.scopeOf, { scope: title, programme: programmeName });
  return staffPageResult(200, frame, pageTitle, html`${head}${rates}${blocks}${methods}`);
}

/** Each session of the cohort (or the one asked for): its findings, or one line when it has no answers. */
function renderSessions(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  scope: Scope,
  language: Language,
): Html {
  const words = workspaceStringsFor(language);
  const sessions = programme.sessions.filter((session) => scope.session === undefined || session.id === scope.session);
  const blocks = sessions.map((session) => {
    const name = localized(session.name, language);
    const rows = impact.rows.filter((row) => row.cohort === scope.cohort && row.session === session.id);
    if (rows.every((row) => row.n_pre === 0 && row.n_post === 0))
      return html`<p class="empty">${fill(words.noAnswersFor, { session: name })}</p>`;
    const link =
      scope.session === undefined && programme.sessions.length > 1
        ? html`<a href="${workspacePath(programme.id, scope.cohort, session.id)}">${name}</a>`
        : name;
    return html`<section><h2>${link}</h2>${renderBlock(catalog, programme, impact, rows, name, 3, language)}</section>`;
  });
  const back =
    scope.session === undefined
      ? ''
      : html`<p><a href="${workspacePath(programme.id, scope.cohort)}">${words.allSessions}</a></p>`;
  return html`${back}${blocks}`;
}

/** A block's findings, then its full table and the CSV download. */
function renderBlock(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  rows: readonly ImpactRow[],
  caption: string,
  level: number,
  language: Language,
): Html {
  const findings = renderFindings(catalog, programme, impact, rows, language, level);
  return html`${findings}${renderFullTable(catalog, programme, rows, caption, language)}`;
}

/** Who has answered each wave of the cohort, of its participants (as of the last aggregation). */
function renderAnswered(programme: Programme, impact: Impact, cohort: string, language: Language): Html | '' {
  const rates = impact.responseRates[cohort];
  if (rates === undefined) return '';
  const words = workspaceStringsFor(language);
  const lines = programme.sessions.flatMap((session) =>
    (['pre', 'post'] as const).map((wave) => {
      const answered = rates.answered[`${session.id}:${wave}`] ?? 0;
      const share = rates.participants === 0 ? '' : ` (${Math.round((answered / rates.participants) * 100)}%)`;
      const of = fill(words.answeredOf, { answered: String(answered), participants: String(rates.participants) });
      return html`<dt>${waveLabel(session, wave, language)}</dt><dd>${of}${share}</dd>`;
    }),
  );
  const participants = html`<p>${words.participants}: <strong>${rates.participants}</strong></p>`;
  return html`<h2>${words.whoAnswered}</h2>${participants}<dl class="facts">${lines}</dl>`;
}
