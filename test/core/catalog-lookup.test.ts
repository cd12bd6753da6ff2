/**
 * The one programme and cohort lookup: what it finds, and the refusals the command line and the
 * API print (their wording is part of the command line's output).
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { findCohort, findProgramme } from '#core/catalog-lookup.ts';
import { UnknownCohortError, UnknownProgrammeError } from '#core/errors.ts';
import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();
const justrom3 = shippedProgramme('justrom3-mentoring', catalog);

describe('findProgramme and findCohort', () => {
  it('find a programme, and a cohort with its programme', () => {
    expect(findProgramme(catalog, 'dones-mentores').id).toBe('dones-mentores');
    const found = findCohort(justrom3, 'iasi-2020');
    expect([found.programme.id, found.cohort.id]).toEqual(['justrom3-mentoring', 'iasi-2020']);
  });

  it('refuse an unknown programme or cohort with a domain error, listing the known ids when asked', () => {
    expect(() => findProgramme(catalog, 'nope')).toThrow(new UnknownProgrammeError('nope'));
    expect(() => findProgramme(catalog, 'nope')).toThrow(/^unknown programme "nope"$/);
    expect(() => findProgramme(catalog, 'nope', { listKnown: true })).toThrow(
      'unknown programme "nope"; known: justrom3-mentoring, migrant-voices-heard, dones-mentores',
    );
    expect(() => findCohort(justrom3, 'nowhere')).toThrow(/^unknown cohort "nowhere" in justrom3-mentoring$/);
    expect(() => findCohort(justrom3, 'nowhere', { listKnown: true })).toThrow(
      'unknown cohort "nowhere" in justrom3-mentoring; known: iasi-2020, bucharest-2020',
    );
    expect(() => findCohort(shippedProgramme('dones-mentores', catalog), 'nowhere')).toThrow(UnknownCohortError);
  });
});
