/**
 * The words of the evaluator workspace (the `/dashboard` pages and their charts) in every shipped
 * language, and the numbers and readings written as the reader's language writes them. The
 * readings word the facts core decides (`changeFacts`, `reliabilityFacts`), so every language
 * says the same thing by the same conventions. Every table has every key: the type of the English
 * one is the type of the others, so a missing translation does not compile.
 */
import type { ChangeFacts, Estimate, EvaluationFacts, ReliabilityFacts } from '#core/readings.ts';
import { ACCEPTED_LOSS, effectLabel, gainLabel } from '#core/readings.ts';
import type { Language } from '#surveys/schema.ts';
import { fill } from './staff-strings.ts';
import { deCa } from './summary-strings.ts';

const en = {
  title: 'Results',
  intro:
    'Per programme and cohort: who has answered each questionnaire, who answered both before and after, ' +
    'and what changed.',
  noProgramme: 'You have no programme whose results you may read.',
  ratesNote: 'How many answered each wave, per cohort, as CSV. The console shows the same on the page.',
  console: 'Console',
  ratesCsvOf: '{cohort}: response rates (CSV)',
  allProgrammes: 'All programmes',
  previewSummary: 'Preview this month’s funder summary',
  previewHint: 'What each funder would receive now, in your language; nothing is sent or recorded.',
  pool: 'All cohorts together',
  comparisonGroup: '{cohort} (comparison group)',
  comparisonHint:
    'A comparison group (a waiting list): not yet in the programme, so not among “All cohorts together”; the ' +
    'programme’s change is set against its change there.',
  poolHintComparison:
    'Each person’s first answers before and last answers after, over every cohort in the programme (comparison ' +
    'groups apart).',
  poolHint: 'Each person’s first answers before and last answers after, over every cohort of the programme.',
  cohorts: 'Cohorts',
  noCohorts: 'No cohorts yet.',
  site: 'Site',
  participants: 'Participants',
  answeredOf: '{answered} of {participants}',
  completers: 'Answered before and after',
  lastAnswer: 'Last answer received',
  none: 'None yet',
  sessions: 'Sessions',
  allSessions: 'Every session of this cohort',
  // The scope page.
  scopeOf: '{scope} · {programme}',
  asOf: 'Includes the answers received up to {time}.',
  notAggregated: 'Not computed yet: the results appear after the next aggregation (hourly).',
  noResponses: 'No answers yet.',
  recomputing:
    'A participant withdrew after these results were computed: they are withheld until the next aggregation ' +
    'recomputes them without that person (hourly on AWS; locally, npm run prepost -- aggregate).',
  indicatorsCsv: 'Download every indicator (CSV)',
  ratesCsv: 'Download the response rates (CSV)',
  whoAnswered: 'Who has answered',
  noAnswersFor: 'No answers yet for {session}.',
  findings: 'Findings',
  findingsHint: 'The whole group, per measure: people who answered both before and after (completers).',
  before: 'Before',
  after: 'After',
  change: 'Change',
  effect: 'Effect size (Hedges’ g, average SD)',
  reliableChange: 'Reliable change',
  dropouts: 'Drop-outs (answered only before)',
  reliability: 'Reliability',
  gain: 'Normalised gain',
  meanCi: '{mean} (95% CI {low} to {high})',
  reliableCounts: '{improved} improved, {unchanged} unchanged, {deteriorated} deteriorated',
  reliableThreshold: 'reliable when the change exceeds ±{threshold}',
  noReliableChange: 'Not computed: no usable reliability.',
  noDropouts: 'None',
  dropoutsLine: '{n}; their baseline {dropouts}, the completers’ {completers}',
  reliabilityUsed: '{value} ({source}); baseline alpha {alpha}',
  reliabilityNotUsed: 'None used; baseline alpha {alpha}',
  // Knowledge quizzes have no reliability to judge a person's change by: reliable change is not
  // theirs, and their alpha says only how consistently the items were answered.
  quizReliableChange: 'Reliable change is not used for knowledge quizzes.',
  quizAlpha: 'Baseline alpha {alpha} (how consistently the items were answered; not used for reliable change)',
  'flag.negative.quiz': 'Baseline alpha {alpha}: the items did not hang together in this group.',
  'flag.low.quiz': 'Baseline alpha {alpha} is below .70: the items hung together weakly in this group.',
  'source.published': 'published',
  'source.cronbach-alpha-baseline': 'baseline alpha of this group',
  'flag.negative.none':
    'Baseline alpha {alpha}: the items did not hang together in this group; reliable change is not computed.',
  'flag.negative.used':
    'Baseline alpha {alpha}: the items did not hang together in this group; ' +
    'reliable change uses the published reliability {value}.',
  'flag.low.none':
    'Baseline alpha {alpha} is below .70: the items hung together weakly in this group; ' +
    'reliable change is not computed.',
  'flag.low.used':
    'Baseline alpha {alpha} is below .70: the items hung together weakly in this group; ' +
    'reliable change uses the published reliability {value}.',
  noCompleters: 'No one has answered both before and after yet ({before} before, {after} after).',
  byGroup: 'By subgroup',
  byGroupHint: 'Completers of each group: change (95% CI), effect size. Small groups give wide intervals.',
  byPart: 'Parts of the measure',
  topic: 'Topic: {topic}',
  // A phrase with a count has a form per plural category the languages need: `one`; `few`, which
  // Romanian says of 0, 2 to 19 and numbers ending in 01 to 19 ("19 persoane") and the others as
  // `other`; and `other` ("20 de persoane"). See countPhrase.
  'groupLine.one': '{n} completer: {change}, {effect}',
  'groupLine.few': '{n} completers: {change}, {effect}',
  'groupLine.other': '{n} completers: {change}, {effect}',
  noGroupCompleters: 'no completers',
  fullTable: 'Every indicator (full table)',
  fullTableHint: 'One row per measure, part and subgroup; the table scrolls sideways on a narrow screen.',
  all: 'Whole group',
  methods: 'How these figures are computed',
  // Readings.
  'reading.noChange': '{measure} did not change noticeably on average ({from}; {people}).',
  'reading.moved': '{measure} {moved}{interval}{effect}{verdict} ({from}; {people}).',
  'reading.rose': 'rose by {amount}',
  'reading.fell': 'fell by {amount}',
  'reading.points': '{value} points',
  'reading.percentPoints': '{value} percentage points',
  'reading.interval': ' (95% CI {low} to {high})',
  'reading.effect': ', a {label} effect',
  'reading.improvement': ': an improvement',
  'reading.deterioration': ': a deterioration',
  'reading.may-be-chance': '; this may be chance, as the interval includes no change',
  'reading.too-few': '; too few people to tell whether this is more than chance',
  'reading.from': 'from {before} to {after}',
  'reading.fromPercent': 'from {before}% to {after}% correct',
  'reading.people.one': '{n} person answered before and after',
  'reading.people.few': '{n} people answered before and after',
  'reading.people.other': '{n} people answered before and after',
  'reading.gain': 'Normalised gain {gain}, a {label} gain (Hake).',
  'reading.gainFell': 'Normalised gain {gain}: knowledge fell on average (Hake).',
  'effect.negligible': 'negligible',
  'effect.small': 'small',
  'effect.medium': 'medium',
  'effect.large': 'large',
  'gain.low': 'low',
  'gain.medium': 'medium',
  'gain.high': 'high',
  // What applies beyond before-after (evaluationFacts), each with its reference.
  'topic.attrition': 'Who was lost',
  'topic.followup': 'Follow-up',
  'topic.thenTest': 'Response shift (then-test)',
  'topic.clinical': 'Clinically significant change',
  'topic.comparison': 'Against the comparison group',
  'eval.lost':
    '{share} of the people who answered before did not answer after{counts}: {judgement} ' +
    '(NHLBI quality assessment tool for before-after studies).',
  'eval.counts': ' ({lost} of {started})',
  'eval.within': 'within the 20% loss to follow-up it accepts',
  'eval.over': 'more than the 20% loss to follow-up it accepts',
  'eval.noneLost': 'Everyone who answered before answered after too.',
  'eval.bounds':
    'If everyone who did not answer again had scored the lowest possible, the average change would be {low}; ' +
    'the highest possible, {high} (Manski bounds, over everyone who answered before).',
  'eval.monthsLater': '{months} months later',
  'eval.atFollowup': 'At the follow-up',
  'eval.followup': '{when} the change from the start was {change}{interval}; {people}.',
  'eval.followupPeople.one': '{n} person answered both times',
  'eval.followupPeople.few': '{n} people answered both times',
  'eval.followupPeople.other': '{n} people answered both times',
  'eval.fromEnd': 'From the end of the programme to the follow-up the change was {change}{interval}.',
  'eval.sustained.one':
    '{kept} of the {n} person who answered all three times had improved by the end and was ' +
    'still better than at the start.',
  'eval.sustained.few':
    '{kept} of the {n} people who answered all three times had improved by the end and were ' +
    'still better than at the start.',
  'eval.sustained.other':
    '{kept} of the {n} people who answered all three times had improved by the end and were ' +
    'still better than at the start.',
  'eval.lostFollowup':
    '{share} of the people who answered before did not answer the follow-up: {judgement} ' +
    '(NHLBI quality assessment tool for before-after studies).',
  'eval.lostFollowupAbout':
    'About {share} of the people who answered before did not answer the follow-up: {judgement} ' +
    '(NHLBI quality assessment tool for before-after studies).',
  'eval.interval': ' (95% CI {low} to {high})',
  'eval.intervalInside': '; 95% CI {low} to {high}',
  'eval.shift':
    'Looking back, people rated their starting point {amount} {direction} than they did at the start ' +
    '(a response shift, found by Howard’s retrospective pre-test{interval}).',
  'eval.lower': 'lower',
  'eval.higher': 'higher',
  'eval.noShift':
    'Looking back, people rated their starting point as they did at the start (no response shift, by ' +
    'Howard’s retrospective pre-test{interval}).',
  'eval.thenChange': 'Measured from that look back, the change to the end was {change}{interval}.',
  'eval.recovered':
    '{recovered} of {n} moved from the atypical into the typical range with a reliable improvement ' +
    '(Jacobson & Truax 1991: cut-off {cutoff}, {criterion}).',
  'eval.criterion.published': 'a published cut-off',
  'eval.criterion.a': 'criterion a, two SD beyond the clinical mean',
  'eval.criterion.b': 'criterion b, two SD within the norm',
  'eval.criterion.c': 'criterion c, between the clinical and the norm populations',
  'eval.typical': 'In the typical range: {before} before, {after} after.',
  'eval.comparison.better':
    'The programme’s participants did {amount} better than the comparison group{interval}{g}: {caveat}.',
  'eval.comparison.worse':
    'The programme’s participants did {amount} worse than the comparison group{interval}{g}: {caveat}.',
  'eval.comparison.same':
    'The programme’s participants changed about as much as the comparison group{interval}{g}: {caveat}.',
  'eval.g': ', Hedges’ g {g}',
  'eval.caveat': 'a quasi-experimental estimate, as people were not assigned at random (Welch interval)',
  // Charts.
  'chart.levels': '{measure}: before and after',
  'chart.levelsLabel': 'completers’ mean before and after, with 95% confidence intervals',
  'chart.score': 'Score ({min} to {max})',
  'chart.percent': '% correct',
  'chart.meanCi': 'dot: mean; line: 95% CI',
  'chart.noData': 'no data',
  'chart.changes': '{measure}: individual change',
  'chart.changesLabel.one': 'individual change of {n} person',
  'chart.changesLabel.few': 'individual change of {n} people',
  'chart.changesLabel.other': 'individual change of {n} people',
  'chart.changesBand': 'shaded band: change within ±{threshold} is not reliable',
  'chart.changeAxis': 'Change in points (after − before)',
  'chart.changeAxisPercent': 'Change in percentage points (after − before)',
  'chart.onePerson': 'each dot: one person',
  'chart.notReliable': 'shaded: not a reliable change',
  'chart.reliable': '{measure}: reliable change',
  'chart.reliableLabel': '{improved} improved reliably, {unchanged} unchanged, {deteriorated} deteriorated',
  'chart.reliableAxis.one': 'Share of {n} completer',
  'chart.reliableAxis.few': 'Share of {n} completers',
  'chart.reliableAxis.other': 'Share of {n} completers',
  'chart.improved': 'improved',
  'chart.unchanged': 'unchanged',
  'chart.deteriorated': 'deteriorated',
  'chart.noCompleters': 'No completers',
  // The full table's columns.
  'col.measure': 'Measure',
  'col.group': 'Group or part',
  'col.nPre': 'n before',
  'col.nPost': 'n after',
  'col.nPaired': 'n both',
  'col.nPreOnly': 'n drop-outs',
  'col.meanPreDropouts': 'Drop-outs’ mean before',
  'col.meanPre': 'Mean before',
  'col.sdPre': 'SD before',
  'col.meanPost': 'Mean after',
  'col.sdPost': 'SD after',
  'col.change': 'Change',
  'col.ciLow': '95% CI low',
  'col.ciHigh': '95% CI high',
  'col.t': 't',
  'col.df': 'df',
  'col.p': 'p',
  'col.pHolm': 'p (Holm)',
  'col.v': 'Wilcoxon V',
  'col.pWilcoxon': 'p (Wilcoxon)',
  'col.method': 'Wilcoxon method',
  'col.dz': 'd_z',
  'col.dav': 'd_av',
  'col.gav': 'g_av',
  'col.improved': 'Reliably improved',
  'col.unchanged': 'Unchanged',
  'col.deteriorated': 'Reliably deteriorated',
  'col.threshold': 'Reliable-change threshold',
  'col.reliability': 'Reliability used',
  'col.alpha': 'Baseline alpha',
  'col.gainOfMeans': 'Gain of means',
  'col.meanOfGains': 'Mean of gains',
  'col.atCeiling': 'At 100% before',
  'col.lostShare': 'Lost share',
  'col.boundsLow': 'Bound (lowest)',
  'col.boundsHigh': 'Bound (highest)',
  'col.nFollowup': 'n follow-up',
  'col.changeFollowup': 'Change to follow-up',
  'col.sdFollowup': 'SD change to follow-up',
  'col.ciLowFollowup': 'Follow-up 95% CI low',
  'col.ciHighFollowup': 'Follow-up 95% CI high',
  'col.nPostFollowup': 'n after and follow-up',
  'col.changePostFollowup': 'Change after to follow-up',
  'col.ciLowPostFollowup': 'After to follow-up 95% CI low',
  'col.ciHighPostFollowup': 'After to follow-up 95% CI high',
  'col.nAllWaves': 'n all three',
  'col.nSustained': 'Sustained',
  'col.lostFollowup': 'Lost share at follow-up',
  'col.boundsLowFollowup': 'Follow-up bound (lowest)',
  'col.boundsHighFollowup': 'Follow-up bound (highest)',
  'col.nThen': 'n then-test',
  'col.changeThen': 'Change then to after',
  'col.ciLowThen': 'Then 95% CI low',
  'col.ciHighThen': 'Then 95% CI high',
  'col.nShift': 'n response shift',
  'col.shift': 'Response shift',
  'col.ciLowShift': 'Shift 95% CI low',
  'col.ciHighShift': 'Shift 95% CI high',
  'col.cutoff': 'Cut-off',
  'col.criterion': 'Cut-off criterion',
  'col.recovered': 'Recovered',
  'col.typicalPre': 'Typical before',
  'col.typicalPost': 'Typical after',
  'col.nComparison': 'n comparison',
  'col.changeComparison': 'Comparison change',
  'col.did': 'Difference from comparison',
  'col.didLow': 'Difference 95% CI low',
  'col.didHigh': 'Difference 95% CI high',
  'col.didDf': 'Difference df (Welch)',
  'col.didG': 'Difference g',
  'method.exact': 'exact',
  'method.normal-approximation': 'normal',
  'method.none': '–',
  // The methods of issue 14's findings, shown under the methods when a page has them.
  'methodNote.attrition':
    'Loss to follow-up: the share of those who answered before with no answer after, judged against the 20% the ' +
    'NHLBI quality assessment tool for before-after studies accepts. Manski bounds: the mean change over everyone ' +
    'who answered before, each drop-out’s answer after taken as the lowest and as the highest possible score.',
  'methodNote.followup':
    'Follow-up: change from before (and from after) to the follow-up over those who answered both, 95% t interval; ' +
    'still better: improved by the end and still better than before at the follow-up, of those who answered all ' +
    'three times.',
  'methodNote.thenTest':
    'Then-test (Howard’s retrospective pre-test): at the end people also rate how they were before; response shift ' +
    '= then − before, change = after − then, each with its 95% t interval.',
  'methodNote.clinical':
    'Clinically significant change (Jacobson & Truax 1991): recovered = a reliable improvement from the atypical ' +
    'side of the cut-off to the typical side; the cut-off is published, or from the measure’s norms: a = 2 SD ' +
    'beyond the clinical mean, b = 2 SD within the norm, c = (s_f·m_d + s_d·m_f)/(s_f + s_d).',
  'methodNote.comparison':
    'Comparison group (a waiting list): the programme’s mean change minus the comparison group’s, Welch’s 95% ' +
    'interval and df, Hedges’ g over the pooled SD of the changes; a quasi-experimental estimate, as people were ' +
    'not assigned at random.',
  methodNote: [
    'Change is after minus before, over completers (people scored both times).',
    '95% CI and paired t with df = n − 1, two-sided; Holm’s adjustment across the measures of one cohort, session ' +
      'and group.',
    'Wilcoxon signed-rank as R’s wilcox.test: V is the sum of the ranks of positive changes, zeros dropped; exact p ' +
      'for n < 50 without ties or zeros, else the normal approximation with tie and continuity correction.',
    'd_z = mean change / SD of change; g_av = mean change / mean of the two SDs × J(n − 1) (Lakens 2013); effects ' +
      'read as small from 0.2, medium 0.5, large 0.8 (Cohen 1988).',
    'Reliable change after Jacobson & Truax (1991): |change| / (SD before × √2 × √(1 − r)) > 1.96, with the whole ' +
      'group’s SD before and r the measure’s published reliability or the group’s baseline Cronbach’s alpha; ' +
      'an alpha below .70 or negative is never used.',
    'Knowledge quizzes: % correct, with Hake’s normalised gain. Scores need the share of items answered that the ' +
      'measure’s definition sets (80% unless it says otherwise), sums prorated; reliable change is not used for them.',
  ],
};

/** The workspace's words in one language. */
export type WorkspaceStrings = typeof en;

const ro: WorkspaceStrings = {
  title: 'Rezultate',
  intro:
    'Pe program și cohortă: cine a răspuns la fiecare chestionar, cine a răspuns și înainte, și după, ' +
    'și ce s-a schimbat.',
  noProgramme: 'Nu aveți niciun program ale cărui rezultate le puteți citi.',
  ratesNote: 'Câți au răspuns la fiecare etapă, pe cohortă, ca CSV. Consola arată același lucru pe pagină.',
  console: 'Consola',
  ratesCsvOf: '{cohort}: rate de răspuns (CSV)',
  allProgrammes: 'Toate programele',
  previewSummary: 'Previzualizați rezumatul pentru finanțatori din această lună',
  previewHint: 'Ce ar primi acum fiecare finanțator, în limba dumneavoastră; nimic nu este trimis sau înregistrat.',
  pool: 'Toate cohortele împreună',
  comparisonGroup: '{cohort} (grup de comparație)',
  comparisonHint:
    'Un grup de comparație (o listă de așteptare): încă nu face parte din program, deci nu e printre „Toate ' +
    'cohortele împreună”; acolo schimbarea programului este pusă față în față cu schimbarea lui.',
  poolHintComparison:
    'Primele răspunsuri dinainte și ultimele de după ale fiecărei persoane, din toate cohortele din program ' +
    '(fără grupurile de comparație).',
  poolHint: 'Primele răspunsuri dinainte și ultimele de după ale fiecărei persoane, din toate cohortele programului.',
  cohorts: 'Cohorte',
  noCohorts: 'Nicio cohortă încă.',
  site: 'Localitatea',
  participants: 'Participanți',
  answeredOf: '{answered} din {participants}',
  completers: 'Au răspuns înainte și după',
  lastAnswer: 'Ultimul răspuns primit',
  none: 'Niciunul încă',
  sessions: 'Sesiuni',
  allSessions: 'Toate sesiunile acestei cohorte',
  scopeOf: '{scope} · {programme}',
  asOf: 'Include răspunsurile primite până la {time}.',
  notAggregated: 'Încă necalculate: rezultatele apar după următoarea agregare (din oră în oră).',
  noResponses: 'Niciun răspuns încă.',
  recomputing:
    'Un participant s-a retras după calcularea acestor rezultate: ele sunt reținute până când următoarea agregare ' +
    'le recalculează fără acea persoană (din oră în oră pe AWS; local, npm run prepost -- aggregate).',
  indicatorsCsv: 'Descărcați toți indicatorii (CSV)',
  ratesCsv: 'Descărcați ratele de răspuns (CSV)',
  whoAnswered: 'Cine a răspuns',
  noAnswersFor: 'Niciun răspuns încă pentru {session}.',
  findings: 'Constatări',
  findingsHint: 'Întregul grup, pe fiecare măsură: persoanele care au răspuns și înainte, și după.',
  before: 'Înainte',
  after: 'După',
  change: 'Schimbare',
  effect: 'Mărimea efectului (g al lui Hedges, AS medie)',
  reliableChange: 'Schimbare fiabilă',
  dropouts: 'Abandonuri (au răspuns doar înainte)',
  reliability: 'Fidelitate',
  gain: 'Câștig normalizat',
  meanCi: '{mean} (IÎ 95% {low} până la {high})',
  reliableCounts: '{improved} s-au îmbunătățit, {unchanged} au rămas neschimbați, {deteriorated} s-au înrăutățit',
  reliableThreshold: 'fiabilă când schimbarea depășește ±{threshold}',
  noReliableChange: 'Necalculată: nu există o fidelitate utilizabilă.',
  noDropouts: 'Niciunul',
  dropoutsLine: '{n}; nivelul lor inițial {dropouts}, al celor care au răspuns de ambele dăți {completers}',
  reliabilityUsed: '{value} ({source}); alfa inițial {alpha}',
  reliabilityNotUsed: 'Niciuna folosită; alfa inițial {alpha}',
  quizReliableChange: 'Schimbarea fiabilă nu se folosește pentru chestionarele de cunoștințe.',
  quizAlpha: 'Alfa inițial {alpha} (cât de consecvent s-a răspuns la itemi; nu se folosește pentru schimbarea fiabilă)',
  'flag.negative.quiz': 'Alfa inițial {alpha}: itemii nu s-au legat între ei în acest grup.',
  'flag.low.quiz': 'Alfa inițial {alpha} este sub 0,70: itemii s-au legat slab între ei în acest grup.',
  'source.published': 'publicată',
  'source.cronbach-alpha-baseline': 'alfa inițial al acestui grup',
  'flag.negative.none':
    'Alfa inițial {alpha}: itemii nu s-au legat între ei în acest grup; schimbarea fiabilă nu este calculată.',
  'flag.negative.used':
    'Alfa inițial {alpha}: itemii nu s-au legat între ei în acest grup; ' +
    'schimbarea fiabilă folosește fidelitatea publicată {value}.',
  'flag.low.none':
    'Alfa inițial {alpha} este sub 0,70: itemii s-au legat slab între ei în acest grup; ' +
    'schimbarea fiabilă nu este calculată.',
  'flag.low.used':
    'Alfa inițial {alpha} este sub 0,70: itemii s-au legat slab între ei în acest grup; ' +
    'schimbarea fiabilă folosește fidelitatea publicată {value}.',
  noCompleters: 'Nimeni nu a răspuns încă și înainte, și după ({before} înainte, {after} după).',
  byGroup: 'Pe subgrupuri',
  byGroupHint:
    'Cei care au răspuns de ambele dăți, pe grup: schimbarea (IÎ 95%), mărimea efectului. Grupurile mici dau ' +
    'intervale largi.',
  byPart: 'Părțile măsurii',
  topic: 'Tema: {topic}',
  'groupLine.one': '{n} persoană cu ambele răspunsuri: {change}, {effect}',
  'groupLine.few': '{n} persoane cu ambele răspunsuri: {change}, {effect}',
  'groupLine.other': '{n} de persoane cu ambele răspunsuri: {change}, {effect}',
  noGroupCompleters: 'niciun răspuns de ambele dăți',
  fullTable: 'Toți indicatorii (tabelul complet)',
  fullTableHint: 'Un rând pe măsură, parte și subgrup; pe un ecran îngust tabelul se derulează lateral.',
  all: 'Întregul grup',
  methods: 'Cum sunt calculate aceste cifre',
  'reading.noChange': '{measure} nu s-a schimbat vizibil în medie ({from}; {people}).',
  'reading.moved': '{measure} {moved}{interval}{effect}{verdict} ({from}; {people}).',
  'reading.rose': 'a crescut cu {amount}',
  'reading.fell': 'a scăzut cu {amount}',
  'reading.points': '{value} puncte',
  'reading.percentPoints': '{value} puncte procentuale',
  'reading.interval': ' (IÎ 95% {low} până la {high})',
  'reading.effect': ', un efect {label}',
  'reading.improvement': ': o îmbunătățire',
  'reading.deterioration': ': o înrăutățire',
  'reading.may-be-chance': '; poate fi întâmplător, deoarece intervalul include lipsa schimbării',
  'reading.too-few': '; prea puține persoane pentru a spune dacă este mai mult decât întâmplare',
  'reading.from': 'de la {before} la {after}',
  'reading.fromPercent': 'de la {before}% la {after}% răspunsuri corecte',
  'reading.people.one': '{n} persoană a răspuns înainte și după',
  'reading.people.few': '{n} persoane au răspuns înainte și după',
  'reading.people.other': '{n} de persoane au răspuns înainte și după',
  'reading.gain': 'Câștig normalizat {gain}, un câștig {label} (Hake).',
  'reading.gainFell': 'Câștig normalizat {gain}: cunoștințele au scăzut în medie (Hake).',
  'effect.negligible': 'neglijabil',
  'effect.small': 'mic',
  'effect.medium': 'mediu',
  'effect.large': 'mare',
  'gain.low': 'scăzut',
  'gain.medium': 'mediu',
  'gain.high': 'ridicat',
  'topic.attrition': 'Cine s-a pierdut',
  'topic.followup': 'Evaluarea ulterioară',
  'topic.thenTest': 'Schimbarea reperului (pre-test retrospectiv)',
  'topic.clinical': 'Schimbare semnificativă clinic',
  'topic.comparison': 'Față de grupul de comparație',
  'eval.lost':
    '{share} dintre persoanele care au răspuns înainte nu au mai răspuns după{counts}: {judgement} ' +
    '(instrumentul NHLBI de evaluare a calității studiilor înainte-după).',
  'eval.counts': ' ({lost} din {started})',
  'eval.within': 'în limita pragului de 20\u00a0% de pierderi din urmărire pe care îl acceptă',
  'eval.over': 'peste pragul de 20\u00a0% de pierderi din urmărire pe care îl acceptă',
  'eval.noneLost': 'Toți cei care au răspuns înainte au răspuns și după.',
  'eval.bounds':
    'Dacă toți cei care nu au mai răspuns ar fi avut cel mai mic scor posibil, schimbarea medie ar fi {low}; ' +
    'cu cel mai mare scor posibil, {high} (limitele Manski, pentru toți cei care au răspuns înainte).',
  'eval.monthsLater': 'După {months} luni',
  'eval.atFollowup': 'La evaluarea ulterioară',
  'eval.followup': '{when}, schimbarea față de început era {change}{interval}; {people}.',
  'eval.followupPeople.one': '{n} persoană a răspuns de ambele dăți',
  'eval.followupPeople.few': '{n} persoane au răspuns de ambele dăți',
  'eval.followupPeople.other': '{n} de persoane au răspuns de ambele dăți',
  'eval.fromEnd': 'De la sfârșitul programului până la evaluarea ulterioară, schimbarea a fost {change}{interval}.',
  'eval.sustained.one':
    '{kept} din {n} persoană care a răspuns de toate trei dățile se îmbunătățise la sfârșit și era încă mai bine ' +
    'decât la început.',
  'eval.sustained.few':
    '{kept} din cele {n} persoane care au răspuns de toate trei dățile se îmbunătățiseră la sfârșit și erau încă ' +
    'mai bine decât la început.',
  'eval.sustained.other':
    '{kept} din cele {n} de persoane care au răspuns de toate trei dățile se îmbunătățiseră la sfârșit și erau ' +
    'încă mai bine decât la început.',
  'eval.lostFollowup':
    '{share} dintre persoanele care au răspuns înainte nu au răspuns la evaluarea ulterioară: {judgement} ' +
    '(instrumentul NHLBI de evaluare a calității studiilor înainte-după).',
  'eval.lostFollowupAbout':
    'Aproximativ {share} dintre persoanele care au răspuns înainte nu au răspuns la evaluarea ulterioară: ' +
    '{judgement} ' +
    '(instrumentul NHLBI de evaluare a calității studiilor înainte-după).',
  'eval.interval': ' (IÎ 95% {low} până la {high})',
  'eval.intervalInside': '; IÎ 95% {low} până la {high}',
  'eval.shift':
    'Privind înapoi, participanții și-au evaluat punctul de plecare cu {amount} mai {direction} decât la început' +
    ' (o schimbare a reperului de răspuns, măsurată prin pre-testul retrospectiv al lui Howard{interval}).',
  'eval.lower': 'jos',
  'eval.higher': 'sus',
  'eval.noShift':
    'Privind înapoi, participanții și-au evaluat punctul de plecare la fel ca la început (nicio ' +
    'schimbare a reperului de răspuns, după pre-testul retrospectiv al lui Howard{interval}).',
  'eval.thenChange': 'Măsurată de la această privire înapoi, schimbarea până la sfârșit a fost {change}{interval}.',
  'eval.recovered':
    '{recovered} din {n} au trecut din intervalul atipic în cel tipic cu o îmbunătățire fiabilă ' +
    '(Jacobson și Truax 1991: pragul {cutoff}, {criterion}).',
  'eval.criterion.published': 'un prag publicat',
  'eval.criterion.a': 'criteriul a, două AS dincolo de media clinică',
  'eval.criterion.b': 'criteriul b, două AS în interiorul normei',
  'eval.criterion.c': 'criteriul c, între populația clinică și cea de referință',
  'eval.typical': 'În intervalul tipic: {before} înainte, {after} după.',
  'eval.comparison.better':
    'Participanții programului au evoluat cu {amount} mai bine decât grupul de comparație{interval}{g}: ' + '{caveat}.',
  'eval.comparison.worse':
    'Participanții programului au evoluat cu {amount} mai rău decât grupul de comparație{interval}{g}: ' + '{caveat}.',
  'eval.comparison.same':
    'Participanții programului s-au schimbat cam cât grupul de comparație{interval}{g}: {caveat}.',
  'eval.g': ', g al lui Hedges {g}',
  'eval.caveat':
    'o estimare cvasi-experimentală, deoarece persoanele nu au fost repartizate aleatoriu (intervalul Welch)',
  'chart.levels': '{measure}: înainte și după',
  'chart.levelsLabel': 'media înainte și după a celor cu ambele răspunsuri, cu intervale de încredere de 95%',
  'chart.score': 'Scor ({min} până la {max})',
  'chart.percent': '% corecte',
  'chart.meanCi': 'punct: media; linie: IÎ 95%',
  'chart.noData': 'fără date',
  'chart.changes': '{measure}: schimbarea fiecărei persoane',
  'chart.changesLabel.one': 'schimbarea individuală: {n} persoană',
  'chart.changesLabel.few': 'schimbarea individuală: {n} persoane',
  'chart.changesLabel.other': 'schimbarea individuală: {n} de persoane',
  'chart.changesBand': 'banda umbrită: o schimbare în limitele ±{threshold} nu este fiabilă',
  'chart.changeAxis': 'Schimbare în puncte (după − înainte)',
  'chart.changeAxisPercent': 'Schimbare în puncte procentuale (după − înainte)',
  'chart.onePerson': 'fiecare punct: o persoană',
  'chart.notReliable': 'umbrit: schimbare nefiabilă',
  'chart.reliable': '{measure}: schimbare fiabilă',
  'chart.reliableLabel':
    '{improved} s-au îmbunătățit fiabil, {unchanged} au rămas neschimbați, {deteriorated} s-au înrăutățit',
  'chart.reliableAxis.one': 'Proporția din {n} persoană cu ambele răspunsuri',
  'chart.reliableAxis.few': 'Proporția din {n} persoane cu ambele răspunsuri',
  'chart.reliableAxis.other': 'Proporția din {n} de persoane cu ambele răspunsuri',
  'chart.improved': 'îmbunătățiți',
  'chart.unchanged': 'neschimbați',
  'chart.deteriorated': 'înrăutățiți',
  'chart.noCompleters': 'Niciun răspuns de ambele dăți',
  'col.measure': 'Măsura',
  'col.group': 'Grup sau parte',
  'col.nPre': 'n înainte',
  'col.nPost': 'n după',
  'col.nPaired': 'n ambele',
  'col.nPreOnly': 'n abandonuri',
  'col.meanPreDropouts': 'Media înainte a abandonurilor',
  'col.meanPre': 'Media înainte',
  'col.sdPre': 'AS înainte',
  'col.meanPost': 'Media după',
  'col.sdPost': 'AS după',
  'col.change': 'Schimbare',
  'col.ciLow': 'IÎ 95% inferior',
  'col.ciHigh': 'IÎ 95% superior',
  'col.t': 't',
  'col.df': 'gl',
  'col.p': 'p',
  'col.pHolm': 'p (Holm)',
  'col.v': 'V Wilcoxon',
  'col.pWilcoxon': 'p (Wilcoxon)',
  'col.method': 'Metoda Wilcoxon',
  'col.dz': 'd_z',
  'col.dav': 'd_av',
  'col.gav': 'g_av',
  'col.improved': 'Îmbunătățiți fiabil',
  'col.unchanged': 'Neschimbați',
  'col.deteriorated': 'Înrăutățiți fiabil',
  'col.threshold': 'Pragul schimbării fiabile',
  'col.reliability': 'Fidelitatea folosită',
  'col.alpha': 'Alfa inițial',
  'col.gainOfMeans': 'Câștigul mediilor',
  'col.meanOfGains': 'Media câștigurilor',
  'col.atCeiling': 'La 100% înainte',
  'col.lostShare': 'Pondere pierdută',
  'col.boundsLow': 'Limită (minim)',
  'col.boundsHigh': 'Limită (maxim)',
  'col.nFollowup': 'n evaluare ulterioară',
  'col.changeFollowup': 'Schimbare până la evaluarea ulterioară',
  'col.sdFollowup': 'AS schimbare până la evaluarea ulterioară',
  'col.ciLowFollowup': 'Ev. ulterioară IÎ 95% inferior',
  'col.ciHighFollowup': 'Ev. ulterioară IÎ 95% superior',
  'col.nPostFollowup': 'n după și ev. ulterioară',
  'col.changePostFollowup': 'Schimbare de la după la ev. ulterioară',
  'col.ciLowPostFollowup': 'După–ev. ulterioară IÎ 95% inferior',
  'col.ciHighPostFollowup': 'După–ev. ulterioară IÎ 95% superior',
  'col.nAllWaves': 'n toate trei',
  'col.nSustained': 'Menținută',
  'col.lostFollowup': 'Pondere pierdută la ev. ulterioară',
  'col.boundsLowFollowup': 'Limită la ev. ulterioară (minim)',
  'col.boundsHighFollowup': 'Limită la ev. ulterioară (maxim)',
  'col.nThen': 'n pre-test retrospectiv',
  'col.changeThen': 'Schimbare retrospectiv–după',
  'col.ciLowThen': 'Retrospectiv IÎ 95% inferior',
  'col.ciHighThen': 'Retrospectiv IÎ 95% superior',
  'col.nShift': 'n schimbare de reper',
  'col.shift': 'Schimbare de reper',
  'col.ciLowShift': 'Reper IÎ 95% inferior',
  'col.ciHighShift': 'Reper IÎ 95% superior',
  'col.cutoff': 'Prag',
  'col.criterion': 'Criteriul pragului',
  'col.recovered': 'Recuperați',
  'col.typicalPre': 'Tipic înainte',
  'col.typicalPost': 'Tipic după',
  'col.nComparison': 'n comparație',
  'col.changeComparison': 'Schimbare comparație',
  'col.did': 'Diferență față de comparație',
  'col.didLow': 'Diferență IÎ 95% inferior',
  'col.didHigh': 'Diferență IÎ 95% superior',
  'col.didDf': 'Diferență gl (Welch)',
  'col.didG': 'Diferență g',
  'method.exact': 'exactă',
  'method.normal-approximation': 'normală',
  'method.none': '–',
  'methodNote.attrition':
    'Pierderi din urmărire: ponderea celor care au răspuns înainte și nu au mai răspuns după, judecată față de ' +
    'pragul de 20\u00a0% acceptat de instrumentul NHLBI pentru studii înainte-după. Limitele Manski: schimbarea ' +
    'medie pentru toți cei care au răspuns înainte, cu răspunsul de după al fiecărui abandon luat ca cel mai mic ' +
    'și ca cel mai mare scor posibil.',
  'methodNote.followup':
    'Evaluarea ulterioară: schimbarea de la început (și de la sfârșit) până la evaluarea ulterioară, pentru cei ' +
    'care au răspuns de ambele dăți, interval t de 95%; încă mai bine: îmbunătățiți la sfârșit și încă mai bine ' +
    'decât la început la evaluarea ulterioară, dintre cei care au răspuns de toate trei dățile.',
  'methodNote.thenTest':
    'Pre-testul retrospectiv (Howard): la sfârșit, participanții evaluează și cum erau înainte; schimbarea ' +
    'reperului = retrospectiv − înainte, schimbarea = după − retrospectiv, fiecare cu intervalul t de 95%.',
  'methodNote.clinical':
    'Schimbare semnificativă clinic (Jacobson și Truax 1991): recuperat = o îmbunătățire fiabilă din partea ' +
    'atipică a pragului în cea tipică; pragul este publicat sau rezultă din normele măsurii: a = 2 AS dincolo de ' +
    'media clinică, b = 2 AS în interiorul normei, c = (s_f·m_d + s_d·m_f)/(s_f + s_d).',
  'methodNote.comparison':
    'Grup de comparație (o listă de așteptare): schimbarea medie din program minus cea a grupului de comparație, ' +
    'intervalul Welch de 95% și gl, g al lui Hedges pe AS comună a schimbărilor; o estimare cvasi-experimentală, ' +
    'deoarece persoanele nu au fost repartizate aleatoriu.',
  methodNote: [
    'Schimbarea este „după” minus „înainte”, pentru cei care au scoruri de ambele dăți.',
    'IÎ 95% și testul t pereche cu gl = n − 1, bilateral; ajustarea Holm pentru măsurile aceleiași cohorte, sesiuni ' +
      'și grup.',
    'Testul Wilcoxon al rangurilor cu semn ca wilcox.test din R: V este suma rangurilor schimbărilor pozitive, fără ' +
      'zerouri; p exact pentru n < 50 fără egalități sau zerouri, altfel aproximarea normală cu corecții.',
    'd_z = schimbarea medie / AS a schimbării; ' +
      'g_av = schimbarea medie / media celor două AS × J(n − 1) (Lakens 2013); ' +
      'efect mic de la 0,2, mediu 0,5, mare 0,8 (Cohen 1988).',
    'Schimbare fiabilă după Jacobson și Truax (1991): |schimbare| / (AS înainte × √2 × √(1 − r)) > 1,96, cu AS ' +
      'înainte a întregului grup și r fidelitatea publicată a măsurii sau alfa Cronbach inițial al grupului; un alfa ' +
      'sub 0,70 sau negativ nu este folosit niciodată.',
    'Chestionare de cunoștințe: % corecte, cu câștigul normalizat Hake. Un scor cere proporția de itemi răspunși ' +
      'stabilită de definiția măsurii (80% dacă nu spune altfel), sumele proporționalizate; ' +
      'schimbarea fiabilă nu se folosește pentru ele.',
  ],
};

const es: WorkspaceStrings = {
  title: 'Resultados',
  intro:
    'Por programa y cohorte: quién ha respondido cada cuestionario, quién respondió antes y después, y qué cambió.',
  noProgramme: 'No tiene ningún programa cuyos resultados pueda leer.',
  ratesNote: 'Cuántas personas respondieron cada fase, por cohorte, en CSV. La consola muestra lo mismo en la página.',
  console: 'Consola',
  ratesCsvOf: '{cohort}: tasas de respuesta (CSV)',
  allProgrammes: 'Todos los programas',
  previewSummary: 'Vista previa del resumen de este mes para los financiadores',
  previewHint: 'Lo que recibiría ahora cada financiador, en su idioma; no se envía ni se registra nada.',
  pool: 'Todas las cohortes juntas',
  comparisonGroup: '{cohort} (grupo de comparación)',
  comparisonHint:
    'Un grupo de comparación (una lista de espera): aún no está en el programa, así que no está entre «Todas las ' +
    'cohortes juntas»; allí el cambio del programa se compara con el suyo.',
  poolHintComparison:
    'Las primeras respuestas de antes y las últimas de después de cada persona, en todas las cohortes del ' +
    'programa (sin los grupos de comparación).',
  poolHint: 'Las primeras respuestas de antes y las últimas de después de cada persona, en todas las cohortes.',
  cohorts: 'Cohortes',
  noCohorts: 'Aún no hay cohortes.',
  site: 'Lugar',
  participants: 'Participantes',
  answeredOf: '{answered} de {participants}',
  completers: 'Respondieron antes y después',
  lastAnswer: 'Última respuesta recibida',
  none: 'Ninguna aún',
  sessions: 'Sesiones',
  allSessions: 'Todas las sesiones de esta cohorte',
  scopeOf: '{scope} · {programme}',
  asOf: 'Incluye las respuestas recibidas hasta el {time}.',
  notAggregated: 'Aún sin calcular: los resultados aparecen tras la próxima agregación (cada hora).',
  noResponses: 'Aún no hay respuestas.',
  recomputing:
    'Una persona participante se retiró después de calcular estos resultados: se retienen hasta que la próxima ' +
    'agregación los recalcule sin ella (cada hora en AWS; en local, npm run prepost -- aggregate).',
  indicatorsCsv: 'Descargar todos los indicadores (CSV)',
  ratesCsv: 'Descargar las tasas de respuesta (CSV)',
  whoAnswered: 'Quién ha respondido',
  noAnswersFor: 'Aún no hay respuestas para {session}.',
  findings: 'Resultados principales',
  findingsHint: 'El grupo entero, por medida: personas que respondieron antes y después.',
  before: 'Antes',
  after: 'Después',
  change: 'Cambio',
  effect: 'Tamaño del efecto (g de Hedges, DE media)',
  reliableChange: 'Cambio fiable',
  dropouts: 'Abandonos (respondieron solo antes)',
  reliability: 'Fiabilidad',
  gain: 'Ganancia normalizada',
  meanCi: '{mean} (IC 95 % {low} a {high})',
  reliableCounts: '{improved} mejoraron, {unchanged} sin cambio, {deteriorated} empeoraron',
  reliableThreshold: 'fiable cuando el cambio supera ±{threshold}',
  noReliableChange: 'No calculado: no hay una fiabilidad utilizable.',
  noDropouts: 'Ninguno',
  dropoutsLine: '{n}; su nivel inicial {dropouts}, el de quienes respondieron las dos veces {completers}',
  reliabilityUsed: '{value} ({source}); alfa inicial {alpha}',
  reliabilityNotUsed: 'No se usa ninguna; alfa inicial {alpha}',
  quizReliableChange: 'El cambio fiable no se usa en los cuestionarios de conocimientos.',
  quizAlpha: 'Alfa inicial {alpha} (la coherencia con que se respondieron los ítems; no se usa para el cambio fiable)',
  'flag.negative.quiz': 'Alfa inicial {alpha}: los ítems no fueron coherentes entre sí en este grupo.',
  'flag.low.quiz': 'Alfa inicial {alpha}, por debajo de 0,70: los ítems fueron poco coherentes entre sí en este grupo.',
  'source.published': 'publicada',
  'source.cronbach-alpha-baseline': 'alfa inicial de este grupo',
  'flag.negative.none':
    'Alfa inicial {alpha}: los ítems no fueron coherentes entre sí en este grupo; el cambio fiable no se calcula.',
  'flag.negative.used':
    'Alfa inicial {alpha}: los ítems no fueron coherentes entre sí en este grupo; ' +
    'el cambio fiable usa la fiabilidad publicada {value}.',
  'flag.low.none':
    'Alfa inicial {alpha}, por debajo de 0,70: los ítems fueron poco coherentes entre sí en este grupo; ' +
    'el cambio fiable no se calcula.',
  'flag.low.used':
    'Alfa inicial {alpha}, por debajo de 0,70: los ítems fueron poco coherentes entre sí en este grupo; ' +
    'el cambio fiable usa la fiabilidad publicada {value}.',
  noCompleters: 'Aún nadie ha respondido antes y después ({before} antes, {after} después).',
  byGroup: 'Por subgrupo',
  byGroupHint:
    'Quienes respondieron las dos veces, por grupo: cambio (IC 95 %), tamaño del efecto. Los grupos pequeños dan ' +
    'intervalos amplios.',
  byPart: 'Partes de la medida',
  topic: 'Tema: {topic}',
  'groupLine.one': '{n} con las dos respuestas: {change}, {effect}',
  'groupLine.few': '{n} con las dos respuestas: {change}, {effect}',
  'groupLine.other': '{n} con las dos respuestas: {change}, {effect}',
  noGroupCompleters: 'nadie con las dos respuestas',
  fullTable: 'Todos los indicadores (tabla completa)',
  fullTableHint: 'Una fila por medida, parte y subgrupo; en una pantalla estrecha la tabla se desplaza de lado.',
  all: 'Grupo entero',
  methods: 'Cómo se calculan estas cifras',
  'reading.noChange': '{measure} no cambió de forma apreciable en promedio ({from}; {people}).',
  'reading.moved': '{measure} {moved}{interval}{effect}{verdict} ({from}; {people}).',
  'reading.rose': 'subió {amount}',
  'reading.fell': 'bajó {amount}',
  'reading.points': '{value} puntos',
  'reading.percentPoints': '{value} puntos porcentuales',
  'reading.interval': ' (IC 95 % {low} a {high})',
  'reading.effect': ', un efecto {label}',
  'reading.improvement': ': una mejora',
  'reading.deterioration': ': un empeoramiento',
  'reading.may-be-chance': '; puede deberse al azar, ya que el intervalo incluye la ausencia de cambio',
  'reading.too-few': '; demasiadas pocas personas para saber si es más que azar',
  'reading.from': 'de {before} a {after}',
  'reading.fromPercent': 'del {before} % al {after} % de aciertos',
  'reading.people.one': '{n} persona respondió antes y después',
  'reading.people.few': '{n} personas respondieron antes y después',
  'reading.people.other': '{n} personas respondieron antes y después',
  'reading.gain': 'Ganancia normalizada {gain}, una ganancia {label} (Hake).',
  'reading.gainFell': 'Ganancia normalizada {gain}: el conocimiento bajó en promedio (Hake).',
  'effect.negligible': 'insignificante',
  'effect.small': 'pequeño',
  'effect.medium': 'mediano',
  'effect.large': 'grande',
  'gain.low': 'baja',
  'gain.medium': 'media',
  'gain.high': 'alta',
  'topic.attrition': 'Quién se perdió',
  'topic.followup': 'Seguimiento',
  'topic.thenTest': 'Cambio de respuesta (pretest retrospectivo)',
  'topic.clinical': 'Cambio clínicamente significativo',
  'topic.comparison': 'Frente al grupo de comparación',
  'eval.lost':
    'El {share} de las personas que respondieron antes no respondió después{counts}: {judgement} ' +
    '(herramienta de evaluación de la calidad del NHLBI para estudios antes-después).',
  'eval.counts': ' ({lost} de {started})',
  'eval.within': 'dentro del 20\u00a0% de pérdidas en el seguimiento que acepta',
  'eval.over': 'más del 20\u00a0% de pérdidas en el seguimiento que acepta',
  'eval.noneLost': 'Todas las personas que respondieron antes respondieron también después.',
  'eval.bounds':
    'Si todas las personas que no volvieron a responder hubieran obtenido la puntuación más baja posible, el ' +
    'cambio medio sería {low}; con la más alta posible, {high} (límites de Manski, sobre todas las personas que ' +
    'respondieron antes).',
  'eval.monthsLater': '{months} meses después',
  'eval.atFollowup': 'En el seguimiento',
  'eval.followup': '{when}, el cambio desde el inicio era {change}{interval}; {people}.',
  'eval.followupPeople.one': '{n} persona respondió las dos veces',
  'eval.followupPeople.few': '{n} personas respondieron las dos veces',
  'eval.followupPeople.other': '{n} personas respondieron las dos veces',
  'eval.fromEnd': 'Del final del programa al seguimiento, el cambio fue {change}{interval}.',
  'eval.sustained.one':
    '{kept} de {n} persona que respondió las tres veces había mejorado al final y seguía mejor que al inicio.',
  'eval.sustained.few':
    '{kept} de las {n} personas que respondieron las tres veces habían mejorado al final y seguían mejor que al ' +
    'inicio.',
  'eval.sustained.other':
    '{kept} de las {n} personas que respondieron las tres veces habían mejorado al final y seguían mejor que al ' +
    'inicio.',
  'eval.lostFollowup':
    'El {share} de las personas que respondieron antes no respondió al seguimiento: {judgement} ' +
    '(herramienta de evaluación de la calidad del NHLBI para estudios antes-después).',
  'eval.lostFollowupAbout':
    'Alrededor del {share} de las personas que respondieron antes no respondió al seguimiento: {judgement} ' +
    '(herramienta de evaluación de la calidad del NHLBI para estudios antes-después).',
  'eval.interval': ' (IC 95 % {low} a {high})',
  'eval.intervalInside': '; IC 95 % {low} a {high}',
  'eval.shift':
    'Mirando atrás, las personas valoraron su punto de partida {amount} más {direction} que al inicio ' +
    '(un cambio de respuesta, hallado con el pretest retrospectivo de Howard{interval}).',
  'eval.lower': 'bajo',
  'eval.higher': 'alto',
  'eval.noShift':
    'Mirando atrás, las personas valoraron su punto de partida igual que al inicio (sin cambio de ' +
    'respuesta, según el pretest retrospectivo de Howard{interval}).',
  'eval.thenChange': 'Medido desde esa mirada atrás, el cambio hasta el final fue {change}{interval}.',
  'eval.recovered':
    '{recovered} de {n} pasaron del rango atípico al típico con una mejora fiable ' +
    '(Jacobson y Truax 1991: punto de corte {cutoff}, {criterion}).',
  'eval.criterion.published': 'un punto de corte publicado',
  'eval.criterion.a': 'criterio a, dos DE más allá de la media clínica',
  'eval.criterion.b': 'criterio b, dos DE dentro de la norma',
  'eval.criterion.c': 'criterio c, entre la población clínica y la de referencia',
  'eval.typical': 'En el rango típico: {before} antes, {after} después.',
  'eval.comparison.better':
    'Las personas participantes evolucionaron {amount} mejor que el grupo de comparación{interval}{g}: {caveat}.',
  'eval.comparison.worse':
    'Las personas participantes evolucionaron {amount} peor que el grupo de comparación{interval}{g}: {caveat}.',
  'eval.comparison.same':
    'Las personas participantes cambiaron más o menos lo mismo que el grupo de comparación{interval}{g}: {caveat}.',
  'eval.g': ', g de Hedges {g}',
  'eval.caveat': 'una estimación cuasiexperimental, ya que las personas no se asignaron al azar (intervalo de Welch)',
  'chart.levels': '{measure}: antes y después',
  'chart.levelsLabel':
    'media antes y después de quienes respondieron las dos veces, con intervalos de confianza del 95 %',
  'chart.score': 'Puntuación ({min} a {max})',
  'chart.percent': '% de aciertos',
  'chart.meanCi': 'punto: media; línea: IC 95 %',
  'chart.noData': 'sin datos',
  'chart.changes': '{measure}: cambio de cada persona',
  'chart.changesLabel.one': 'cambio individual de {n} persona',
  'chart.changesLabel.few': 'cambio individual de {n} personas',
  'chart.changesLabel.other': 'cambio individual de {n} personas',
  'chart.changesBand': 'franja sombreada: un cambio dentro de ±{threshold} no es fiable',
  'chart.changeAxis': 'Cambio en puntos (después − antes)',
  'chart.changeAxisPercent': 'Cambio en puntos porcentuales (después − antes)',
  'chart.onePerson': 'cada punto: una persona',
  'chart.notReliable': 'sombreado: cambio no fiable',
  'chart.reliable': '{measure}: cambio fiable',
  'chart.reliableLabel': '{improved} mejoraron de forma fiable, {unchanged} sin cambio, {deteriorated} empeoraron',
  'chart.reliableAxis.one': 'Proporción de {n} con las dos respuestas',
  'chart.reliableAxis.few': 'Proporción de {n} con las dos respuestas',
  'chart.reliableAxis.other': 'Proporción de {n} con las dos respuestas',
  'chart.improved': 'mejoraron',
  'chart.unchanged': 'sin cambio',
  'chart.deteriorated': 'empeoraron',
  'chart.noCompleters': 'Nadie con las dos respuestas',
  'col.measure': 'Medida',
  'col.group': 'Grupo o parte',
  'col.nPre': 'n antes',
  'col.nPost': 'n después',
  'col.nPaired': 'n ambas',
  'col.nPreOnly': 'n abandonos',
  'col.meanPreDropouts': 'Media antes de los abandonos',
  'col.meanPre': 'Media antes',
  'col.sdPre': 'DE antes',
  'col.meanPost': 'Media después',
  'col.sdPost': 'DE después',
  'col.change': 'Cambio',
  'col.ciLow': 'IC 95 % inferior',
  'col.ciHigh': 'IC 95 % superior',
  'col.t': 't',
  'col.df': 'gl',
  'col.p': 'p',
  'col.pHolm': 'p (Holm)',
  'col.v': 'V de Wilcoxon',
  'col.pWilcoxon': 'p (Wilcoxon)',
  'col.method': 'Método Wilcoxon',
  'col.dz': 'd_z',
  'col.dav': 'd_av',
  'col.gav': 'g_av',
  'col.improved': 'Mejoraron (fiable)',
  'col.unchanged': 'Sin cambio',
  'col.deteriorated': 'Empeoraron (fiable)',
  'col.threshold': 'Umbral de cambio fiable',
  'col.reliability': 'Fiabilidad usada',
  'col.alpha': 'Alfa inicial',
  'col.gainOfMeans': 'Ganancia de las medias',
  'col.meanOfGains': 'Media de las ganancias',
  'col.atCeiling': 'Al 100 % antes',
  'col.lostShare': 'Proporción perdida',
  'col.boundsLow': 'Límite (mínimo)',
  'col.boundsHigh': 'Límite (máximo)',
  'col.nFollowup': 'n seguimiento',
  'col.changeFollowup': 'Cambio al seguimiento',
  'col.sdFollowup': 'DE cambio al seguimiento',
  'col.ciLowFollowup': 'Seguimiento IC 95 % inferior',
  'col.ciHighFollowup': 'Seguimiento IC 95 % superior',
  'col.nPostFollowup': 'n después y seguimiento',
  'col.changePostFollowup': 'Cambio de después al seguimiento',
  'col.ciLowPostFollowup': 'Después–seguimiento IC 95 % inferior',
  'col.ciHighPostFollowup': 'Después–seguimiento IC 95 % superior',
  'col.nAllWaves': 'n las tres',
  'col.nSustained': 'Mantenida',
  'col.lostFollowup': 'Proporción perdida en el seguimiento',
  'col.boundsLowFollowup': 'Límite en el seguimiento (mínimo)',
  'col.boundsHighFollowup': 'Límite en el seguimiento (máximo)',
  'col.nThen': 'n pretest retrospectivo',
  'col.changeThen': 'Cambio retrospectivo–después',
  'col.ciLowThen': 'Retrospectivo IC 95 % inferior',
  'col.ciHighThen': 'Retrospectivo IC 95 % superior',
  'col.nShift': 'n cambio de respuesta',
  'col.shift': 'Cambio de respuesta',
  'col.ciLowShift': 'Cambio de respuesta IC 95 % inferior',
  'col.ciHighShift': 'Cambio de respuesta IC 95 % superior',
  'col.cutoff': 'Punto de corte',
  'col.criterion': 'Criterio del punto de corte',
  'col.recovered': 'Recuperadas',
  'col.typicalPre': 'Típico antes',
  'col.typicalPost': 'Típico después',
  'col.nComparison': 'n comparación',
  'col.changeComparison': 'Cambio comparación',
  'col.did': 'Diferencia con la comparación',
  'col.didLow': 'Diferencia IC 95 % inferior',
  'col.didHigh': 'Diferencia IC 95 % superior',
  'col.didDf': 'Diferencia gl (Welch)',
  'col.didG': 'Diferencia g',
  'method.exact': 'exacto',
  'method.normal-approximation': 'normal',
  'method.none': '–',
  'methodNote.attrition':
    'Pérdidas en el seguimiento: la proporción de quienes respondieron antes y no después, juzgada frente al ' +
    '20\u00a0% que acepta la herramienta del NHLBI para estudios antes-después. Límites de Manski: el cambio ' +
    'medio de todas las personas que respondieron antes, con la respuesta de después de cada abandono tomada como ' +
    'la puntuación más baja y como la más alta posibles.',
  'methodNote.followup':
    'Seguimiento: cambio desde antes (y desde después) hasta el seguimiento entre quienes respondieron las dos ' +
    'veces, intervalo t del 95 %; siguen mejor: mejoraron al final y siguen mejor que al inicio en el seguimiento, ' +
    'entre quienes respondieron las tres veces.',
  'methodNote.thenTest':
    'Pretest retrospectivo (Howard): al final las personas valoran también cómo estaban antes; cambio de respuesta ' +
    '= retrospectivo − antes, cambio = después − retrospectivo, cada uno con su intervalo t del 95 %.',
  'methodNote.clinical':
    'Cambio clínicamente significativo (Jacobson y Truax 1991): recuperada = una mejora fiable del lado atípico del ' +
    'punto de corte al típico; el punto de corte es publicado o sale de las normas de la medida: a = 2 DE más allá ' +
    'de la media clínica, b = 2 DE dentro de la norma, c = (s_f·m_d + s_d·m_f)/(s_f + s_d).',
  'methodNote.comparison':
    'Grupo de comparación (una lista de espera): el cambio medio del programa menos el del grupo de comparación, ' +
    'intervalo de Welch del 95 % y gl, g de Hedges sobre la DE conjunta de los cambios; una estimación ' +
    'cuasiexperimental, ya que las personas no se asignaron al azar.',
  methodNote: [
    'El cambio es después menos antes, entre quienes tienen puntuación las dos veces.',
    'IC 95 % y t pareada con gl = n − 1, bilateral; ajuste de Holm entre las medidas de una misma cohorte, sesión y ' +
      'grupo.',
    'Rangos con signo de Wilcoxon como wilcox.test de R: V es la suma de los rangos de los cambios positivos, sin ' +
      'ceros; p exacta para n < 50 sin empates ni ceros, si no la aproximación normal con correcciones.',
    'd_z = cambio medio / DE del cambio; g_av = cambio medio / media de las dos DE × J(n − 1) (Lakens 2013); efecto ' +
      'pequeño desde 0,2, mediano 0,5, grande 0,8 (Cohen 1988).',
    'Cambio fiable según Jacobson y Truax (1991): |cambio| / (DE antes × √2 × √(1 − r)) > 1,96, con la DE antes del ' +
      'grupo entero y r la fiabilidad publicada de la medida o el alfa de Cronbach inicial del grupo; un alfa por ' +
      'debajo de 0,70 o negativo nunca se usa.',
    'Cuestionarios de conocimientos: % de aciertos, con la ganancia normalizada de Hake. Una puntuación requiere la ' +
      'proporción de ítems respondidos que fija la medida (80 % si no dice otra cosa), sumas prorrateadas; ' +
      'el cambio fiable no se usa en ellos.',
  ],
};

const ca: WorkspaceStrings = {
  title: 'Resultats',
  intro: 'Per programa i cohort: qui ha respost cada qüestionari, qui ha respost abans i després, i què ha canviat.',
  noProgramme: 'No teniu cap programa els resultats del qual pugueu llegir.',
  ratesNote: 'Quantes persones han respost cada fase, per cohort, en CSV. La consola mostra el mateix a la pàgina.',
  console: 'Consola',
  ratesCsvOf: '{cohort}: taxes de resposta (CSV)',
  allProgrammes: 'Tots els programes',
  previewSummary: 'Previsualitza el resum d’aquest mes per als finançadors',
  previewHint: 'El que rebria ara cada finançador, en la vostra llengua; no s’envia ni es registra res.',
  pool: 'Totes les cohorts juntes',
  comparisonGroup: '{cohort} (grup de comparació)',
  comparisonHint:
    'Un grup de comparació (una llista d’espera): encara no és al programa, així que no és entre «Totes les ' +
    'cohorts juntes»; allà el canvi del programa es compara amb el seu.',
  poolHintComparison:
    'Les primeres respostes d’abans i les últimes de després de cada persona, en totes les cohorts del programa ' +
    '(sense els grups de comparació).',
  poolHint: 'Les primeres respostes d’abans i les últimes de després de cada persona, en totes les cohorts.',
  cohorts: 'Cohorts',
  noCohorts: 'Encara no hi ha cohorts.',
  site: 'Lloc',
  participants: 'Participants',
  answeredOf: '{answered} de {participants}',
  completers: 'Han respost abans i després',
  lastAnswer: 'Última resposta rebuda',
  none: 'Encara cap',
  sessions: 'Sessions',
  allSessions: 'Totes les sessions d’aquesta cohort',
  scopeOf: '{scope} · {programme}',
  asOf: 'Inclou les respostes rebudes fins al {time}.',
  notAggregated: 'Encara sense calcular: els resultats apareixen després de la propera agregació (cada hora).',
  noResponses: 'Encara no hi ha respostes.',
  recomputing:
    'Una persona participant s’ha retirat després de calcular aquests resultats: es retenen fins que la propera ' +
    'agregació els recalculi sense ella (cada hora a AWS; en local, npm run prepost -- aggregate).',
  indicatorsCsv: 'Baixa tots els indicadors (CSV)',
  ratesCsv: 'Baixa les taxes de resposta (CSV)',
  whoAnswered: 'Qui ha respost',
  noAnswersFor: 'Encara no hi ha respostes per a {session}.',
  findings: 'Resultats principals',
  findingsHint: 'El grup sencer, per mesura: persones que han respost abans i després.',
  before: 'Abans',
  after: 'Després',
  change: 'Canvi',
  effect: 'Mida de l’efecte (g de Hedges, DE mitjana)',
  reliableChange: 'Canvi fiable',
  dropouts: 'Abandonaments (només van respondre abans)',
  reliability: 'Fiabilitat',
  gain: 'Guany normalitzat',
  meanCi: '{mean} (IC 95 % {low} a {high})',
  reliableCounts: '{improved} han millorat, {unchanged} sense canvi, {deteriorated} han empitjorat',
  reliableThreshold: 'fiable quan el canvi supera ±{threshold}',
  noReliableChange: 'No calculat: no hi ha una fiabilitat utilitzable.',
  noDropouts: 'Cap',
  dropoutsLine: '{n}; el seu nivell inicial {dropouts}, el de qui va respondre les dues vegades {completers}',
  reliabilityUsed: '{value} ({source}); alfa inicial {alpha}',
  reliabilityNotUsed: 'No se’n fa servir cap; alfa inicial {alpha}',
  quizReliableChange: 'El canvi fiable no es fa servir en els qüestionaris de coneixements.',
  quizAlpha:
    'Alfa inicial {alpha} (la coherència amb què s’han respost els ítems; no es fa servir per al canvi fiable)',
  'flag.negative.quiz': 'Alfa inicial {alpha}: els ítems no han estat coherents entre si en aquest grup.',
  'flag.low.quiz': 'Alfa inicial {alpha}, per sota de 0,70: els ítems han estat poc coherents entre si en aquest grup.',
  'source.published': 'publicada',
  'source.cronbach-alpha-baseline': 'alfa inicial d’aquest grup',
  'flag.negative.none':
    'Alfa inicial {alpha}: els ítems no han estat coherents entre si en aquest grup; el canvi fiable no es calcula.',
  'flag.negative.used':
    'Alfa inicial {alpha}: els ítems no han estat coherents entre si en aquest grup; ' +
    'el canvi fiable fa servir la fiabilitat publicada {value}.',
  'flag.low.none':
    'Alfa inicial {alpha}, per sota de 0,70: els ítems han estat poc coherents entre si en aquest grup; ' +
    'el canvi fiable no es calcula.',
  'flag.low.used':
    'Alfa inicial {alpha}, per sota de 0,70: els ítems han estat poc coherents entre si en aquest grup; ' +
    'el canvi fiable fa servir la fiabilitat publicada {value}.',
  noCompleters: 'Encara ningú no ha respost abans i després ({before} abans, {after} després).',
  byGroup: 'Per subgrup',
  byGroupHint:
    'Qui ha respost les dues vegades, per grup: canvi (IC 95 %), mida de l’efecte. Els grups petits donen ' +
    'intervals amplis.',
  byPart: 'Parts de la mesura',
  topic: 'Tema: {topic}',
  'groupLine.one': '{n} amb les dues respostes: {change}, {effect}',
  'groupLine.few': '{n} amb les dues respostes: {change}, {effect}',
  'groupLine.other': '{n} amb les dues respostes: {change}, {effect}',
  noGroupCompleters: 'ningú amb les dues respostes',
  fullTable: 'Tots els indicadors (taula completa)',
  fullTableHint: 'Una fila per mesura, part i subgrup; en una pantalla estreta la taula es desplaça de costat.',
  all: 'Grup sencer',
  methods: 'Com es calculen aquestes xifres',
  'reading.noChange': '{measure} no ha canviat de manera apreciable de mitjana ({from}; {people}).',
  'reading.moved': '{measure} {moved}{interval}{effect}{verdict} ({from}; {people}).',
  'reading.rose': 'ha pujat {amount}',
  'reading.fell': 'ha baixat {amount}',
  'reading.points': '{value} punts',
  'reading.percentPoints': '{value} punts percentuals',
  'reading.interval': ' (IC 95 % {low} a {high})',
  'reading.effect': ', un efecte {label}',
  'reading.improvement': ': una millora',
  'reading.deterioration': ': un empitjorament',
  'reading.may-be-chance': '; pot ser atzar, ja que l’interval inclou l’absència de canvi',
  'reading.too-few': '; massa poques persones per saber si és més que atzar',
  'reading.from': 'de {before} a {after}',
  'reading.fromPercent': 'del {before} % al {after} % d’encerts',
  'reading.people.one': '{n} persona ha respost abans i després',
  'reading.people.few': '{n} persones han respost abans i després',
  'reading.people.other': '{n} persones han respost abans i després',
  'reading.gain': 'Guany normalitzat {gain}, un guany {label} (Hake).',
  'reading.gainFell': 'Guany normalitzat {gain}: el coneixement ha baixat de mitjana (Hake).',
  'effect.negligible': 'negligible',
  'effect.small': 'petit',
  'effect.medium': 'mitjà',
  'effect.large': 'gran',
  'gain.low': 'baix',
  'gain.medium': 'mitjà',
  'gain.high': 'alt',
  'topic.attrition': 'Qui es va perdre',
  'topic.followup': 'Seguiment',
  'topic.thenTest': 'Canvi de resposta (pretest retrospectiu)',
  'topic.clinical': 'Canvi clínicament significatiu',
  'topic.comparison': 'Davant del grup de comparació',
  'eval.lost':
    'El {share} de les persones que van respondre abans no van respondre després{counts}: {judgement} ' +
    '(eina d’avaluació de la qualitat de l’NHLBI per a estudis abans-després).',
  'eval.counts': ' ({lost} {deStarted})',
  'eval.within': 'dins del 20\u00a0% de pèrdues en el seguiment que accepta',
  'eval.over': 'més del 20\u00a0% de pèrdues en el seguiment que accepta',
  'eval.noneLost': 'Totes les persones que van respondre abans també van respondre després.',
  'eval.bounds':
    'Si totes les persones que no van tornar a respondre haguessin tingut la puntuació més baixa possible, el ' +
    'canvi mitjà seria {low}; amb la més alta possible, {high} (límits de Manski, sobre totes les persones que ' +
    'van respondre abans).',
  'eval.monthsLater': '{months} mesos després',
  'eval.atFollowup': 'En el seguiment',
  'eval.followup': '{when}, el canvi des de l’inici era {change}{interval}; {people}.',
  'eval.followupPeople.one': '{n} persona va respondre les dues vegades',
  'eval.followupPeople.few': '{n} persones van respondre les dues vegades',
  'eval.followupPeople.other': '{n} persones van respondre les dues vegades',
  'eval.fromEnd': 'Del final del programa al seguiment, el canvi va ser {change}{interval}.',
  'eval.sustained.one':
    '{kept} {deN} persona que va respondre les tres vegades havia millorat al final i encara estava millor que a ' +
    'l’inici.',
  'eval.sustained.few':
    '{kept} de les {n} persones que van respondre les tres vegades havien millorat al final i encara estaven ' +
    'millor que a l’inici.',
  'eval.sustained.other':
    '{kept} de les {n} persones que van respondre les tres vegades havien millorat al final i encara estaven ' +
    'millor que a l’inici.',
  'eval.lostFollowup':
    'El {share} de les persones que van respondre abans no va respondre el seguiment: {judgement} ' +
    '(eina d’avaluació de la qualitat de l’NHLBI per a estudis abans-després).',
  'eval.lostFollowupAbout':
    'Al voltant del {share} de les persones que van respondre abans no va respondre el seguiment: {judgement} ' +
    '(eina d’avaluació de la qualitat de l’NHLBI per a estudis abans-després).',
  'eval.interval': ' (IC 95 % {low} a {high})',
  'eval.intervalInside': '; IC 95 % {low} a {high}',
  'eval.shift':
    'Mirant enrere, les persones van valorar el seu punt de partida {amount} més {direction} que a l’inici' +
    ' (un canvi de resposta, trobat amb el pretest retrospectiu de Howard{interval}).',
  'eval.lower': 'baix',
  'eval.higher': 'alt',
  'eval.noShift':
    'Mirant enrere, les persones van valorar el seu punt de partida igual que a l’inici (sense canvi de ' +
    'resposta, segons el pretest retrospectiu de Howard{interval}).',
  'eval.thenChange': 'Mesurat des d’aquesta mirada enrere, el canvi fins al final va ser {change}{interval}.',
  'eval.recovered':
    '{recovered} {deN} van passar del rang atípic al típic amb una millora fiable ' +
    '(Jacobson i Truax 1991: punt de tall {cutoff}, {criterion}).',
  'eval.criterion.published': 'un punt de tall publicat',
  'eval.criterion.a': 'criteri a, dues DE més enllà de la mitjana clínica',
  'eval.criterion.b': 'criteri b, dues DE dins de la norma',
  'eval.criterion.c': 'criteri c, entre la població clínica i la de referència',
  'eval.typical': 'En el rang típic: {before} abans, {after} després.',
  'eval.comparison.better':
    'Les persones participants van evolucionar {amount} millor que el grup de comparació{interval}{g}: {caveat}.',
  'eval.comparison.worse':
    'Les persones participants van evolucionar {amount} pitjor que el grup de comparació{interval}{g}: {caveat}.',
  'eval.comparison.same':
    'Les persones participants van canviar més o menys el mateix que el grup de comparació{interval}{g}: {caveat}.',
  'eval.g': ', g de Hedges {g}',
  'eval.caveat':
    'una estimació quasiexperimental, ja que les persones no es van assignar a l’atzar (interval de Welch)',
  'chart.levels': '{measure}: abans i després',
  'chart.levelsLabel':
    'mitjana abans i després de qui ha respost les dues vegades, amb intervals de confiança del 95 %',
  'chart.score': 'Puntuació ({min} a {max})',
  'chart.percent': '% d’encerts',
  'chart.meanCi': 'punt: mitjana; línia: IC 95 %',
  'chart.noData': 'sense dades',
  'chart.changes': '{measure}: canvi de cada persona',
  'chart.changesLabel.one': 'canvi individual de {n} persona',
  'chart.changesLabel.few': 'canvi individual de {n} persones',
  'chart.changesLabel.other': 'canvi individual de {n} persones',
  'chart.changesBand': 'franja ombrejada: un canvi dins de ±{threshold} no és fiable',
  'chart.changeAxis': 'Canvi en punts (després − abans)',
  'chart.changeAxisPercent': 'Canvi en punts percentuals (després − abans)',
  'chart.onePerson': 'cada punt: una persona',
  'chart.notReliable': 'ombrejat: canvi no fiable',
  'chart.reliable': '{measure}: canvi fiable',
  'chart.reliableLabel':
    '{improved} han millorat de manera fiable, {unchanged} sense canvi, {deteriorated} han empitjorat',
  'chart.reliableAxis.one': 'Proporció de {n} amb les dues respostes',
  'chart.reliableAxis.few': 'Proporció de {n} amb les dues respostes',
  'chart.reliableAxis.other': 'Proporció de {n} amb les dues respostes',
  'chart.improved': 'han millorat',
  'chart.unchanged': 'sense canvi',
  'chart.deteriorated': 'han empitjorat',
  'chart.noCompleters': 'Ningú amb les dues respostes',
  'col.measure': 'Mesura',
  'col.group': 'Grup o part',
  'col.nPre': 'n abans',
  'col.nPost': 'n després',
  'col.nPaired': 'n totes dues',
  'col.nPreOnly': 'n abandonaments',
  'col.meanPreDropouts': 'Mitjana abans dels abandonaments',
  'col.meanPre': 'Mitjana abans',
  'col.sdPre': 'DE abans',
  'col.meanPost': 'Mitjana després',
  'col.sdPost': 'DE després',
  'col.change': 'Canvi',
  'col.ciLow': 'IC 95 % inferior',
  'col.ciHigh': 'IC 95 % superior',
  'col.t': 't',
  'col.df': 'gl',
  'col.p': 'p',
  'col.pHolm': 'p (Holm)',
  'col.v': 'V de Wilcoxon',
  'col.pWilcoxon': 'p (Wilcoxon)',
  'col.method': 'Mètode Wilcoxon',
  'col.dz': 'd_z',
  'col.dav': 'd_av',
  'col.gav': 'g_av',
  'col.improved': 'Han millorat (fiable)',
  'col.unchanged': 'Sense canvi',
  'col.deteriorated': 'Han empitjorat (fiable)',
  'col.threshold': 'Llindar de canvi fiable',
  'col.reliability': 'Fiabilitat usada',
  'col.alpha': 'Alfa inicial',
  'col.gainOfMeans': 'Guany de les mitjanes',
  'col.meanOfGains': 'Mitjana dels guanys',
  'col.atCeiling': 'Al 100 % abans',
  'col.lostShare': 'Proporció perduda',
  'col.boundsLow': 'Límit (mínim)',
  'col.boundsHigh': 'Límit (màxim)',
  'col.nFollowup': 'n seguiment',
  'col.changeFollowup': 'Canvi fins al seguiment',
  'col.sdFollowup': 'DE canvi fins al seguiment',
  'col.ciLowFollowup': 'Seguiment IC 95 % inferior',
  'col.ciHighFollowup': 'Seguiment IC 95 % superior',
  'col.nPostFollowup': 'n després i seguiment',
  'col.changePostFollowup': 'Canvi de després al seguiment',
  'col.ciLowPostFollowup': 'Després–seguiment IC 95 % inferior',
  'col.ciHighPostFollowup': 'Després–seguiment IC 95 % superior',
  'col.nAllWaves': 'n les tres',
  'col.nSustained': 'Mantinguda',
  'col.lostFollowup': 'Proporció perduda en el seguiment',
  'col.boundsLowFollowup': 'Límit en el seguiment (mínim)',
  'col.boundsHighFollowup': 'Límit en el seguiment (màxim)',
  'col.nThen': 'n pretest retrospectiu',
  'col.changeThen': 'Canvi retrospectiu–després',
  'col.ciLowThen': 'Retrospectiu IC 95 % inferior',
  'col.ciHighThen': 'Retrospectiu IC 95 % superior',
  'col.nShift': 'n canvi de resposta',
  'col.shift': 'Canvi de resposta',
  'col.ciLowShift': 'Canvi de resposta IC 95 % inferior',
  'col.ciHighShift': 'Canvi de resposta IC 95 % superior',
  'col.cutoff': 'Punt de tall',
  'col.criterion': 'Criteri del punt de tall',
  'col.recovered': 'Recuperades',
  'col.typicalPre': 'Típic abans',
  'col.typicalPost': 'Típic després',
  'col.nComparison': 'n comparació',
  'col.changeComparison': 'Canvi comparació',
  'col.did': 'Diferència amb la comparació',
  'col.didLow': 'Diferència IC 95 % inferior',
  'col.didHigh': 'Diferència IC 95 % superior',
  'col.didDf': 'Diferència gl (Welch)',
  'col.didG': 'Diferència g',
  'method.exact': 'exacte',
  'method.normal-approximation': 'normal',
  'method.none': '–',
  'methodNote.attrition':
    'Pèrdues en el seguiment: la proporció de qui va respondre abans i no després, jutjada davant del 20\u00a0% que ' +
    'accepta l’eina de l’NHLBI per a estudis abans-després. Límits de Manski: el canvi mitjà de totes les persones ' +
    'que van respondre abans, amb la resposta de després de cada abandonament presa com la puntuació més baixa i ' +
    'com la més alta possibles.',
  'methodNote.followup':
    'Seguiment: canvi des d’abans (i des de després) fins al seguiment entre qui va respondre les dues vegades, ' +
    'interval t del 95 %; encara millor: van millorar al final i encara estan millor que a l’inici en el ' +
    'seguiment, entre qui va respondre les tres vegades.',
  'methodNote.thenTest':
    'Pretest retrospectiu (Howard): al final les persones valoren també com estaven abans; canvi de resposta = ' +
    'retrospectiu − abans, canvi = després − retrospectiu, cadascun amb el seu interval t del 95 %.',
  'methodNote.clinical':
    'Canvi clínicament significatiu (Jacobson i Truax 1991): recuperada = una millora fiable del costat atípic del ' +
    'punt de tall al típic; el punt de tall és publicat o surt de les normes de la mesura: a = 2 DE més enllà de la ' +
    'mitjana clínica, b = 2 DE dins de la norma, c = (s_f·m_d + s_d·m_f)/(s_f + s_d).',
  'methodNote.comparison':
    'Grup de comparació (una llista d’espera): el canvi mitjà del programa menys el del grup de comparació, ' +
    'interval de Welch del 95 % i gl, g de Hedges sobre la DE conjunta dels canvis; una estimació ' +
    'quasiexperimental, ja que les persones no es van assignar a l’atzar.',
  methodNote: [
    'El canvi és després menys abans, entre qui té puntuació les dues vegades.',
    'IC 95 % i t aparellada amb gl = n − 1, bilateral; ajust de Holm entre les mesures d’una mateixa cohort, sessió ' +
      'i grup.',
    'Rangs amb signe de Wilcoxon com wilcox.test d’R: V és la suma dels rangs dels canvis positius, sense zeros; ' +
      'p exacta per a n < 50 sense empats ni zeros, si no l’aproximació normal amb correccions.',
    'd_z = canvi mitjà / DE del canvi; g_av = canvi mitjà / mitjana de les dues DE × J(n − 1) (Lakens 2013); efecte ' +
      'petit des de 0,2, mitjà 0,5, gran 0,8 (Cohen 1988).',
    'Canvi fiable segons Jacobson i Truax (1991): |canvi| / (DE abans × √2 × √(1 − r)) > 1,96, amb la DE abans del ' +
      'grup sencer i r la fiabilitat publicada de la mesura o l’alfa de Cronbach inicial del grup; un alfa per sota ' +
      'de 0,70 o negatiu no es fa servir mai.',
    'Qüestionaris de coneixements: % d’encerts, amb el guany normalitzat de Hake. Una puntuació requereix la ' +
      'proporció d’ítems responsos que fixa la mesura (80 % si no diu altra cosa), sumes prorratejades; ' +
      'el canvi fiable no s’hi fa servir.',
  ],
};

/** Every workspace string table, by language. */
export const WORKSPACE_STRINGS: Readonly<Record<Language, WorkspaceStrings>> = { en, ro, es, ca };

/** The workspace's words in the reader's language. */
export function workspaceStringsFor(language: Language): WorkspaceStrings {
  return WORKSPACE_STRINGS[language];
}

/** Locales behind the languages, as the staff pages' dates use them. */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', ro: 'ro', es: 'es', ca: 'ca' };

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * A number as the reader's language writes it, to `digits` decimals, with a true minus sign
 * ("−0.74", "−0,74"); a dash for a value that does not exist.
 */
export function formatNumber(value: number | null, language: Language, digits = 2): string {
  if (value === null) return '–';
  const key = `${language}:${digits}`;
  let format = NUMBER_FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(LOCALES[language], {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    NUMBER_FORMATS.set(key, format);
  }
  // Rounded to zero, a small negative is no change: "0.00", never "−0.00".
  const text = format.format(value === 0 ? 0 : value).replace(/^-(?=0(?:[.,]0+)?$)/, '');
  return text.replace('-', '−');
}

/** A p value: below .001 as "<0.001". */
export function formatP(value: number | null, language: Language): string {
  if (value === null) return '–';
  return value < 0.001 ? `<${formatNumber(0.001, language, 3)}` : formatNumber(value, language, 3);
}

/** A signed change: "+2.13", "−0.27". */
export function formatChange(value: number | null, language: Language, digits = 2): string {
  const text = formatNumber(value, language, digits);
  return value !== null && value > 0 && !/^0(?:[.,]0+)?$/.test(text) ? `+${text}` : text;
}

/** The phrases that say a count of people, each with a form per plural category. */
export type CountedPhrase =
  | 'reading.people'
  | 'groupLine'
  | 'chart.changesLabel'
  | 'chart.reliableAxis'
  | 'eval.followupPeople'
  | 'eval.sustained';

const PLURAL_RULES = new Map<Language, Intl.PluralRules>();

/**
 * A count of people in words, in the form the language gives the number: Romanian says "19
 * persoane" but "20 de persoane" (and "101 persoane", "120 de persoane"), as its plural rules'
 * `few` and `other`; English, Spanish and Catalan have one and other (their `many`, for millions,
 * reads as other here).
 */
export function countPhrase(
  phrase: CountedPhrase,
  n: number,
  language: Language,
  values: Readonly<Record<string, string>> = {},
): string {
  let rules = PLURAL_RULES.get(language);
  if (rules === undefined) {
    rules = new Intl.PluralRules(LOCALES[language]);
    PLURAL_RULES.set(language, rules);
  }
  const category = rules.select(n);
  const form = category === 'one' || category === 'few' ? category : 'other';
  // A caller may say the count itself ("about 15" in a funder summary); its form still follows n.
  return fill(WORKSPACE_STRINGS[language][`${phrase}.${form}`], { n: String(n), ...values });
}

/** Cohen's label of an effect size in words. */
export function effectInWords(effect: number, language: Language): string {
  return WORKSPACE_STRINGS[language][`effect.${effectLabel(effect)}`];
}

/** What a reading is about: the measure's name in the reader's language. */
export interface MeasureContext {
  readonly name: string;
  readonly direction: 'higher-better' | 'lower-better';
  readonly percent: boolean;
}

/**
 * The change sentence in the reader's language: the same decisions as core's English
 * `readChange` (through `changeFacts`), one decimal as there.
 */
export function wordChange(facts: ChangeFacts, measure: string, language: Language): string {
  const words = WORKSPACE_STRINGS[language];
  const one = (value: number): string => formatNumber(value, language, 1);
  const from = fill(facts.percent ? words['reading.fromPercent'] : words['reading.from'], {
    before: one(facts.before),
    after: one(facts.after),
  });
  const people = countPhrase('reading.people', facts.n, language);
  if (facts.verdict === 'none') return fill(words['reading.noChange'], { measure, from, people });
  const amount = fill(facts.percent ? words['reading.percentPoints'] : words['reading.points'], {
    value: one(Math.abs(facts.change)),
  });
  const moved = fill(facts.movement === 'rose' ? words['reading.rose'] : words['reading.fell'], { amount });
  const interval =
    facts.low === null || facts.high === null
      ? ''
      : fill(words['reading.interval'], { low: one(facts.low), high: one(facts.high) });
  const effect =
    facts.effect === null ? '' : fill(words['reading.effect'], { label: words[`effect.${facts.effect.label}`] });
  const verdict = words[`reading.${facts.verdict}`];
  return fill(words['reading.moved'], { measure, moved, interval, effect, verdict, from, people });
}

/** The normalised-gain sentence in the reader's language, or undefined for a measure without one. */
export function wordGain(gain: number | null, language: Language): string | undefined {
  if (gain === null) return undefined;
  const words = WORKSPACE_STRINGS[language];
  const value = formatNumber(gain, language, 2);
  if (gain < 0) return fill(words['reading.gainFell'], { gain: value });
  return fill(words['reading.gain'], { gain: value, label: words[`gain.${gainLabel(gain)}`] });
}

/**
 * The warning a flagged baseline alpha carries, in words ("Baseline alpha −0.74: the items did not
 * hang together in this group; reliable change is not computed"), or undefined when it is usable.
 * For a knowledge quiz without a reliability (`quiz`), it says nothing of reliable change, which
 * quizzes do not use.
 */
export function wordAlphaFlag(
  facts: ReliabilityFacts,
  language: Language,
  options: { readonly quiz?: boolean } = {},
): string | undefined {
  if (facts.alphaFlag === null || facts.alpha === null) return undefined;
  const words = WORKSPACE_STRINGS[language];
  // A quiz never has reliable change to lose: its flag says only what the alpha says.
  const used = options.quiz === true ? 'quiz' : facts.used === null ? 'none' : 'used';
  return fill(words[`flag.${facts.alphaFlag}.${used}`], {
    alpha: formatNumber(facts.alpha, language, 2),
    value: formatNumber(facts.used, language, 2),
  });
}

/** How {@link wordEvaluation} says a cell's numbers. */
export interface EvaluationContext {
  readonly language: Language;
  /** A knowledge quiz: changes are in percentage points. */
  readonly percent: boolean;
  /** Which way is better: a larger change than the comparison group's is better only where higher is. */
  readonly direction: 'higher-better' | 'lower-better';
  /** When the follow-up wave is due after the end, if the programme says (and all its sessions agree). */
  readonly monthsAfter?: number | undefined;
  /** How a count of people is said: as it is for evaluators; "about 15" where counts are rounded. */
  readonly count?: (n: number) => string;
  /** Shares as a funder summary publishes them, rounded up to 5% ("about 25%"); exact for evaluators. */
  readonly roundedShares?: boolean;
}

/**
 * What applies to a cell beyond its before-after change, in sentences of the reader's language,
 * one finding each, with its reference (NHLBI's quality tool, Manski, Howard's then-test, Jacobson
 * & Truax 1991, Welch): the numbers themselves stay in the full table and the export. Changes to
 * one decimal as the change sentence has them; shares in whole percent.
 */
export function wordEvaluation(facts: EvaluationFacts, context: EvaluationContext): string[] {
  return wordEvaluationByTopic(facts, context).flatMap((topic) => topic.sentences);
}

/** What a finding beyond before-after is about, for a reader scanning for it. */
export type EvaluationTopic = keyof EvaluationFacts;

/** The topics in the order pages say them. */
export const EVALUATION_TOPICS = [
  'attrition',
  'followup',
  'thenTest',
  'clinical',
  'comparison',
] as const satisfies readonly EvaluationTopic[];

/**
 * {@link wordEvaluation}'s sentences by what they are about, each topic with its label in the
 * reader's language ("Follow-up"), so a page can lead each with it rather than stack sentences.
 */
export function wordEvaluationByTopic(
  facts: EvaluationFacts,
  context: EvaluationContext,
): { readonly topic: EvaluationTopic; readonly label: string; readonly sentences: string[] }[] {
  const { language, percent } = context;
  const words = WORKSPACE_STRINGS[language];
  const one = (value: number): string => formatNumber(value, language, 1);
  const signed = (value: number): string => formatChange(value, language, 1);
  const count = context.count ?? ((n: number): string => String(n));
  // Whole percent; a share that rounds to none is 0%, never "−0%".
  const share = (value: number): string =>
    new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(
      Math.abs(value) < 0.005 ? 0 : value,
    );
  const points = (value: number): string =>
    fill(percent ? words['reading.percentPoints'] : words['reading.points'], { value: one(value) });
  const interval = (estimate: Pick<Estimate, 'low' | 'high'>): string =>
    estimate.low === null || estimate.high === null
      ? ''
      : fill(words['eval.interval'], { low: one(estimate.low), high: one(estimate.high) });
  // Within a parenthesis of its own (the shift's reference): "; 95% CI −2.1 to −0.5".
  const inside = (estimate: Pick<Estimate, 'low' | 'high'>): string =>
    estimate.low === null || estimate.high === null
      ? ''
      : fill(words['eval.intervalInside'], { low: one(estimate.low), high: one(estimate.high) });
  const judgement = (over: boolean): string => (over ? words['eval.over'] : words['eval.within']);
  const topics: { topic: EvaluationTopic; label: string; sentences: string[] }[] = [];
  const say = (topic: EvaluationTopic, sentence: string): void => {
    const known = topics.find((entry) => entry.topic === topic);
    if (known !== undefined) known.sentences.push(sentence);
    else topics.push({ topic, label: words[`topic.${topic}`], sentences: [sentence] });
  };
  const { attrition, followup, thenTest, clinical, comparison } = facts;
  if (attrition !== undefined && attrition.share === 0) say('attrition', words['eval.noneLost']);
  else if (attrition !== undefined) {
    const counts =
      attrition.lost === null || attrition.started === null
        ? ''
        : fill(words['eval.counts'], {
            lost: count(attrition.lost),
            started: count(attrition.started),
            deStarted: deCa(count(attrition.started)),
          });
    say(
      'attrition',
      fill(words['eval.lost'], { share: share(attrition.share), counts, judgement: judgement(attrition.over) }),
    );
    if (attrition.bounds !== null)
      say(
        'attrition',
        fill(words['eval.bounds'], { low: signed(attrition.bounds.low), high: signed(attrition.bounds.high) }),
      );
  }
  if (followup !== undefined) {
    const { fromStart, fromEnd, sustained, lostShare } = followup;
    if (fromStart !== null) {
      const when =
        context.monthsAfter === undefined
          ? words['eval.atFollowup']
          : fill(words['eval.monthsLater'], { months: String(context.monthsAfter) });
      const people =
        fromStart.n === null
          ? ''
          : countPhrase('eval.followupPeople', fromStart.n, language, {
              n: count(fromStart.n),
            });
      const sentence = fill(words['eval.followup'], {
        when,
        change: signed(fromStart.value),
        interval: interval(fromStart),
        people,
      });
      // Without a count (never so today) the sentence ends at the interval.
      say('followup', people === '' ? sentence.replace(/; \.$/, '.') : sentence);
    }
    if (fromEnd !== null)
      say('followup', fill(words['eval.fromEnd'], { change: signed(fromEnd.value), interval: interval(fromEnd) }));
    if (sustained !== null)
      say(
        'followup',
        countPhrase('eval.sustained', sustained.of, language, {
          kept: count(sustained.kept),
          n: count(sustained.of),
          deN: deCa(count(sustained.of)),
        }),
      );
    if (lostShare !== null && lostShare > 0)
      say(
        'followup',
        fill(words[context.roundedShares === true ? 'eval.lostFollowupAbout' : 'eval.lostFollowup'], {
          share: share(lostShare),
          judgement: judgement(lostShare > ACCEPTED_LOSS),
        }),
      );
  }
  if (thenTest?.shift != null) {
    const { shift } = thenTest;
    say(
      'thenTest',
      // Below the shown precision a shift is none, whatever its sign.
      Math.abs(shift.value) < 0.05
        ? fill(words['eval.noShift'], { interval: inside(shift) })
        : fill(words['eval.shift'], {
            amount: points(Math.abs(shift.value)),
            direction: shift.value < 0 ? words['eval.lower'] : words['eval.higher'],
            interval: inside(shift),
          }),
    );
  }
  if (thenTest?.change != null)
    say(
      'thenTest',
      fill(words['eval.thenChange'], { change: signed(thenTest.change.value), interval: interval(thenTest.change) }),
    );
  if (clinical !== undefined && clinical.recovered !== null && clinical.of !== null)
    say(
      'clinical',
      fill(words['eval.recovered'], {
        recovered: count(clinical.recovered),
        n: count(clinical.of),
        // Catalan elides "de" before a vowel and before 1 and 11 ("d’11", "d’al voltant de 45").
        deN: deCa(count(clinical.of)),
        cutoff: formatNumber(clinical.cutoff, language, Number.isInteger(clinical.cutoff) ? 0 : 1),
        criterion: words[`eval.criterion.${clinical.criterion}`],
      }),
    );
  if (clinical !== undefined && clinical.typicalBefore !== null && clinical.typicalAfter !== null)
    say(
      'clinical',
      fill(words['eval.typical'], { before: share(clinical.typicalBefore), after: share(clinical.typicalAfter) }),
    );
  if (comparison !== undefined) {
    const { difference, g } = comparison;
    const key =
      Math.abs(difference.value) < 0.05
        ? 'eval.comparison.same'
        : difference.value > 0 === (context.direction === 'higher-better')
          ? 'eval.comparison.better'
          : 'eval.comparison.worse';
    say(
      'comparison',
      fill(words[key], {
        amount: points(Math.abs(difference.value)),
        interval: interval(difference),
        g: g === null ? '' : fill(words['eval.g'], { g: formatNumber(g, language, 2) }),
        caveat: words['eval.caveat'],
      }),
    );
  }
  return topics;
}
