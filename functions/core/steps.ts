/**
 * A wave's questionnaire as screens: consent first, then the questions about the participant
 * (subgroups) if the wave asks any, then one screen per instrument, each instrument of a then-test
 * followed by a screen of its own that asks the same items again looking back (one question at a
 * time in mind: "now", then "before"; on a small phone two sets of the same items on one screen
 * read as a repeat, and the long screen costs scrolling). The form moves between
 * screens by posting, carrying earlier answers in hidden fields, so it works without
 * JavaScript, stores nothing until the last screen, and each page stays small.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { CONSENT_FIELD, answerField, groupField, thenField, type FieldError } from './answers.ts';
import type { WaveContext } from './waves.ts';

/** One screen: what it shows and the form fields it owns. */
export interface Step {
  readonly kind: 'consent' | 'about' | 'instrument' | 'then';
  /** For instrument and then-test screens, the instrument's id. */
  readonly instrument?: string;
  readonly fields: readonly string[];
}

/** The screens of a wave, in order. */
export function surveySteps(context: WaveContext, catalog: Catalog): Step[] {
  const steps: Step[] = [{ kind: 'consent', fields: [CONSENT_FIELD] }];
  if (context.wave.subgroups.length > 0) steps.push({ kind: 'about', fields: context.wave.subgroups.map(groupField) });
  for (const id of context.wave.instruments) {
    const instrument = catalog.instruments.get(id);
    if (instrument === undefined) continue;
    steps.push({
      kind: 'instrument',
      instrument: id,
      fields: instrument.items.map((item) => answerField(id, item.id)),
    });
    if (context.wave.then?.instruments.includes(id) === true)
      steps.push({ kind: 'then', instrument: id, fields: instrument.items.map((item) => thenField(id, item.id)) });
  }
  return steps;
}

/**
 * The problems a screen must show before moving on: those of its own fields, and those of no
 * screen's fields (unknown or repeated fields), which no later screen could fix either.
 */
export function stepErrors(steps: readonly Step[], index: number, errors: readonly FieldError[]): FieldError[] {
  const own = new Set(steps[index]?.fields ?? []);
  const anyStep = new Set(steps.flatMap((step) => step.fields));
  return errors.filter((error) => own.has(error.field) || !anyStep.has(error.field));
}
