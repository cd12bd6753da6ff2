/**
 * What every page of the evaluator workspace shares: human labels from the definitions (a
 * measure's name, a subgroup and its option, a part of a measure, a session) in the reader's
 * language, never an id; the addresses of its pages; and a heading at a given level, as a block
 * of findings sits under a session's heading on a cohort page and directly under the page's on
 * the pool's.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Language, Programme } from '#surveys/schema.ts';
import type { ImpactRow } from '#core/impact-table.ts';
import { POOLED } from '#core/model.ts';
import { isComparisonCohort } from '#core/design.ts';
import { localized } from './console-page-parts.ts';
import { html, raw, type Html } from './html.ts';
import { fill } from './staff-strings.ts';
import { workspaceStringsFor } from './workspace-strings.ts';

/** A measure's name in the reader's language (its id only if the catalogue no longer has it). */
export function measureName(catalog: Catalog, instrument: string, language: Language): string {
  const found = catalog.instruments.get(instrument);
  return found === undefined ? instrument : localized(found.name, language);
}

/** A subgroup cell in words from the programme's definition: "Age band: 60 or over". */
export function groupLabel(programme: Programme, dimension: string, value: string, language: Language): string {
  const subgroup = programme.subgroups.find((candidate) => candidate.id === dimension);
  if (subgroup === undefined) return `${dimension}: ${value}`;
  const option = subgroup.options.find((candidate) => candidate.value === value);
  return `${localized(subgroup.label, language)}: ${option === undefined ? value : localized(option.label, language)}`;
}

/** A subgroup's own name: "Age band". */
export function dimensionLabel(programme: Programme, dimension: string, language: Language): string {
  const subgroup = programme.subgroups.find((candidate) => candidate.id === dimension);
  return subgroup === undefined ? dimension : localized(subgroup.label, language);
}

/** A subgroup option's label alone: "60 or over". */
export function optionLabel(programme: Programme, dimension: string, value: string, language: Language): string {
  const option = programme.subgroups
    .find((candidate) => candidate.id === dimension)
    ?.options.find((candidate) => candidate.value === value);
  return option === undefined ? value : localized(option.label, language);
}

/**
 * A part of a measure in words: a subscale by the name its definition gives; a quiz topic, which
 * definitions do not name, by its id in words ("Topic: legal aid").
 */
export function partLabel(instrument: Instrument | undefined, part: string, language: Language): string {
  const [kind, id = ''] = part.split(':');
  if (kind === 'subscale') {
    const subscale = instrument?.subscales?.find((candidate) => candidate.id === id);
    if (subscale !== undefined) return localized(subscale.name, language);
  }
  return fill(workspaceStringsFor(language).topic, { topic: id.replaceAll('-', ' ') });
}

/** What a row of the full table is about, besides its measure: the whole group, a subgroup, or a part. */
export function rowLabel(catalog: Catalog, programme: Programme, row: ImpactRow, language: Language): string {
  const words = workspaceStringsFor(language);
  const part = row.part === null ? '' : partLabel(catalog.instruments.get(row.instrument), row.part, language);
  const group = row.dimension === null ? '' : groupLabel(programme, row.dimension, row.value ?? '', language);
  return [part, group].filter((text) => text !== '').join(' · ') || words.all;
}

/** The address of a page of the workspace: a programme, one cohort (or the pool), one session of it. */
export function workspacePath(programme: string, cohort?: string, session?: string): string {
  const parts = [`programme=${encodeURIComponent(programme)}`];
  if (cohort !== undefined) parts.push(`cohort=${encodeURIComponent(cohort)}`);
  if (session !== undefined) parts.push(`session=${encodeURIComponent(session)}`);
  return `/dashboard?${parts.join('&')}`;
}

/** The CSV download of a cohort's (or the pool's) indicators, or of its response rates: a public contract. */
export function csvPath(programme: string, cohort: string, table?: 'response-rates'): string {
  const query = `programme=${encodeURIComponent(programme)}&cohort=${encodeURIComponent(cohort)}`;
  return `/dashboard/csv?${query}${table === undefined ? '' : `&table=${table}`}`;
}

/** Whether a scope is the programme pool. */
export function isPool(cohort: string): boolean {
  return cohort === POOLED;
}

/** A heading of the level (clamped to 2..6), so a block's headings follow the page's. */
export function heading(level: number, content: Html | string): Html {
  const tag = `h${Math.min(6, Math.max(2, level))}`;
  return html`${raw(`<${tag}>`)}${content}${raw(`</${tag}>`)}`;
}

/** A cohort's name as evaluators see it listed: a comparison group says so. */
export function cohortName(cohort: Programme['cohorts'][number], language: Language): string {
  return isComparisonCohort(cohort)
    ? fill(workspaceStringsFor(language).comparisonGroup, { cohort: cohort.name })
    : cohort.name;
}
