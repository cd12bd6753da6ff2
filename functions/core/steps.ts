/**
 * A wave's questionnaire as screens: consent first, then the questions about the participant
 * (subgroups) if the wave asks any, then one screen per instrument. The form moves between
 * screens by posting, carrying earlier answers in hidden fields, so it works without
 * JavaScript, stores nothing until the last screen, and each page stays small.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { CONSENT_FIELD, answerField, groupField, type FieldError } from './answers.ts';
import type { WaveContext } from './waves.ts';

/** One screen: what it shows and the form fields it owns. */
export interface Step {
  readonly kind: 'consent' | 'about' | 'instrument';
  /** For instrument screens, the instrument's id. */
  readonly instrument?: string;
  readonly fields: readonly string[];
}

/** The screens of a wave, in order. */
export function surveySteps(context: WaveContext, catalog: Catalog): Step[] {
  const steps: Step[] = [{ kind: 'consent', fields: [CONSENT_FIELD] }];
  if (context.wave.subgroups.length > 0) steps.push({ kind: 'about', fields: context.wave.subgroups.map(groupField) });
  for (const id of context.wave.instruments) {
    const instrument = catalog.instruments.get(id);
    if (instrument !== undefined)
      steps.push({
        kind: 'instrument',
        instrument: id,
        fields: instrument.items.map((item) => answerField(id, item.id)),
      });
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
