/**
 * Validation of a submitted form against the wave it answers. The schema is built from the
 * definition (each item accepts only its own option values; sensitive ones also "prefer not to
 * say"; unknown fields are refused), and its problems come back as field errors the page
 * names in the participant's language.
 */
import * as z from 'zod/mini';
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { WaveContext } from './waves.ts';
import { PREFER_NOT_TO_SAY } from './scoring.ts';

/** Form field names: `consent`, `a.<instrument>.<item>`, `t.<instrument>.<item>` (then-test), `g.<subgroup>`. */
export const CONSENT_FIELD = 'consent';
export const answerField = (instrument: string, item: string): string => `a.${instrument}.${item}`;
/** An item answered again in a post wave's then-test, looking back to before the programme. */
export const thenField = (instrument: string, item: string): string => `t.${instrument}.${item}`;
export const groupField = (subgroup: string): string => `g.${subgroup}`;

/**
 * The form field carrying the link token (`shared/link-token.ts`): what the link resolved to,
 * sealed, so a posted screen need not look the link up again.
 */
export const LINK_TOKEN_FIELD = 'token';

/** Fields the form may carry that are not answers. */
const CONTROL_FIELDS = ['lang', 'step', 'nav', 'asked', LINK_TOKEN_FIELD];

/** What a field of a wave accepts. */
type FieldOptions = ReadonlyMap<string, { readonly values: readonly string[]; readonly optional: boolean }>;

/**
 * A value worked out once per catalogue, programme and wave definition (objects that live as long
 * as the catalogue): a wave's fields and schema are the same on every request, and building them
 * costs more than using them. Pure all the same: the same wave always gives the same value.
 */
function perWave<T>(
  build: (context: WaveContext, catalog: Catalog) => T,
): (context: WaveContext, catalog: Catalog) => T {
  const built = new WeakMap<Catalog, WeakMap<object, WeakMap<object, T>>>();
  return (context, catalog) => {
    const byProgramme = built.get(catalog) ?? new WeakMap<object, WeakMap<object, T>>();
    built.set(catalog, byProgramme);
    const byWave = byProgramme.get(context.programme) ?? new WeakMap<object, T>();
    byProgramme.set(context.programme, byWave);
    const known = byWave.get(context.wave);
    if (known !== undefined) return known;
    const value = build(context, catalog);
    byWave.set(context.wave, value);
    return value;
  };
}

/**
 * Every answer field of a wave with the values it accepts: the one definition the form's
 * schema, the draft kept between screens and the carried fields are all built from.
 */
export const fieldOptions: (context: WaveContext, catalog: Catalog) => FieldOptions = perWave((context, catalog) => {
  const fields = new Map<string, { values: string[]; optional: boolean }>();
  fields.set(CONSENT_FIELD, { values: [context.programme.consent.version], optional: false });
  const addItems = (instrumentId: string, field: (instrument: string, item: string) => string): void => {
    const instrument = catalog.instruments.get(instrumentId);
    instrument?.items.forEach((item, index) => {
      const values = optionsOf(instrument, index).map((option) => option.value);
      if (item.sensitive) values.push(PREFER_NOT_TO_SAY);
      fields.set(field(instrumentId, item.id), { values, optional: item.skippable });
    });
  };
  for (const instrumentId of context.wave.instruments) addItems(instrumentId, answerField);
  // The then-test's items accept what the items themselves accept, skippable as they are.
  for (const instrumentId of context.wave.then?.instruments ?? []) addItems(instrumentId, thenField);
  for (const subgroupId of context.wave.subgroups) {
    const subgroup = context.programme.subgroups.find((candidate) => candidate.id === subgroupId);
    if (subgroup === undefined) continue;
    fields.set(groupField(subgroupId), {
      values: [...subgroup.options.map((option) => option.value), PREFER_NOT_TO_SAY],
      optional: true,
    });
  }
  return fields;
});

/**
 * The posted fields that belong to the wave and hold a value it accepts; everything else is
 * dropped. What the server keeps between screens and sends back in the page: never an unknown
 * field, never more than the questionnaire has.
 */
export function knownAnswers(
  context: WaveContext,
  catalog: Catalog,
  fields: Readonly<Record<string, string | string[]>>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [field, accepted] of fieldOptions(context, catalog)) {
    const value = fields[field];
    if (typeof value === 'string' && accepted.values.includes(value)) kept[field] = value;
  }
  return kept;
}

/** Whether any question of the wave has a scored answer (an option, not "prefer not to say"), then-test included. */
export function hasScoredAnswer(fields: Readonly<Record<string, string | string[]>>): boolean {
  return Object.entries(fields).some(
    ([field, value]) =>
      (field.startsWith('a.') || field.startsWith('t.')) &&
      typeof value === 'string' &&
      value !== '' &&
      value !== PREFER_NOT_TO_SAY,
  );
}

/** Why a field was refused; the page turns the code into a sentence. */
export type FieldProblem = 'required' | 'invalid-option' | 'unknown-field' | 'repeated' | 'consent-required';

export interface FieldError {
  readonly field: string;
  readonly problem: FieldProblem;
}

/** The accepted content of a submission. */
export interface ValidAnswers {
  readonly answers: Record<string, Record<string, string>>;
  /** Post waves with a then-test: its answers, by instrument (each present, empty when skipped), as `answers`. */
  readonly then?: Record<string, Record<string, string>>;
  readonly groups: Record<string, string>;
}

export type ValidationResult =
  | { readonly ok: true; readonly value: ValidAnswers }
  | { readonly ok: false; readonly errors: FieldError[] };

/** Validates the decoded form fields (a field sent twice arrives as an array). */
export function validateAnswers(
  context: WaveContext,
  catalog: Catalog,
  fields: Readonly<Record<string, string | string[]>>,
): ValidationResult {
  const errors: FieldError[] = [];
  const single: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [field, value] of Object.entries(fields)) {
    if (CONTROL_FIELDS.includes(field)) continue;
    if (Array.isArray(value)) errors.push({ field, problem: 'repeated' });
    else if (value !== '') single[field] = value;
  }
  const result = buildSchema(context, catalog).safeParse(single);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push({ field: key, problem: 'unknown-field' });
        continue;
      }
      const field = String(issue.path[0] ?? '');
      if (field === CONSENT_FIELD) errors.push({ field, problem: 'consent-required' });
      else errors.push({ field, problem: single[field] === undefined ? 'required' : 'invalid-option' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const chosenBy = (
    instrumentIds: readonly string[],
    field: (instrument: string, item: string) => string,
  ): Record<string, Record<string, string>> => {
    const byInstrument: Record<string, Record<string, string>> = {};
    for (const instrumentId of instrumentIds) {
      const instrument = catalog.instruments.get(instrumentId);
      if (instrument === undefined) continue;
      const chosen: Record<string, string> = {};
      for (const item of instrument.items) {
        const value = single[field(instrumentId, item.id)];
        if (value !== undefined) chosen[item.id] = value;
      }
      byInstrument[instrumentId] = chosen;
    }
    return byInstrument;
  };
  const answers = chosenBy(context.wave.instruments, answerField);
  const thenTest = context.wave.then;
  const groups: Record<string, string> = {};
  for (const subgroupId of context.wave.subgroups) {
    const value = single[groupField(subgroupId)];
    if (value !== undefined) groups[subgroupId] = value;
  }
  if (thenTest === undefined) return { ok: true, value: { answers, groups } };
  // A record of answers, never a function: no `await` takes it for a promise.
  // biome-ignore lint/suspicious/noThenProperty: the shared contract's name for the then-test's answers
  return { ok: true, value: { answers, then: chosenBy(thenTest.instruments, thenField), groups } };
}

/** The wave's form schema: each answer field with the values it accepts, and nothing else. */
const buildSchema = perWave(schemaOf);

function schemaOf(context: WaveContext, catalog: Catalog): z.ZodMiniType<Record<string, string>> {
  const shape: Record<string, z.ZodMiniType<string | undefined>> = {};
  for (const [field, { values, optional }] of fieldOptions(context, catalog)) {
    const accepted =
      field === CONSENT_FIELD ? z.literal(context.programme.consent.version) : z.enum(values as [string, ...string[]]);
    shape[field] = optional ? z.optional(accepted) : accepted;
  }
  return z.strictObject(shape) as unknown as z.ZodMiniType<Record<string, string>>;
}

/**
 * Whether two submissions carry the same answers, whatever the order of their fields: an
 * identical resubmission (a double tap, a retry on weak data) is the same response. (Receipts
 * are random, not derived from the answers: anyone holding the link could otherwise try answer
 * combinations against the receipt the thank-you page shows.)
 */
export function sameAnswers(a: ValidAnswers, b: ValidAnswers): boolean {
  return (
    JSON.stringify([sortKeys(a.answers), sortKeys(a.groups), sortKeys(thenGiven(a))]) ===
    JSON.stringify([sortKeys(b.answers), sortKeys(b.groups), sortKeys(thenGiven(b))])
  );
}

/**
 * The then-test answers actually given: a then-test left blank is the same as none, so a response
 * stored before its wave asked one matches its own export imported back.
 */
function thenGiven(answers: ValidAnswers): Record<string, Readonly<Record<string, string>>> {
  return Object.fromEntries(Object.entries(answers.then ?? {}).filter(([, items]) => Object.keys(items).length > 0));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, sortKeys(inner)]),
  );
}
