/**
 * The findings of one block of the evaluator workspace (a session of a cohort, or the pool): one
 * card per measure of the whole group (before and after with their CIs, change with its CI and its
 * reading, effect size and its label, reliable change, completers and drop-outs, reliability with
 * any flag, charts), then the breakdowns by subgroup and by part, with the definitions' labels.
 * Every sentence and number is in the reader's language.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Language, Programme } from '#surveys/schema.ts';
import { changeKey, type Impact, type ImpactRow } from '#core/impact-table.ts';
import { changeFacts, evaluationFacts, reliabilityFacts } from '#core/readings.ts';
import { followupMonths } from '#core/design.ts';
import { meanInterval } from '#core/statistics/inference.ts';
import { beforeAfterChart, changeDistributionChart, reliableChangeBar } from './charts.ts';
import { dimensionLabel, heading, measureName, optionLabel, partLabel } from './dashboard-parts.ts';
import { html, type Html } from './html.ts';
import { fill } from './staff-strings.ts';
import {
  countPhrase,
  effectInWords,
  formatChange,
  formatNumber,
  wordAlphaFlag,
  wordChange,
  wordEvaluationByTopic,
  wordGain,
  workspaceStringsFor,
} from './workspace-strings.ts';

/** Whole-group rows of whole measures: the findings. */
const isWholeGroup = (row: ImpactRow): boolean => row.dimension === null && row.part === null;

/** The cards, the subgroup breakdowns and the parts of one block's rows; `level` is the cards' section heading. */
export function renderFindings(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  rows: readonly ImpactRow[],
  language: Language,
  level: number,
): Html {
  const words = workspaceStringsFor(language);
  const cards = rows
    .filter(isWholeGroup)
    .map((row) => renderCard(catalog, programme, impact, row, language, level + 1));
  const findings = html`${heading(level, words.findings)}<p class="muted">${words.findingsHint}</p>${[
    html`<ul class="cards findings">${cards}</ul>`,
  ]}`;
  return html`${findings}${renderGroups(catalog, programme, rows, language, level)}${renderParts(
    catalog,
    rows,
    language,
    level,
  )}`;
}

/**
 * One measure's card: the change in a sentence, then what else applies in sentences of their own
 * (attrition and its bounds, follow-up, then-test, clinically significant change, comparison), then
 * the facts and charts; the numbers behind the sentences are in the full table and the export.
 */
function renderCard(
  catalog: Catalog,
  programme: Programme,
  impact: Impact,
  row: ImpactRow,
  language: Language,
  level: number,
): Html {
  const words = workspaceStringsFor(language);
  const instrument = catalog.instruments.get(row.instrument);
  const name = measureName(catalog, row.instrument, language);
  const title = heading(level, name);
  const percent = instrument?.scoring.rule === 'percent-correct';
  const facts = changeFacts({ direction: instrument?.direction ?? 'higher-better', percent }, row);
  if (facts === undefined) {
    const none = fill(words.noCompleters, { before: String(row.n_pre), after: String(row.n_post) });
    return html`<li>${title}<p>${none}</p></li>`;
  }
  const number = (value: number | null): string => formatNumber(value, language);
  const withInterval = (mean: number | null, sd: number | null): string => {
    if (mean === null) return '–';
    const interval = meanInterval(mean, sd, row.n_paired);
    return fill(words.meanCi, { mean: number(mean), low: number(interval.low), high: number(interval.high) });
  };
  const change = fill(words.meanCi, {
    mean: formatChange(row.mean_change, language),
    low: number(row.ci95_low),
    high: number(row.ci95_high),
  });
  const effect = row.g_av === null ? '–' : `${number(row.g_av)}, ${effectInWords(row.g_av, language)}`;
  const reliability = reliabilityFacts(row);
  // A knowledge quiz has no reliability to judge one person's change by: reliable change is not
  // missing there, it is not part of the measure (unless a definition gives one).
  const quiz = percent && reliability.used === null;
  const reliable =
    row.rci_improved === null
      ? quiz
        ? words.quizReliableChange
        : words.noReliableChange
      : `${fill(words.reliableCounts, {
          improved: String(row.rci_improved),
          unchanged: String(row.rci_unchanged ?? 0),
          deteriorated: String(row.rci_deteriorated ?? 0),
        })}; ${fill(words.reliableThreshold, { threshold: number(row.rci_threshold) })}`;
  const dropouts =
    row.n_pre_only === 0
      ? words.noDropouts
      : fill(words.dropoutsLine, {
          n: String(row.n_pre_only),
          dropouts: number(row.mean_pre_dropouts),
          completers: number(row.mean_pre_paired),
        });
  const flag = wordAlphaFlag(reliability, language, { quiz });
  const used = quiz
    ? reliability.alpha === null
      ? '–'
      : fill(words.quizAlpha, { alpha: number(reliability.alpha) })
    : reliability.used === null || reliability.source === null
      ? fill(words.reliabilityNotUsed, { alpha: number(reliability.alpha) })
      : fill(words.reliabilityUsed, {
          value: number(reliability.used),
          source: words[`source.${reliability.source}`],
          alpha: number(reliability.alpha),
        });
  const gain = wordGain(row.gain_of_averages, language);
  const fact = (term: string, value: string): Html => html`<dt>${term}</dt><dd>${value}</dd>`;
  const list = [
    fact(words.before, withInterval(row.mean_pre_paired, row.sd_pre_paired)),
    fact(words.after, withInterval(row.mean_post_paired, row.sd_post_paired)),
    fact(words.change, change),
    fact(words.effect, effect),
    fact(words.reliableChange, reliable),
    fact(words.completers, String(row.n_paired)),
    fact(words.dropouts, dropouts),
    fact(words.reliability, used),
    gain === undefined ? '' : fact(words.gain, gain),
  ];
  const warning = flag === undefined ? '' : html`<p class="flag">${flag}</p>`;
  // One line per topic, led by its label, so the reader finds "Follow-up" without reading it all.
  const evaluation = wordEvaluationByTopic(evaluationFacts(row), {
    language,
    percent,
    direction: instrument?.direction ?? 'higher-better',
    monthsAfter: followupMonths(programme, row.session),
  });
  const reading = html`<p>${wordChange(facts, name, language)}</p>${
    evaluation.length === 0
      ? ''
      : html`<ul class="lines evaluation">${evaluation.map(
          (topic) => html`<li><strong>${topic.label}:</strong> ${topic.sentences.join(' ')}</li>`,
        )}</ul>`
  }`;
  const charts = renderCharts(catalog, impact, row, language, name);
  return html`<li>${title}${reading}${warning}<dl class="facts">${list}</dl>${charts}</li>`;
}

/** A card's charts: the levels before and after, the individual changes, the reliable-change bar. */
function renderCharts(catalog: Catalog, impact: Impact, row: ImpactRow, language: Language, name: string): Html {
  const words = workspaceStringsFor(language);
  const instrument = catalog.instruments.get(row.instrument);
  const percent = instrument?.scoring.rule === 'percent-correct';
  const range = instrument?.range ?? { min: 0, max: 1 };
  const number = (value: number): string => formatNumber(value, language, Math.abs(value) >= 100 ? 0 : 1);
  // A scale's ends are usually whole numbers: "0 to 30", not "0.0 to 30.0".
  const tick = (value: number): string => formatNumber(value, language, Number.isInteger(value) ? 0 : 1);
  const interval = (mean: number | null, sd: number | null): ReturnType<typeof meanInterval> | null =>
    mean === null ? null : meanInterval(mean, sd, row.n_paired);
  const levels = beforeAfterChart(
    {
      title: fill(words['chart.levels'], { measure: name }),
      description: words['chart.levelsLabel'],
      before: words.before,
      after: words.after,
      axis: percent
        ? words['chart.percent']
        : fill(words['chart.score'], { min: tick(range.min), max: tick(range.max) }),
      meanCi: words['chart.meanCi'],
      noData: words['chart.noData'],
      number: tick,
    },
    range,
    interval(row.mean_pre_paired, row.sd_pre_paired),
    interval(row.mean_post_paired, row.sd_post_paired),
  );
  const changes = impact.changes[changeKey(row.cohort, row.session, row.instrument)] ?? [];
  const people = changes.reduce((sum, [, count]) => sum + count, 0);
  const band =
    row.rci_threshold === null ? '' : `; ${fill(words['chart.changesBand'], { threshold: number(row.rci_threshold) })}`;
  const distribution =
    changes.length === 0
      ? ''
      : changeDistributionChart(
          {
            title: fill(words['chart.changes'], { measure: name }),
            description: `${countPhrase('chart.changesLabel', people, language)}${band}`,
            axis: percent ? words['chart.changeAxisPercent'] : words['chart.changeAxis'],
            onePerson: words['chart.onePerson'],
            notReliable: words['chart.notReliable'],
            number,
          },
          changes,
          row.rci_threshold,
        );
  const counts = {
    improved: String(row.rci_improved ?? 0),
    unchanged: String(row.rci_unchanged ?? 0),
    deteriorated: String(row.rci_deteriorated ?? 0),
  };
  const reliable =
    row.rci_improved === null
      ? ''
      : reliableChangeBar(
          {
            title: fill(words['chart.reliable'], { measure: name }),
            description: fill(words['chart.reliableLabel'], counts),
            improved: words['chart.improved'],
            unchanged: words['chart.unchanged'],
            deteriorated: words['chart.deteriorated'],
            axis: countPhrase('chart.reliableAxis', row.n_paired, language),
            noCompleters: words['chart.noCompleters'],
          },
          row.rci_improved,
          row.rci_unchanged ?? 0,
          row.rci_deteriorated ?? 0,
        );
  return html`<div class="charts">${levels}${distribution}${reliable}</div>`;
}

/** "12 completers: +2.64 (95% CI −1.31 to 6.60), g_av 0.28, small" for a breakdown's line. */
function changeLine(row: ImpactRow, language: Language): string {
  const words = workspaceStringsFor(language);
  if (row.n_paired === 0 || row.mean_change === null) return words.noGroupCompleters;
  const change = fill(words.meanCi, {
    mean: formatChange(row.mean_change, language),
    low: formatNumber(row.ci95_low, language),
    high: formatNumber(row.ci95_high, language),
  });
  const effect =
    row.g_av === null ? 'g_av –' : `g_av ${formatNumber(row.g_av, language)}, ${effectInWords(row.g_av, language)}`;
  return countPhrase('groupLine', row.n_paired, language, { change, effect });
}

/** Per measure, per subgroup, each option's change over its completers. */
function renderGroups(
  catalog: Catalog,
  programme: Programme,
  rows: readonly ImpactRow[],
  language: Language,
  level: number,
): Html | '' {
  const grouped = rows.filter((row) => row.part === null && row.dimension !== null);
  if (grouped.length === 0) return '';
  const words = workspaceStringsFor(language);
  const measures = [...new Set(grouped.map((row) => row.instrument))].map((instrument) => {
    const ofMeasure = grouped.filter((row) => row.instrument === instrument);
    const dimensions = [...new Set(ofMeasure.map((row) => row.dimension ?? ''))].map((dimension) => {
      const lines = ofMeasure
        .filter((row) => row.dimension === dimension)
        .map(
          (row) =>
            html`<li><strong>${optionLabel(programme, dimension, row.value ?? '', language)}</strong>: ${changeLine(
              row,
              language,
            )}</li>`,
        );
      return html`${heading(level + 2, dimensionLabel(programme, dimension, language))}<ul class="lines">${lines}</ul>`;
    });
    return html`<li>${heading(level + 1, measureName(catalog, instrument, language))}${dimensions}</li>`;
  });
  const hint = html`<p class="muted">${words.byGroupHint}</p>`;
  return html`${heading(level, words.byGroup)}${hint}<ul class="cards">${measures}</ul>`;
}

/** Per measure with parts (subscales, quiz topics), each part's change over the whole group. */
function renderParts(catalog: Catalog, rows: readonly ImpactRow[], language: Language, level: number): Html | '' {
  const parts = rows.filter((row) => row.part !== null && row.dimension === null);
  if (parts.length === 0) return '';
  const words = workspaceStringsFor(language);
  const measures = [...new Set(parts.map((row) => row.instrument))].map((instrument) => {
    const found = catalog.instruments.get(instrument);
    const lines = parts
      .filter((row) => row.instrument === instrument)
      .map(
        (row) =>
          html`<li><strong>${partLabel(found, row.part ?? '', language)}</strong>: ${changeLine(row, language)}</li>`,
      );
    const name = heading(level + 1, measureName(catalog, instrument, language));
    return html`<li>${name}<ul class="lines">${lines}</ul></li>`;
  });
  return html`${heading(level, words.byPart)}<ul class="cards">${measures}</ul>`;
}
