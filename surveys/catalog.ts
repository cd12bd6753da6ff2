/**
 * Loads instrument and programme definitions, checks them against the schema and against each
 * other, and indexes them. A broken definition throws a {@link SurveyDefinitionError} naming
 * the file, the path inside it and the reason, so start-up, synth and tests stop with a message
 * a definition author can act on.
 */
import type * as z from 'zod/mini';
import { cohortProblems, sessionWaves } from './cohort-rules.ts';
import {
  Instrument,
  ProgrammeDefinition,
  ProgrammeSeed,
  type Language,
  type LocalizedText,
  type ResponseOption,
  type Session,
  type Wave,
} from './schema.ts';

/** A definition as read from disk or bundled: where it came from and its parsed JSON. */
export interface DefinitionSource {
  readonly file: string;
  readonly data: unknown;
}

/** Every instrument and programme definition, and the seed cohorts and funders, validated and cross-checked. */
export interface Catalog {
  readonly instruments: ReadonlyMap<string, Instrument>;
  readonly programmes: ReadonlyMap<string, ProgrammeDefinition>;
  /** The cohorts and funders a new deployment starts with, by programme. */
  readonly seeds: ReadonlyMap<string, ProgrammeSeed>;
}

/** A definition that breaks the schema or refers to something that does not exist. */
export class SurveyDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || '(root)'}: ${reason}`);
    this.name = 'SurveyDefinitionError';
  }
}

/** Validates every source and returns the catalogue, or throws on the first problem found. */
export function loadCatalog(
  instrumentSources: readonly DefinitionSource[],
  programmeSources: readonly DefinitionSource[],
  seedSources: readonly DefinitionSource[] = [],
): Catalog {
  const instruments = new Map<string, Instrument>();
  for (const source of instrumentSources) {
    const instrument = parseOrThrow(Instrument, source);
    if (instruments.has(instrument.id))
      throw new SurveyDefinitionError(source.file, 'id', `instrument id "${instrument.id}" is defined twice`);
    checkInstrument(instrument, source.file);
    instruments.set(instrument.id, instrument);
  }
  const programmes = new Map<string, ProgrammeDefinition>();
  for (const source of programmeSources) {
    // Cohorts and funders left in a definition would be ignored without a word: say where they live now.
    for (const moved of ['cohorts', 'funders'])
      if (typeof source.data === 'object' && source.data !== null && moved in source.data)
        throw new SurveyDefinitionError(
          source.file,
          moved,
          `${moved} are run-time data now, kept by coordinators (the console, \`prepost ${moved}\`); ` +
            "a new deployment's first ones go in surveys/seed/",
        );
    const programme = parseOrThrow(ProgrammeDefinition, source);
    if (programmes.has(programme.id))
      throw new SurveyDefinitionError(source.file, 'id', `programme id "${programme.id}" is defined twice`);
    checkProgramme(programme, instruments, source.file);
    programmes.set(programme.id, programme);
  }
  const seeds = new Map<string, ProgrammeSeed>();
  for (const source of seedSources) {
    const seed = parseOrThrow(ProgrammeSeed, source);
    const programme = programmes.get(seed.programme);
    if (programme === undefined)
      throw new SurveyDefinitionError(source.file, 'programme', `no programme "${seed.programme}"`);
    if (seeds.has(seed.programme))
      throw new SurveyDefinitionError(source.file, 'programme', `programme "${seed.programme}" is seeded twice`);
    checkSeed(seed, programme, source.file);
    seeds.set(seed.programme, seed);
  }
  return { instruments, programmes, seeds };
}

/**
 * The catalogue of definitions validated when they were built into this bundle (see
 * `shippedCatalog`): the schema's output (defaults filled in, unknown fields dropped) without its
 * checks or the cross-checks, which cost a Lambda up to 10 ms of CPU at every cold start.
 * `test/surveys/catalog.test.ts` holds it equal to {@link loadCatalog} for the shipped definitions.
 */
export function trustedCatalog(
  instrumentSources: readonly DefinitionSource[],
  programmeSources: readonly DefinitionSource[],
  seedSources: readonly DefinitionSource[] = [],
): Catalog {
  const instruments = instrumentSources.map((source) => applySchema(Instrument, source.data) as Instrument);
  const programmes = programmeSources.map(
    (source) => applySchema(ProgrammeDefinition, source.data) as ProgrammeDefinition,
  );
  const seeds = seedSources.map((source) => applySchema(ProgrammeSeed, source.data) as ProgrammeSeed);
  return {
    instruments: new Map(instruments.map((instrument) => [instrument.id, instrument])),
    programmes: new Map(programmes.map((programme) => [programme.id, programme])),
    seeds: new Map(seeds.map((seed) => [seed.programme, seed])),
  };
}

/**
 * What parsing valid data with `schema` returns, by walking the schema's own definition: defaults
 * where a value is missing, only the declared fields of an object. Union members and leaves pass
 * as they are (no schema of the catalogue has a default inside a union).
 */
function applySchema(schema: z.core.$ZodType, value: unknown): unknown {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'default':
      return value === undefined
        ? structuredClone(def.defaultValue)
        : applySchema(def.innerType as z.core.$ZodType, value);
    case 'optional':
      return value === undefined ? undefined : applySchema(def.innerType as z.core.$ZodType, value);
    case 'object': {
      const input = value as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
        const fieldValue = applySchema(field, input[key]);
        if (fieldValue !== undefined || key in input) output[key] = fieldValue;
      }
      return output;
    }
    case 'array':
      return (value as unknown[]).map((element) => applySchema(def.element as z.core.$ZodType, element));
    case 'record':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
          key,
          applySchema(def.valueType as z.core.$ZodType, entry),
        ]),
      );
    default:
      return value;
  }
}

function checkSeed(seed: ProgrammeSeed, programme: ProgrammeDefinition, file: string): void {
  const cohortIds = new Set<string>();
  seed.cohorts.forEach((cohort, index) => {
    if (cohortIds.has(cohort.id))
      throw new SurveyDefinitionError(file, `cohorts[${index}].id`, `cohort id "${cohort.id}" is used twice`);
    cohortIds.add(cohort.id);
    const problem = cohortProblems(programme, { ...cohort, windows: {} }, { windowsRequired: false })[0];
    if (problem !== undefined)
      throw new SurveyDefinitionError(file, `cohorts[${index}].${problem.field}`, problem.message);
  });
  seed.funders.forEach((funder, index) => {
    if (funder.language !== undefined && !programme.languages.includes(funder.language))
      throw new SurveyDefinitionError(
        file,
        `funders[${index}].language`,
        `"${funder.language}" is not among the programme's languages ${programme.languages.join(', ')}`,
      );
  });
}

function parseOrThrow<T>(schema: z.ZodMiniType<T>, source: DefinitionSource): T {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new SurveyDefinitionError(source.file, '', 'invalid definition');
  throw new SurveyDefinitionError(
    source.file,
    formatPath(issue.path),
    describeIssue(issue, valueAt(source.data, issue.path)),
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** The value at an issue's path in the input, for {@link describeIssue}. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** zod/mini ships no message locale (it would bloat the Lambda bundles), so say it here. */
/** A schema issue in words a definition author or a coordinator acts on. */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}, not ${Array.isArray(input) ? 'array' : typeof input}`;
    case 'invalid_value':
      if (input === undefined)
        return `is required (one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')})`;
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${unitOf(issue.origin)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return issue.code;
  }
}

/** The options an item is answered with: its own, else the instrument's. */
export function optionsOf(instrument: Instrument, itemIndex: number): readonly ResponseOption[] {
  const item = instrument.items[itemIndex];
  return item?.options ?? instrument.options ?? [];
}

function checkInstrument(instrument: Instrument, file: string): void {
  // Import and export files name a then-test's answers `then.<instrument>.<item>`.
  if (instrument.id === 'then')
    throw new SurveyDefinitionError(
      file,
      'id',
      '"then" is reserved: the CSV columns of then-test answers start with it',
    );
  const itemIds = new Set<string>();
  instrument.items.forEach((item, index) => {
    const path = `items[${index}]`;
    if (itemIds.has(item.id)) throw new SurveyDefinitionError(file, `${path}.id`, `item id "${item.id}" is used twice`);
    itemIds.add(item.id);
    const options = optionsOf(instrument, index);
    if (options.length < 2)
      throw new SurveyDefinitionError(
        file,
        `${path}.options`,
        "needs at least two options, its own or the instrument's",
      );
    if (new Set(options.map((option) => option.value)).size !== options.length)
      throw new SurveyDefinitionError(file, `${path}.options`, 'option values must be unique');
    if (instrument.kind === 'quiz') {
      const correct = options.filter((option) => option.correct === true).length;
      if (correct !== 1)
        throw new SurveyDefinitionError(
          file,
          `${path}.options`,
          `a quiz item needs exactly one correct option, found ${correct}`,
        );
      if (item.topic === undefined) throw new SurveyDefinitionError(file, `${path}.topic`, 'a quiz item needs a topic');
    }
  });
  if ((instrument.kind === 'quiz') !== (instrument.scoring.rule === 'percent-correct')) {
    throw new SurveyDefinitionError(file, 'scoring.rule', 'quizzes, and only quizzes, are scored percent-correct');
  }
  for (const [index, subscale] of (instrument.subscales ?? []).entries()) {
    for (const id of subscale.items) {
      if (!itemIds.has(id)) throw new SurveyDefinitionError(file, `subscales[${index}].items`, `unknown item "${id}"`);
    }
  }
  const expected = expectedRange(instrument);
  if (expected.min !== instrument.range.min || expected.max !== instrument.range.max) {
    throw new SurveyDefinitionError(
      file,
      'range',
      `declared ${instrument.range.min}-${instrument.range.max} but the items and scoring rule give ` +
        `${expected.min}-${expected.max}`,
    );
  }
  checkNorms(instrument, file);
}

/**
 * Norms are figures copied from a publication, often scored otherwise (items 1-4 rather than 0-3):
 * a mean or a cut-off outside the instrument's own range is a figure not yet converted to it.
 */
function checkNorms(instrument: Instrument, file: string): void {
  const { norms, range } = instrument;
  if (norms === undefined) return;
  const within = (value: number, path: string, what: string): void => {
    if (!Number.isFinite(value))
      throw new SurveyDefinitionError(file, `norms.${path}`, `${what} must be a finite number`);
    if (value < range.min || value > range.max)
      throw new SurveyDefinitionError(
        file,
        `norms.${path}`,
        `${what} ${value} is outside the instrument's range ${range.min}-${range.max}: ` +
          "convert published figures to this instrument's scoring, and say how in the source",
      );
  };
  for (const population of ['functional', 'dysfunctional'] as const) {
    const group = norms[population];
    if (group === undefined) continue;
    within(group.mean, `${population}.mean`, 'the mean');
    if (!Number.isFinite(group.sd) || group.sd <= 0)
      throw new SurveyDefinitionError(file, `norms.${population}.sd`, 'the sd must be a finite number above 0');
  }
  if (norms.cutoff !== undefined) within(norms.cutoff, 'cutoff', 'the cutoff');
}

/** The score range implied by the items and the scoring rule. */
export function expectedRange(instrument: Instrument): { min: number; max: number } {
  if (instrument.scoring.rule === 'percent-correct') return { min: 0, max: 100 };
  let min = 0;
  let max = 0;
  instrument.items.forEach((_, index) => {
    const scores = optionsOf(instrument, index).map((option) => option.score);
    min += Math.min(...scores);
    max += Math.max(...scores);
  });
  if (instrument.scoring.rule === 'mean')
    return { min: min / instrument.items.length, max: max / instrument.items.length };
  return { min, max };
}

function checkProgramme(
  programme: ProgrammeDefinition,
  instruments: ReadonlyMap<string, Instrument>,
  file: string,
): void {
  if (!programme.languages.includes(programme.defaultLanguage)) {
    throw new SurveyDefinitionError(
      file,
      'defaultLanguage',
      `"${programme.defaultLanguage}" is not among languages ${programme.languages.join(', ')}`,
    );
  }
  const requireText = (text: LocalizedText | undefined, path: string, inFile = file): void => {
    if (text === undefined) return;
    for (const language of programme.languages) {
      if (text[language] === undefined)
        throw new SurveyDefinitionError(
          inFile,
          path,
          `has no ${language} text, but programme "${programme.id}" runs in ${language}`,
        );
    }
  };
  requireText(programme.name, 'name');
  requireText(programme.description, 'description');
  requireText(programme.consent.text, 'consent.text');
  requireText(programme.supportLine, 'supportLine');

  const subgroups = new Map(programme.subgroups.map((subgroup) => [subgroup.id, subgroup]));
  programme.subgroups.forEach((subgroup, index) => {
    requireText(subgroup.label, `subgroups[${index}].label`);
    if (subgroup.source === 'question' && subgroup.question === undefined)
      throw new SurveyDefinitionError(
        file,
        `subgroups[${index}].question`,
        'a subgroup asked as a question needs its question text',
      );
    requireText(subgroup.question, `subgroups[${index}].question`);
    for (const [optionIndex, option] of subgroup.options.entries())
      requireText(option.label, `subgroups[${index}].options[${optionIndex}].label`);
  });

  const sessionIds = new Set<string>();
  programme.sessions.forEach((session, index) => {
    if (sessionIds.has(session.id))
      throw new SurveyDefinitionError(file, `sessions[${index}].id`, `session id "${session.id}" is used twice`);
    sessionIds.add(session.id);
    requireText(session.name, `sessions[${index}].name`);
    for (const wave of sessionWaves(session)) {
      const asked = session[wave];
      if (asked === undefined) continue;
      asked.instruments.forEach((instrumentId, instrumentIndex) => {
        const instrument = instruments.get(instrumentId);
        const path = `sessions[${index}].${wave}.instruments[${instrumentIndex}]`;
        if (instrument === undefined)
          throw new SurveyDefinitionError(file, path, `unknown instrument "${instrumentId}"`);
        checkInstrumentLanguages(
          instrument,
          programme.languages,
          `surveys/instruments/${instrument.id}.json`,
          programme.id,
        );
      });
      asked.subgroups.forEach((subgroupId, subgroupIndex) => {
        const subgroup = subgroups.get(subgroupId);
        const path = `sessions[${index}].${wave}.subgroups[${subgroupIndex}]`;
        if (subgroup === undefined) throw new SurveyDefinitionError(file, path, `unknown subgroup "${subgroupId}"`);
        if (subgroup.source !== 'question')
          throw new SurveyDefinitionError(file, path, `subgroup "${subgroupId}" is set per cohort, not asked`);
      });
    }
    checkThenTest(session, `sessions[${index}]`, instruments, file, requireText);
    const preOnly = session.post.instruments.filter((id) => !session.pre.instruments.includes(id));
    if (preOnly.length > 0)
      throw new SurveyDefinitionError(
        file,
        `sessions[${index}].post.instruments`,
        `${preOnly.join(', ')} not asked before, so change cannot be measured`,
      );
    const { followup } = session;
    if (followup === undefined) return;
    const notBefore = followup.instruments.filter((id) => !session.pre.instruments.includes(id));
    if (notBefore.length > 0)
      throw new SurveyDefinitionError(
        file,
        `sessions[${index}].followup.instruments`,
        `${notBefore.join(', ')} not asked before, so change cannot be measured`,
      );
    // Links expire with the retention, counted from the day they are made: a follow-up due after
    // that could never be answered.
    if (programme.retentionDays <= followup.monthsAfter * 31)
      throw new SurveyDefinitionError(
        file,
        'retentionDays',
        `${programme.retentionDays} days is too short for the follow-up of session "${session.id}" ` +
          `${followup.monthsAfter} months after it: links expire before it is due`,
      );
  });
}

/**
 * A then-test looks back from after the session, so only a post wave asks one, of instruments that
 * wave asks (its items are asked twice on the same form), each once, never a quiz (a right answer
 * is not something one looks back on), with its prompt in every language of the programme.
 */
function checkThenTest(
  session: Session,
  path: string,
  instruments: ReadonlyMap<string, Instrument>,
  file: string,
  requireText: (text: LocalizedText | undefined, path: string) => void,
): void {
  // Every wave of the session but the post one (whatever kinds of wave a session has: a wave is
  // what asks instruments, not the session's attributes, whose keys are free).
  for (const [kind, wave] of Object.entries(session))
    if (kind !== 'post' && isWave(wave) && wave.then !== undefined)
      throw new SurveyDefinitionError(
        file,
        `${path}.${kind}.then`,
        'only a post wave asks a then-test: it looks back, from after the session, to before it',
      );
  const { then } = session.post;
  if (then === undefined) return;
  requireText(then.prompt, `${path}.post.then.prompt`);
  then.instruments.forEach((instrumentId, index) => {
    const at = `${path}.post.then.instruments[${index}]`;
    if (!session.post.instruments.includes(instrumentId))
      throw new SurveyDefinitionError(
        file,
        at,
        `"${instrumentId}" is not asked in this post wave (${session.post.instruments.join(', ')}): ` +
          'a then-test asks again an instrument of its own wave',
      );
    if (then.instruments.indexOf(instrumentId) !== index)
      throw new SurveyDefinitionError(file, at, `"${instrumentId}" is named twice`);
    if (instruments.get(instrumentId)?.kind === 'quiz')
      throw new SurveyDefinitionError(
        file,
        at,
        `"${instrumentId}" is a quiz: a then-test asks how someone was before, and a quiz's right answers ` +
          'are not something to look back on',
      );
  });
}

function isWave(value: unknown): value is Wave {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<Wave>).instruments);
}

function checkInstrumentLanguages(
  instrument: Instrument,
  languages: readonly Language[],
  file: string,
  programmeId: string,
): void {
  const require = (text: LocalizedText | undefined, path: string): void => {
    if (text === undefined) return;
    for (const language of languages) {
      if (text[language] === undefined)
        throw new SurveyDefinitionError(
          file,
          path,
          `has no ${language} text, but programme "${programmeId}" uses this instrument in ${language}`,
        );
    }
  };
  for (const language of languages) {
    if (instrument.translations[language] === undefined)
      throw new SurveyDefinitionError(
        file,
        'translations',
        `does not say whether its ${language} version is validated (programme "${programmeId}" uses it in ${language})`,
      );
  }
  require(instrument.name, 'name');
  require(instrument.title, 'title');
  require(instrument.construct, 'construct');
  require(instrument.instructions, 'instructions');
  for (const [index, option] of (instrument.options ?? []).entries()) require(option.label, `options[${index}].label`);
  instrument.items.forEach((item, index) => {
    require(item.text, `items[${index}].text`);
    for (const [optionIndex, option] of (item.options ?? []).entries())
      require(option.label, `items[${index}].options[${optionIndex}].label`);
  });
}

/** The unit of a zod size limit, as the message says it. */
function unitOf(origin: string | undefined): string {
  if (origin === 'array') return ' entries';
  if (origin === 'string') return ' characters';
  return '';
}
