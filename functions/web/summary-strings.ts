/**
 * The words of the funder summary (page, email and its plain text), per language: a record, so
 * a language added to `LANGUAGES` fails to compile until it is translated here. Counts go
 * through `Intl.PluralRules` and numbers and months through `Intl`, so "1 persoană", "3
 * persoane" and "20 de persoane" each read right. The change and effect wording is the funder's
 * own (plain words, nominal phrases that need no grammatical agreement with a measure's name).
 */
import type { Language } from '#surveys/schema.ts';

/** Cohen's labels for an effect size (Cohen 1988; Lakens 2013 reports the same thresholds). */
export type EffectSize = 'negligible' | 'small' | 'medium' | 'large';

/** What a change says about people: better or worse (by the measure's direction), maybe chance, or nothing. */
export type Verdict =
  | { readonly kind: 'improvement' | 'deterioration'; readonly size: EffectSize }
  | { readonly kind: 'chance' | 'unknown' | 'none' };

/** Which methods beyond before and after a summary shows figures of. */
export interface EvaluationShown {
  readonly followup: boolean;
  readonly thenTest: boolean;
  readonly clinical: boolean;
  readonly comparison: boolean;
}

/** The clauses of the methods beyond before and after that apply, in order, joined and closed. */
const beyondOf =
  (clauses: Readonly<Record<keyof EvaluationShown, string>>, close: string) =>
  (shown: EvaluationShown): string =>
    `${(Object.keys(clauses) as (keyof EvaluationShown)[])
      .filter((method) => shown[method])
      .map((method) => clauses[method])
      .join('; ')}. ${close}`;

/** Plural forms of a noun phrase, by `Intl.PluralRules` category (`few` is Romanian's 2-19). */
interface Forms {
  readonly one: string;
  readonly few?: string;
  readonly other: string;
}

/** Every sentence and label of a summary in one language. Numbers arrive already formatted. */
export interface SummaryStrings {
  /** The subject and the page's heading: names the programme and the month. */
  title(programme: string, month: string): string;
  greeting(funder: string): string;
  intro(programme: string, month: string): string;
  readonly inShort: string;
  /**
   * Opens the headline: who the programme-wide results are about; `span` says they run from each
   * person's first answer to their last, which only a programme of several sessions needs saying.
   */
  across(participants: string, count: number, cohorts: readonly string[], span: boolean): string;
  /** Opens the headline when only cohort results can be shown. */
  readonly byCohort: string;
  /** The headline when nothing can be shown yet, with why. */
  nothingYet(k: number): string;
  readonly nobodyYet: string;
  readonly detailsBelow: string;
  readonly findings: string;
  /** The programme-wide label; with its span where the cohorts' results are of one session each. */
  wholeProgramme(span: boolean): string;
  /** A cohort's result of one session, where the programme has several: "Iași 2020 · Meeting 1 (one session)". */
  oneSession(place: string, session: string): string;
  /** Captions that tell the programme-wide bars (first to last answer) from the one-session bars. */
  readonly poolBars: string;
  readonly sessionBars: string;
  /** A rounded count: "about 25". */
  about(count: string): string;
  /** A count of people rounded to 0 (so fewer than half the rounding base): "none or almost none". */
  readonly almostNone: string;
  /** "up 2.1 points" and "down 0.4 percentage points". */
  moved(up: boolean, amount: string, plural: keyof Forms, percent: boolean): string;
  interval(low: string, high: string): string;
  /** A subgroup's interval, in the words of `interval` without its label: "from −1.6 to 0.1". */
  range(low: string, high: string): string;
  verdict(verdict: Verdict): string;
  /** Completers' means: "from 18.0 to 20.1", or per cent correct for quizzes. */
  from(before: string, after: string, percent: boolean): string;
  people(n: string, plural: keyof Forms): string;
  figuresFrom(month: string): string;
  readonly where: string;
  change(percent: boolean): string;
  readonly group: string;
  readonly peopleHeading: string;
  readonly changeWithInterval: string;
  readonly byGroup: string;
  hiddenGroups(count: string, plural: keyof Forms): string;
  readonly hidden: {
    readonly 'fewer-than-k': (k: number) => string;
    readonly differencing: string;
    readonly secondary: string;
  };
  readonly participation: string;
  completed(paired: string, started: string, plural: keyof Forms, share: string): string;
  /** Exact counts' loss: "14 (27%) did not", judged against the 20% limit unless `over` is undefined. */
  lost(lost: string, plural: keyof Forms, share: string, over: boolean | undefined): string;
  /** Rounded counts: "about 25 participants started and about 20 answered again". */
  startedAndCompleted(started: string, plural: keyof Forms, paired: string): string;
  /** Rounded counts, nobody lost. */
  allCompleted(started: string, plural: keyof Forms): string;
  /** The published share lost (rounded up to 5%): "about 15% did not answer again", "up to 5%" when it is 5%. */
  lostShare(share: string, upTo: boolean, over: boolean | undefined): string;
  /** Which measure the programme's participation figures are from, when the measures' differ. */
  basedOn(measure: string): string;
  /** Opens a measure's own participation line. */
  readonly measureParticipation: string;
  readonly noParticipation: string;
  readonly methods: string;
  readonly checklist: string;
  readonly design: readonly [string, string];
  readonly participants: string;
  /** The methods' participants item: where the counts are, and the criterion. */
  participantsText(section: string): string;
  readonly measures: string;
  published(alpha: string, source: string): string;
  readonly baselineAlpha: string;
  readonly singleItem: string;
  readonly quiz: string;
  readonly analysis: readonly [string, string];
  readonly privacy: string;
  privacyText(k: number, rounding: { readonly base: number; readonly below: number } | undefined): string;
  readonly limits: readonly [string, string];
  /** The design and its limits when a comparison group's difference is shown (issue 14). */
  readonly designComparison: string;
  readonly limitsComparison: string;
  /** The methods beyond before and after that this summary shows, each with its reference. */
  readonly beyond: string;
  beyondText(shown: EvaluationShown): string;
  contact(name: string, organisation: string): string;
  readonly attached: string;
  /** Plain-text headings mark sections the HTML marks with headings. */
  readonly byMeasure: string;
}

const formsOf = (forms: Forms, plural: keyof Forms): string => forms[plural] ?? forms.other;

/** "10 persoane", "20 de persoane". */
const roPeople = (k: number): string =>
  `${k} ${formsOf({ one: 'persoană', few: 'persoane', other: 'de persoane' }, plural('ro', String(k)))}`;

/**
 * Catalan elides "de" before a vowel or h, and before the numbers said with a vowel: 1 and 11 ("u",
 * "un", "onze"), so "d’octubre", "de novembre", "d’1,7", "d’11", "de 8" ("vuit"). 1.000 is "mil": "de 1.000".
 */
export function deCa(word: string): string {
  const thousand = /^1\.\d{3}(?![.\d])/.test(word);
  return !thousand && /^([aeiouàèéíòóúh]|11?(?!\d))/i.test(word) ? `d’${word}` : `de ${word}`;
}

/** The loss to follow-up judged against NHLBI's 20% limit, as a clause; nothing when not judged. */
const againstLimit: Readonly<Record<Language, (over: boolean | undefined) => string>> = {
  en: (over) =>
    over === undefined
      ? ''
      : `, ${over ? 'more than' : 'within'} the 20% loss to follow-up ` +
        'that the NHLBI quality assessment tool for before-after studies accepts',
  ro: (over) =>
    over === undefined
      ? ''
      : `, ${over ? 'peste' : 'în limita'} pragului de 20\u00a0% de pierderi din urmărire acceptat de ` +
        'instrumentul NHLBI de evaluare a calității studiilor înainte-după',
  es: (over) =>
    over === undefined
      ? ''
      : `, ${over ? 'más' : 'dentro'} del 20\u00a0% de pérdidas en el seguimiento que acepta la herramienta de ` +
        'evaluación de la calidad del NHLBI para estudios antes-después',
  ca: (over) =>
    over === undefined
      ? ''
      : `, ${over ? 'més' : 'dins'} del 20\u00a0% de pèrdues en el seguiment que accepta l’eina d’avaluació de la ` +
        'qualitat de l’NHLBI per a estudis abans-després',
};

const ENGLISH: SummaryStrings = {
  title: (programme, month) => `${programme}: summary for ${month}`,
  greeting: (funder) => `Dear ${funder},`,
  intro: (programme, month) =>
    `Here is the summary of ${programme} for ${month}: anonymised results from what participants answered ` +
    'before and after.',
  inShort: 'In short',
  across: (participants, count, cohorts, span) =>
    `Across ${participants} ${formsOf({ one: 'participant', other: 'participants' }, plural('en', participants))} ` +
    `in ${count} ${count === 1 ? 'cohort' : 'cohorts'} (${cohorts.join(', ')})` +
    (span ? ', from first answer to last' : ''),
  byCohort: 'No programme-wide result can be shown this month. By cohort',
  nothingYet: (k) =>
    `No result can be shown yet: every group so far has fewer than ${k} people who answered both before and ` +
    'after, or is hidden to protect such a group.',
  nobodyYet: 'No one has answered both before and after yet.',
  detailsBelow: 'Every measure is detailed below.',
  findings: 'Findings by measure',
  wholeProgramme: (span) => (span ? 'Whole programme (first to last answer)' : 'Whole programme'),
  oneSession: (place, session) => `${place} · ${session} (one session)`,
  poolBars: 'Whole programme: each person’s first answer before against their last answer after, across sessions',
  sessionBars: 'Each cohort and session: before and after that one session',
  about: (count) => `about ${count}`,
  almostNone: 'none or almost none',
  moved: (up, amount, form, percent) =>
    `${up ? 'up' : 'down'} ${amount} ` +
    `${percent ? 'percentage ' : ''}${formsOf({ one: 'point', other: 'points' }, form)}`,
  interval: (low, high) => `95% CI from ${low} to ${high}`,
  range: (low, high) => `from ${low} to ${high}`,
  verdict: (verdict) =>
    verdict.kind === 'improvement'
      ? `an improvement (${verdict.size} effect)`
      : verdict.kind === 'deterioration'
        ? `a deterioration (${verdict.size} effect)`
        : verdict.kind === 'chance'
          ? 'possibly chance (the interval includes no change)'
          : verdict.kind === 'unknown'
            ? 'too few people to tell whether this is more than chance'
            : 'no noticeable change',
  from: (before, after, percent) => (percent ? `from ${before}% to ${after}% correct` : `from ${before} to ${after}`),
  people: (n, form) => `${n} ${formsOf({ one: 'person', other: 'people' }, form)} answered before and after`,
  figuresFrom: (month) => `figures from ${month}`,
  where: 'Where',
  change: (percent) => (percent ? 'Change (percentage points)' : 'Change (points)'),
  group: 'Group',
  peopleHeading: 'People',
  changeWithInterval: 'Change (95% CI)',
  byGroup: 'By group',
  hiddenGroups: (count, form) =>
    `${count} ${formsOf({ one: 'result', other: 'results' }, form)} by group ` +
    `${form === 'one' ? 'is' : 'are'} not shown, to protect small groups.`,
  hidden: {
    'fewer-than-k': (k) => `not shown, as fewer than ${k} people answered before and after`,
    differencing: 'not shown, as too few people joined since the last summary to show it safely',
    secondary: 'not shown, so that a smaller hidden group cannot be worked out from it',
  },
  participation: 'Who took part',
  completed: (paired, started, form, share) =>
    `${paired} of ${started} ${formsOf({ one: 'participant', other: 'participants' }, form)} who started ` +
    `answered again (${share})`,
  lost: (lost, _form, share, over) => `${lost} (${share}) did not${againstLimit.en(over)}`,
  startedAndCompleted: (started, form, paired) =>
    `${started} ${formsOf({ one: 'participant', other: 'participants' }, form)} started and ${paired} answered again`,
  allCompleted: (started, form) =>
    `${started} ${formsOf({ one: 'participant', other: 'participants' }, form)} started and all answered again`,
  lostShare: (share, upTo, over) => `${upTo ? 'up to' : 'about'} ${share} did not answer again${againstLimit.en(over)}`,
  basedOn: (measure) => `based on ${measure}`,
  measureParticipation: 'Who answered this measure',
  noParticipation: 'Participation figures are not shown yet, to protect small groups.',
  methods: 'Methods and limitations',
  checklist:
    'Reported along the items of the NHLBI quality assessment tool for before-after (pre-post) studies with no ' +
    'control group, and the TREND statement.',
  design: [
    'Design',
    'before and after, with no comparison group: each person’s answers at the start are compared with their own ' +
      'answers at the end (programme-wide: their first answer before with their last answer after).',
  ],
  participants: 'Participants',
  participantsText: (section) =>
    `who started (answered before), who completed (answered again) and who was lost, as under “${section}”; ` +
    'the NHLBI tool accepts a loss of at most 20%.',
  measures: 'Measures',
  published: (alpha, source) => `published reliability ${alpha} (${source})`,
  baselineAlpha: 'no published reliability; the baseline Cronbach’s alpha is used when it is at least .70',
  singleItem: 'a single question: no reliability can be estimated',
  quiz: 'knowledge quiz, per cent of answers correct',
  analysis: [
    'Analysis',
    'the change is the average of each person’s score after minus before, with its 95% confidence interval ' +
      '(CI, paired t). The effect size is Hedges’ g_av (Lakens 2013), read with Cohen’s labels: small from ' +
      '0.2, medium from 0.5, large from 0.8.',
  ],
  privacy: 'Privacy',
  privacyText: (k, rounding) =>
    `results of fewer than ${k} people are not shown, nor any that would let a hidden group be worked out` +
    (rounding === undefined ? '' : `; counts below ${rounding.below} are rounded to the nearest ${rounding.base}`) +
    '. A result that could not be updated safely this month shows the figures last published, marked with ' +
    'their month. No names, answers or dates finer than a month are included.',
  limits: [
    'What cannot be concluded',
    'without a comparison group the change cannot be put down to the programme alone; people who start with ' +
      'extreme scores tend to score closer to the average the next time (regression to the mean); answers are ' +
      'self-reported; and those who did not answer again may differ from those who did.',
  ],
  designComparison:
    'before and after, with a comparison group not yet in the programme (a waiting list): each person’s answers ' +
    'at the start are compared with their own answers at the end, and the programme’s change with the comparison ' +
    'group’s.',
  limitsComparison:
    'the comparison group was not assigned at random, so the groups may differ in more than the programme; people ' +
    'who start with extreme scores tend to score closer to the average the next time (regression to the mean); ' +
    'answers are self-reported; and those who did not answer again may differ from those who did.',
  beyond: 'Beyond before and after',
  beyondText: beyondOf(
    {
      followup: 'follow-up: the change from before to a later follow-up, over those who answered both (paired t)',
      thenTest:
        'retrospective pre-test (Howard): at the end people also rate how they were before; the response shift is ' +
        'that rating minus their first one',
      clinical:
        'clinically significant change (Jacobson & Truax 1991): a reliable improvement that crosses the measure’s ' +
        'cut-off from the atypical into the typical range',
      comparison:
        'comparison group: the programme’s change minus that of a group not yet in the programme, with Welch’s ' +
        'interval and Hedges’ g; a quasi-experimental estimate, as people were not assigned at random',
    },
    'Each is computed over the people it needs and shown under the same privacy rules.',
  ),
  contact: (name, organisation) => `Questions about this summary: ${name}, ${organisation}`,
  attached: 'The full tables are attached (CSV, JSON and this page as HTML).',
  byMeasure: 'Findings by measure',
};

const ROMANIAN: SummaryStrings = {
  title: (programme, month) => `${programme}: rezumatul lunii ${month}`,
  greeting: (funder) => `Bună ziua, ${funder},`,
  intro: (programme, month) =>
    `Vă trimitem rezumatul programului ${programme} pentru luna ${month}: rezultate anonimizate, din ` +
    'răspunsurile date de participanți înainte și după.',
  inShort: 'Pe scurt',
  across: (participants, count, cohorts, span) =>
    `Pentru întregul program, la ${participants} ` +
    `${formsOf({ one: 'participant', few: 'participanți', other: 'de participanți' }, plural('ro', participants))} ` +
    `din ${count} ${formsOf({ one: 'cohortă', few: 'cohorte', other: 'de cohorte' }, plural('ro', String(count)))} ` +
    `(${cohorts.join(', ')})${span ? ', de la primul răspuns la ultimul' : ''}`,
  byCohort: 'Luna aceasta nu se poate arăta niciun rezultat pentru întregul program. Pe cohorte',
  nothingYet: (k) =>
    `Încă nu se poate arăta niciun rezultat: fiecare grup are deocamdată mai puțin de ${roPeople(k)} care au ` +
    'răspuns și înainte, și după, sau este ascuns pentru a proteja un astfel de grup.',
  nobodyYet: 'Încă nu a răspuns nimeni și înainte, și după.',
  detailsBelow: 'Fiecare măsură este detaliată mai jos.',
  findings: 'Rezultate pe măsuri',
  wholeProgramme: (span) => (span ? 'Întregul program (de la primul la ultimul răspuns)' : 'Întregul program'),
  oneSession: (place, session) => `${place} · ${session} (o singură sesiune)`,
  poolBars:
    'Întregul program: primul răspuns dinainte al fiecărei persoane comparat cu ultimul de după, ' +
    'de-a lungul sesiunilor',
  sessionBars: 'Fiecare cohortă și sesiune: înainte și după acea singură sesiune',
  about: (count) => `aproximativ ${count}`,
  almostNone: 'niciuna sau aproape niciuna',
  moved: (up, amount, form, percent) =>
    `${up ? 'creștere' : 'scădere'} de ${amount} ` +
    (percent
      ? formsOf({ one: 'punct procentual', few: 'puncte procentuale', other: 'de puncte procentuale' }, form)
      : formsOf({ one: 'punct', few: 'puncte', other: 'de puncte' }, form)),
  interval: (low, high) => `IÎ 95\u00a0%: de la ${low} la ${high}`,
  range: (low, high) => `de la ${low} la ${high}`,
  verdict: (verdict) => {
    const size = { negligible: 'neglijabil', small: 'mic', medium: 'mediu', large: 'mare' } as const;
    return verdict.kind === 'improvement'
      ? `o îmbunătățire (efect ${size[verdict.size]})`
      : verdict.kind === 'deterioration'
        ? `o înrăutățire (efect ${size[verdict.size]})`
        : verdict.kind === 'chance'
          ? 'poate fi întâmplătoare (intervalul include și lipsa oricărei schimbări)'
          : verdict.kind === 'unknown'
            ? 'prea puține persoane pentru a spune dacă e mai mult decât o întâmplare'
            : 'nicio schimbare vizibilă';
  },
  from: (before, after, percent) =>
    percent ? `de la ${before}\u00a0% la ${after}\u00a0% răspunsuri corecte` : `de la ${before} la ${after}`,
  people: (n, form) =>
    `${n} ${formsOf({ one: 'persoană a', few: 'persoane au', other: 'de persoane au' }, form)} ` +
    'răspuns înainte și după',
  figuresFrom: (month) => `cifre din ${month}`,
  where: 'Unde',
  change: (percent) => (percent ? 'Schimbare (puncte procentuale)' : 'Schimbare (puncte)'),
  group: 'Grup',
  peopleHeading: 'Persoane',
  changeWithInterval: 'Schimbare (IÎ 95\u00a0%)',
  byGroup: 'Pe grupuri',
  hiddenGroups: (count, form) =>
    `${count} ${formsOf({ one: 'rezultat', few: 'rezultate', other: 'de rezultate' }, form)} pe grupuri ` +
    `${form === 'one' ? 'nu este arătat' : 'nu sunt arătate'}, pentru a proteja grupurile mici.`,
  hidden: {
    'fewer-than-k': (k) => `nu se arată, deoarece mai puțin de ${roPeople(k)} au răspuns înainte și după`,
    differencing:
      'nu se arată, deoarece de la rezumatul anterior s-au adăugat prea puține persoane pentru a-l arăta în ' +
      'siguranță',
    secondary: 'nu se arată, pentru ca un grup mai mic, ascuns, să nu poată fi dedus din el',
  },
  participation: 'Cine a participat',
  completed: (paired, started, form, share) =>
    `${paired} din cei ${started} ` +
    `${formsOf({ one: 'participant', few: 'participanți', other: 'de participanți' }, form)} care au început au ` +
    `răspuns din nou (${share})`,
  lost: (lost, form, share, over) =>
    `${lost} (${share}) ${form === 'one' ? 'nu a mai răspuns' : 'nu au mai răspuns'}${againstLimit.ro(over)}`,
  startedAndCompleted: (started, form, paired) =>
    `${started} ${formsOf({ one: 'participant a', few: 'participanți au', other: 'de participanți au' }, form)} ` +
    `început și ${paired} au răspuns din nou`,
  allCompleted: (started, form) =>
    `${started} ${formsOf({ one: 'participant a', few: 'participanți au', other: 'de participanți au' }, form)} ` +
    'început și toți au răspuns din nou',
  lostShare: (share, upTo, over) =>
    `${upTo ? 'până la' : 'aproximativ'} ${share} nu au mai răspuns${againstLimit.ro(over)}`,
  basedOn: (measure) => `pe baza răspunsurilor la ${measure}`,
  measureParticipation: 'Cine a răspuns la această măsură',
  noParticipation: 'Cifrele de participare nu sunt încă arătate, pentru a proteja grupurile mici.',
  methods: 'Metodă și limite',
  checklist:
    'Prezentat după punctele instrumentului NHLBI de evaluare a calității studiilor înainte-după fără grup de ' +
    'control și ale declarației TREND.',
  design: [
    'Design',
    'înainte și după, fără grup de comparație: răspunsurile fiecărei persoane de la început sunt comparate cu ' +
      'propriile răspunsuri de la sfârșit (pentru întregul program: primul răspuns dinainte cu ultimul de după).',
  ],
  participants: 'Participanți',
  participantsText: (section) =>
    'cine a început (a răspuns înainte), cine a încheiat (a răspuns din nou) și cine s-a pierdut, ' +
    `ca la „${section}”; instrumentul NHLBI acceptă o pierdere de cel mult 20\u00a0%.`,
  measures: 'Măsuri',
  published: (alpha, source) => `fidelitate publicată ${alpha} (${source})`,
  baselineAlpha: 'fără fidelitate publicată; se folosește alfa Cronbach de la început, dacă este de cel puțin 0,70',
  singleItem: 'o singură întrebare: fidelitatea nu poate fi estimată',
  quiz: 'chestionar de cunoștințe, procentul de răspunsuri corecte',
  analysis: [
    'Analiză',
    'schimbarea este media diferențelor dintre scorul de după și cel dinainte ale fiecărei persoane, cu ' +
      'intervalul de încredere de 95\u00a0% (IÎ, testul t pentru date perechi). Mărimea efectului este g_av al lui ' +
      'Hedges (Lakens 2013), citit cu etichetele lui Cohen: mic de la 0,2, mediu de la 0,5, mare de la 0,8.',
  ],
  privacy: 'Confidențialitate',
  privacyText: (k, rounding) =>
    `rezultatele a mai puțin de ${roPeople(k)} nu sunt arătate, nici cele din care s-ar putea deduce un grup ascuns` +
    (rounding === undefined
      ? ''
      : `; numerele sub ${rounding.below} sunt rotunjite la cel mai apropiat multiplu de ${rounding.base}`) +
    '. Un rezultat care nu a putut fi actualizat în siguranță luna aceasta arată cifrele publicate ultima dată, ' +
    'cu luna lor. Nu sunt incluse nume, răspunsuri sau date mai precise decât luna.',
  limits: [
    'Ce nu se poate concluziona',
    'fără grup de comparație, schimbarea nu poate fi atribuită doar programului; persoanele cu scoruri extreme ' +
      'la început tind să obțină data următoare scoruri mai apropiate de medie (regresia spre medie); ' +
      'răspunsurile sunt autoraportate; iar cei care nu au mai răspuns pot fi diferiți de cei care au răspuns.',
  ],
  designComparison:
    'înainte și după, cu un grup de comparație care încă nu face parte din program (o listă de așteptare): ' +
    'răspunsurile fiecărei persoane de la început sunt comparate cu propriile răspunsuri de la sfârșit, iar ' +
    'schimbarea din program cu cea a grupului de comparație.',
  limitsComparison:
    'grupul de comparație nu a fost ales aleatoriu, deci grupurile pot diferi prin mai mult decât programul; ' +
    'persoanele care pornesc de la scoruri extreme tind să se apropie de medie data următoare (regresia spre ' +
    'medie); răspunsurile sunt autodeclarate; iar cei care nu au mai răspuns pot fi diferiți de cei care au răspuns.',
  beyond: 'Dincolo de înainte și după',
  beyondText: beyondOf(
    {
      followup:
        'evaluarea ulterioară: schimbarea de la început până la o evaluare ulterioară, pentru cei care au răspuns ' +
        'de ambele dăți (t pereche)',
      thenTest:
        'pre-testul retrospectiv (Howard): la sfârșit, participanții evaluează și cum erau înainte; schimbarea ' +
        'reperului de răspuns este această evaluare minus prima lor evaluare',
      clinical:
        'schimbarea semnificativă clinic (Jacobson și Truax 1991): o îmbunătățire fiabilă care trece pragul ' +
        'măsurii din intervalul atipic în cel tipic',
      comparison:
        'grupul de comparație: schimbarea din program minus cea a unui grup care încă nu face parte din program, ' +
        'cu intervalul Welch și g al lui Hedges; o estimare cvasi-experimentală, deoarece persoanele nu au fost ' +
        'repartizate aleatoriu',
    },
    'Fiecare este calculată pentru persoanele de care are nevoie și arătată după aceleași reguli de ' +
      'confidențialitate.',
  ),
  contact: (name, organisation) => `Întrebări despre acest rezumat: ${name}, ${organisation}`,
  attached: 'Tabelele complete sunt atașate (CSV, JSON și această pagină ca HTML).',
  byMeasure: 'Rezultate pe măsuri',
};

const SPANISH: SummaryStrings = {
  title: (programme, month) => `${programme}: resumen de ${month}`,
  greeting: (funder) => `Buenos días, ${funder}:`,
  intro: (programme, month) =>
    `Le enviamos el resumen de ${programme} correspondiente a ${month}: resultados anonimizados de lo que ` +
    'respondieron las personas participantes antes y después.',
  inShort: 'En resumen',
  across: (participants, count, cohorts, span) =>
    `En todo el programa, entre ${participants} ` +
    `${formsOf({ one: 'persona participante', other: 'personas participantes' }, plural('es', participants))} de ` +
    `${count} ${count === 1 ? 'cohorte' : 'cohortes'} (${cohorts.join(', ')})` +
    (span ? ', de la primera respuesta a la última' : ''),
  byCohort: 'Este mes no se puede mostrar ningún resultado del conjunto del programa. Por cohorte',
  nothingYet: (k) =>
    `Todavía no se puede mostrar ningún resultado: por ahora cada grupo tiene menos de ${k} personas que hayan ` +
    'respondido antes y después, o se oculta para proteger a un grupo así.',
  nobodyYet: 'Todavía nadie ha respondido antes y después.',
  detailsBelow: 'Cada medida se detalla a continuación.',
  findings: 'Resultados por medida',
  wholeProgramme: (span) => (span ? 'Todo el programa (de la primera a la última respuesta)' : 'Todo el programa'),
  oneSession: (place, session) => `${place} · ${session} (una sola sesión)`,
  poolBars:
    'Todo el programa: la primera respuesta antes de cada persona frente a su última respuesta después, ' +
    'a lo largo de las sesiones',
  sessionBars: 'Cada cohorte y sesión: antes y después de esa sola sesión',
  about: (count) => `alrededor de ${count}`,
  almostNone: 'ninguna o casi ninguna',
  moved: (up, amount, form, percent) =>
    `${up ? 'subida' : 'bajada'} de ${amount} ${formsOf({ one: 'punto', other: 'puntos' }, form)}` +
    (percent ? (form === 'one' ? ' porcentual' : ' porcentuales') : ''),
  interval: (low, high) => `IC 95\u00a0%: de ${low} a ${high}`,
  range: (low, high) => `de ${low} a ${high}`,
  verdict: (verdict) => {
    const size = { negligible: 'insignificante', small: 'pequeño', medium: 'mediano', large: 'grande' } as const;
    return verdict.kind === 'improvement'
      ? `una mejora (efecto ${size[verdict.size]})`
      : verdict.kind === 'deterioration'
        ? `un empeoramiento (efecto ${size[verdict.size]})`
        : verdict.kind === 'chance'
          ? 'puede deberse al azar (el intervalo incluye la ausencia de cambio)'
          : verdict.kind === 'unknown'
            ? 'muy pocas personas para saber si es algo más que azar'
            : 'ningún cambio apreciable';
  },
  from: (before, after, percent) =>
    percent ? `de un ${before}\u00a0% a un ${after}\u00a0% de aciertos` : `de ${before} a ${after}`,
  people: (n, form) =>
    `${n} ${formsOf({ one: 'persona respondió', other: 'personas respondieron' }, form)} antes y después`,
  figuresFrom: (month) => `cifras de ${month}`,
  where: 'Dónde',
  change: (percent) => (percent ? 'Cambio (puntos porcentuales)' : 'Cambio (puntos)'),
  group: 'Grupo',
  peopleHeading: 'Personas',
  changeWithInterval: 'Cambio (IC 95\u00a0%)',
  byGroup: 'Por grupo',
  hiddenGroups: (count, form) =>
    `${count} ${formsOf({ one: 'resultado', other: 'resultados' }, form)} por grupo no se ` +
    `${form === 'one' ? 'muestra' : 'muestran'}, para proteger a los grupos pequeños.`,
  hidden: {
    'fewer-than-k': (k) => `no se muestra, porque menos de ${k} personas respondieron antes y después`,
    differencing:
      'no se muestra, porque desde el último resumen se han sumado muy pocas personas para mostrarlo con seguridad',
    secondary: 'no se muestra, para que no se pueda deducir de él un grupo más pequeño oculto',
  },
  participation: 'Quién participó',
  completed: (paired, started, form, share) =>
    `${paired} de las ${started} ` +
    `${formsOf({ one: 'persona participante', other: 'personas participantes' }, form)} que empezaron volvieron ` +
    `a responder (${share})`,
  lost: (lost, form, share, over) =>
    `${lost} (${share}) no ${form === 'one' ? 'volvió' : 'volvieron'} a responder${againstLimit.es(over)}`,
  startedAndCompleted: (started, form, paired) =>
    `${started} ${formsOf({ one: 'persona participante empezó', other: 'personas participantes empezaron' }, form)} ` +
    `y ${paired} volvieron a responder`,
  allCompleted: (started, form) =>
    `${started} ${formsOf({ one: 'persona participante empezó', other: 'personas participantes empezaron' }, form)} ` +
    'y todas volvieron a responder',
  lostShare: (share, upTo, over) =>
    `${upTo ? 'hasta un' : 'alrededor de un'} ${share} no volvió a responder${againstLimit.es(over)}`,
  basedOn: (measure) => `según las respuestas a ${measure}`,
  measureParticipation: 'Quién respondió a esta medida',
  noParticipation: 'Las cifras de participación aún no se muestran, para proteger a los grupos pequeños.',
  methods: 'Métodos y limitaciones',
  checklist:
    'Presentado según los puntos de la herramienta de evaluación de la calidad del NHLBI para estudios ' +
    'antes-después sin grupo de control y de la declaración TREND.',
  design: [
    'Diseño',
    'antes y después, sin grupo de comparación: las respuestas de cada persona al principio se comparan con sus ' +
      'propias respuestas al final (en todo el programa: su primera respuesta antes con su última respuesta después).',
  ],
  participants: 'Participantes',
  participantsText: (section) =>
    `quién empezó (respondió antes), quién terminó (volvió a responder) y a quién se perdió, como en «${section}»; ` +
    'la herramienta del NHLBI acepta una pérdida de como máximo el 20\u00a0%.',
  measures: 'Medidas',
  published: (alpha, source) => `fiabilidad publicada ${alpha} (${source})`,
  baselineAlpha: 'sin fiabilidad publicada; se usa el alfa de Cronbach inicial si es de al menos 0,70',
  singleItem: 'una sola pregunta: no se puede estimar la fiabilidad',
  quiz: 'cuestionario de conocimientos, porcentaje de respuestas correctas',
  analysis: [
    'Análisis',
    'el cambio es la media de la puntuación de cada persona después menos antes, con su intervalo de confianza ' +
      'del 95\u00a0% (IC, t para datos emparejados). El tamaño del efecto es la g_av de Hedges (Lakens 2013), leída ' +
      'con las etiquetas de Cohen: pequeño desde 0,2, mediano desde 0,5, grande desde 0,8.',
  ],
  privacy: 'Privacidad',
  privacyText: (k, rounding) =>
    `no se muestran resultados de menos de ${k} personas, ni los que permitirían deducir un grupo oculto` +
    (rounding === undefined
      ? ''
      : `; los recuentos inferiores a ${rounding.below} se redondean al múltiplo de ${rounding.base} más cercano`) +
    '. Un resultado que no se pudo actualizar con seguridad este mes muestra las últimas cifras publicadas, con ' +
    'su mes. No se incluyen nombres, respuestas ni fechas más precisas que el mes.',
  limits: [
    'Lo que no se puede concluir',
    'sin grupo de comparación, el cambio no se puede atribuir solo al programa; quienes empiezan con ' +
      'puntuaciones extremas suelen acercarse a la media la vez siguiente (regresión a la media); las respuestas ' +
      'son autoinformadas; y quienes no volvieron a responder pueden ser distintos de quienes sí lo hicieron.',
  ],
  designComparison:
    'antes y después, con un grupo de comparación que aún no está en el programa (una lista de espera): las ' +
    'respuestas de cada persona al inicio se comparan con las suyas al final, y el cambio del programa con el del ' +
    'grupo de comparación.',
  limitsComparison:
    'el grupo de comparación no se asignó al azar, así que los grupos pueden diferir en más que el programa; las ' +
    'personas que empiezan con puntuaciones extremas tienden a acercarse a la media la vez siguiente (regresión a ' +
    'la media); las respuestas son autoinformadas; y quienes no volvieron a responder pueden diferir de quienes sí.',
  beyond: 'Más allá del antes y el después',
  beyondText: beyondOf(
    {
      followup:
        'seguimiento: el cambio desde el inicio hasta un seguimiento posterior, entre quienes respondieron las dos ' +
        'veces (t pareada)',
      thenTest:
        'pretest retrospectivo (Howard): al final las personas valoran también cómo estaban antes; el cambio de ' +
        'respuesta es esa valoración menos la primera',
      clinical:
        'cambio clínicamente significativo (Jacobson y Truax 1991): una mejora fiable que cruza el punto de corte ' +
        'de la medida del rango atípico al típico',
      comparison:
        'grupo de comparación: el cambio del programa menos el de un grupo que aún no está en el programa, con el ' +
        'intervalo de Welch y la g de Hedges; una estimación cuasiexperimental, ya que las personas no se ' +
        'asignaron al azar',
    },
    'Cada uno se calcula sobre las personas que necesita y se muestra con las mismas reglas de privacidad.',
  ),
  contact: (name, organisation) => `Preguntas sobre este resumen: ${name}, ${organisation}`,
  attached: 'Las tablas completas van adjuntas (CSV, JSON y esta página en HTML).',
  byMeasure: 'Resultados por medida',
};

const CATALAN: SummaryStrings = {
  title: (programme, month) => `${programme}: resum ${deCa(month)}`,
  greeting: (funder) => `Bon dia, ${funder}:`,
  intro: (programme, month) =>
    `Us enviem el resum ${deCa(programme)} corresponent a ${month}: resultats anonimitzats del que van ` +
    'respondre les persones participants abans i després.',
  inShort: 'En resum',
  across: (participants, count, cohorts, span) =>
    `A tot el programa, entre ${participants} ` +
    `${formsOf({ one: 'persona participant', other: 'persones participants' }, plural('ca', participants))} de ` +
    `${count} ${count === 1 ? 'cohort' : 'cohorts'} (${cohorts.join(', ')})` +
    (span ? ', de la primera resposta a l’última' : ''),
  byCohort: 'Aquest mes no es pot mostrar cap resultat del conjunt del programa. Per cohort',
  nothingYet: (k) =>
    'Encara no es pot mostrar cap resultat: de moment cada grup té ' +
    `menys ${deCa(String(k))} persones que hagin respost ` +
    'abans i després, o s’amaga per protegir un grup així.',
  nobodyYet: 'Encara ningú no ha respost abans i després.',
  detailsBelow: 'Cada mesura es detalla a continuació.',
  findings: 'Resultats per mesura',
  wholeProgramme: (span) => (span ? 'Tot el programa (de la primera a l’última resposta)' : 'Tot el programa'),
  oneSession: (place, session) => `${place} · ${session} (una sola sessió)`,
  poolBars:
    'Tot el programa: la primera resposta abans de cada persona comparada amb la seva última resposta després, ' +
    'al llarg de les sessions',
  sessionBars: 'Cada cohort i sessió: abans i després d’aquella sola sessió',
  about: (count) => `al voltant ${deCa(count)}`,
  almostNone: 'cap o gairebé cap',
  moved: (up, amount, form, percent) =>
    `${up ? 'augment' : 'disminució'} ${deCa(amount)} ${formsOf({ one: 'punt', other: 'punts' }, form)}` +
    (percent ? (form === 'one' ? ' percentual' : ' percentuals') : ''),
  interval: (low, high) => `IC 95\u00a0%: ${deCa(low)} a ${high}`,
  range: (low, high) => `${deCa(low)} a ${high}`,
  verdict: (verdict) => {
    const size = { negligible: 'negligible', small: 'petit', medium: 'mitjà', large: 'gran' } as const;
    return verdict.kind === 'improvement'
      ? `una millora (efecte ${size[verdict.size]})`
      : verdict.kind === 'deterioration'
        ? `un empitjorament (efecte ${size[verdict.size]})`
        : verdict.kind === 'chance'
          ? 'pot ser fruit de l’atzar (l’interval inclou l’absència de canvi)'
          : verdict.kind === 'unknown'
            ? 'massa poques persones per saber si és més que atzar'
            : 'cap canvi apreciable';
  },
  from: (before, after, percent) =>
    percent ? `d’un ${before}\u00a0% a un ${after}\u00a0% d’encerts` : `${deCa(before)} a ${after}`,
  people: (n, form) => `${n} ${formsOf({ one: 'persona va', other: 'persones van' }, form)} respondre abans i després`,
  figuresFrom: (month) => `xifres ${deCa(month)}`,
  where: 'On',
  change: (percent) => (percent ? 'Canvi (punts percentuals)' : 'Canvi (punts)'),
  group: 'Grup',
  peopleHeading: 'Persones',
  changeWithInterval: 'Canvi (IC 95\u00a0%)',
  byGroup: 'Per grup',
  hiddenGroups: (count, form) =>
    `${count} ${formsOf({ one: 'resultat', other: 'resultats' }, form)} per grup no es ` +
    `${form === 'one' ? 'mostra' : 'mostren'}, per protegir els grups petits.`,
  hidden: {
    'fewer-than-k': (k) => `no es mostra, perquè menys ${deCa(String(k))} persones van respondre abans i després`,
    differencing:
      'no es mostra, perquè des de l’últim resum s’hi han afegit massa poques persones per mostrar-lo amb seguretat',
    secondary: 'no es mostra, perquè no se’n pugui deduir un grup més petit amagat',
  },
  participation: 'Qui hi va participar',
  completed: (paired, started, form, share) =>
    `${paired} de les ${started} ` +
    `${formsOf({ one: 'persona participant', other: 'persones participants' }, form)} que van començar van ` +
    `tornar a respondre (${share})`,
  lost: (lost, form, share, over) =>
    `${lost} (${share}) no ${form === 'one' ? 'ho va' : 'ho van'} fer${againstLimit.ca(over)}`,
  startedAndCompleted: (started, form, paired) =>
    `${started} ${formsOf({ one: 'persona participant va', other: 'persones participants van' }, form)} ` +
    `començar i ${paired} van tornar a respondre`,
  allCompleted: (started, form) =>
    `${started} ${formsOf({ one: 'persona participant va', other: 'persones participants van' }, form)} ` +
    'començar i totes van tornar a respondre',
  lostShare: (share, upTo, over) =>
    `${upTo ? 'fins a un' : 'al voltant d’un'} ${share} no va tornar a respondre${againstLimit.ca(over)}`,
  basedOn: (measure) => `segons les respostes a ${measure}`,
  measureParticipation: 'Qui va respondre aquesta mesura',
  noParticipation: 'Les xifres de participació encara no es mostren, per protegir els grups petits.',
  methods: 'Mètodes i limitacions',
  checklist:
    'Presentat segons els punts de l’eina d’avaluació de la qualitat de l’NHLBI per a estudis abans-després ' +
    'sense grup de control i de la declaració TREND.',
  design: [
    'Disseny',
    'abans i després, sense grup de comparació: les respostes de cada persona al principi es comparen amb les ' +
      'seves pròpies respostes al final (a tot el programa: la primera resposta abans amb l’última després).',
  ],
  participants: 'Participants',
  participantsText: (section) =>
    'qui va començar (va respondre abans), qui va acabar (va tornar a respondre) i qui es va perdre, ' +
    `com a «${section}»; l’eina de l’NHLBI accepta una pèrdua com a màxim del 20\u00a0%.`,
  measures: 'Mesures',
  published: (alpha, source) => `fiabilitat publicada ${alpha} (${source})`,
  baselineAlpha: 'sense fiabilitat publicada; es fa servir l’alfa de Cronbach inicial si és com a mínim de 0,70',
  singleItem: 'una sola pregunta: no se’n pot estimar la fiabilitat',
  quiz: 'qüestionari de coneixements, percentatge de respostes correctes',
  analysis: [
    'Anàlisi',
    'el canvi és la mitjana de la puntuació de cada persona després menys abans, amb el seu interval de confiança ' +
      'del 95\u00a0% (IC, t per a dades aparellades). La mida de l’efecte és la g_av de Hedges ' +
      '(Lakens 2013), llegida amb les etiquetes de Cohen: petit des de 0,2, mitjà des de 0,5, gran des de 0,8.',
  ],
  privacy: 'Privadesa',
  privacyText: (k, rounding) =>
    `no es mostren resultats de menys ${deCa(String(k))} persones, ni els que permetrien deduir un grup amagat` +
    (rounding === undefined
      ? ''
      : `; els recomptes inferiors a ${rounding.below} s’arrodoneixen al múltiple ` +
        `${deCa(String(rounding.base))} més proper`) +
    '. Un resultat que no s’ha pogut actualitzar amb seguretat aquest mes mostra les últimes xifres publicades, ' +
    'amb el seu mes. No s’hi inclouen noms, respostes ni dates més precises que el mes.',
  limits: [
    'El que no es pot concloure',
    'sense grup de comparació, el canvi no es pot atribuir només al programa; qui comença amb puntuacions ' +
      'extremes sol acostar-se a la mitjana la vegada següent (regressió a la mitjana); les respostes són ' +
      'autoinformades; i qui no va tornar a respondre pot ser diferent de qui sí que ho va fer.',
  ],
  designComparison:
    'abans i després, amb un grup de comparació que encara no és al programa (una llista d’espera): les ' +
    'respostes de cada persona a l’inici es comparen amb les seves al final, i el canvi del programa amb el del ' +
    'grup de comparació.',
  limitsComparison:
    'el grup de comparació no es va assignar a l’atzar, així que els grups poden diferir en més que el programa; ' +
    'les persones que comencen amb puntuacions extremes tendeixen a acostar-se a la mitjana la vegada següent ' +
    '(regressió a la mitjana); les respostes són autoinformades; i qui no va tornar a respondre pot diferir de qui sí.',
  beyond: 'Més enllà de l’abans i el després',
  beyondText: beyondOf(
    {
      followup:
        'seguiment: el canvi des de l’inici fins a un seguiment posterior, entre qui va respondre les dues vegades ' +
        '(t aparellada)',
      thenTest:
        'pretest retrospectiu (Howard): al final les persones valoren també com estaven abans; el canvi de resposta ' +
        'és aquesta valoració menys la primera',
      clinical:
        'canvi clínicament significatiu (Jacobson i Truax 1991): una millora fiable que creua el punt de tall de la ' +
        'mesura del rang atípic al típic',
      comparison:
        'grup de comparació: el canvi del programa menys el d’un grup que encara no és al programa, amb l’interval ' +
        'de Welch i la g de Hedges; una estimació quasiexperimental, ja que les persones no es van assignar a l’atzar',
    },
    'Cadascun es calcula sobre les persones que necessita i es mostra amb les mateixes regles de privadesa.',
  ),
  contact: (name, organisation) => `Preguntes sobre aquest resum: ${name}, ${organisation}`,
  attached: 'Les taules completes s’adjunten (CSV, JSON i aquesta pàgina en HTML).',
  byMeasure: 'Resultats per mesura',
};

/** The summary's words in each shipped language. */
export const SUMMARY_STRINGS: Readonly<Record<Language, SummaryStrings>> = {
  en: ENGLISH,
  ro: ROMANIAN,
  es: SPANISH,
  ca: CATALAN,
};

/**
 * The plural category of a formatted number in a language ("2,1" reads as 2.1): a decimal such as
 * "1.0" is plural in every shipped language, which `minimumFractionDigits` tells PluralRules.
 */
export function plural(language: Language, formatted: string): keyof Forms {
  const decimals = /[.,](\d+)$/.exec(formatted)?.[1]?.length ?? 0;
  const value = Number(formatted.replace(/[^\d.,-]/g, '').replace(',', '.'));
  const category = new Intl.PluralRules(language, { minimumFractionDigits: decimals }).select(value);
  return category === 'one' || category === 'few' ? category : 'other';
}

/** A period (YYYY-MM) as a month is said mid-sentence: "November 2026", "noiembrie 2026", "novembre del 2026". */
export function periodName(period: string, language: Language): string {
  const [year, month] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year ?? 0, (month ?? 1) - 1, 1),
  );
}

/** The notice above an evaluator's preview of a summary, in the evaluator's language (never a funder's). */
export interface PreviewStrings {
  readonly notice: string;
  /** The link back to the evaluators' pages (`/dashboard`, "Results" in the staff navigation). */
  readonly back: string;
  /** Opens the list of the languages the funders read the summary in. */
  readonly languages: string;
  /** Said beside the language the page is shown in. */
  readonly current: string;
}

/** One entry per shipped language (a record, so a new language fails to compile until translated). */
export const PREVIEW_STRINGS: Readonly<Record<Language, PreviewStrings>> = {
  en: {
    notice: 'Preview: nothing has been sent or recorded. The files and each funder’s message were written to preview/.',
    back: 'Back to the results',
    languages: 'Preview in the language a funder reads:',
    current: 'shown now',
  },
  ro: {
    notice:
      'Previzualizare: nu s-a trimis și nu s-a înregistrat nimic. Fișierele și mesajul fiecărui finanțator au fost ' +
      'scrise în preview/.',
    back: 'Înapoi la rezultate',
    languages: 'Previzualizați în limba în care citește un finanțator:',
    current: 'afișată acum',
  },
  es: {
    notice:
      'Vista previa: no se ha enviado ni registrado nada. Los archivos y el mensaje de cada financiador se han ' +
      'escrito en preview/.',
    back: 'Volver a los resultados',
    languages: 'Vista previa en el idioma en que lee un financiador:',
    current: 'se muestra ahora',
  },
  ca: {
    notice:
      'Previsualització: no s’ha enviat ni registrat res. Els fitxers i el missatge de cada finançador s’han escrit ' +
      'a preview/.',
    back: 'Tornar als resultats',
    languages: 'Previsualització en la llengua en què llegeix un finançador:',
    current: 'es mostra ara',
  },
};
