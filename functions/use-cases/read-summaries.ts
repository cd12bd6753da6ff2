/**
 * Reading back the summaries published for a programme, as they were published: what a funder
 * with an account sees. The reader's grant on the programme is the caller's to check (the
 * handler, through the staff session) before either function runs.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { ProgrammeDefinition } from '#surveys/schema.ts';
import { SUMMARY_FILES, SUMMARY_PERIOD, type PublishedFile, type SummaryArchive } from '#ports/publishing.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { SummaryNotPublishedError } from '#core/errors.ts';

export interface ReadSummariesDeps {
  readonly catalog: Catalog;
  /** Where the summaries were published: the bucket in AWS, the folder `prepost summaries` writes locally. */
  readonly summaries: SummaryArchive;
}

/** A programme and the months published for it. */
export interface PublishedPeriods {
  readonly programme: ProgrammeDefinition;
  /** Newest first. */
  readonly periods: readonly string[];
}

/**
 * The months published for the programme, newest first.
 * @throws UnknownProgrammeError when the catalogue has no such programme
 */
export async function publishedPeriods(deps: ReadSummariesDeps, programmeId: string): Promise<PublishedPeriods> {
  const programme = findProgramme(deps.catalog, programmeId);
  const periods = await deps.summaries.periods(programme.id);
  // YYYY-MM sorts as text in time order.
  return {
    programme,
    periods: periods
      .filter((period) => SUMMARY_PERIOD.test(period))
      .sort()
      .reverse(),
  };
}

/**
 * One published file of a programme's month, as it was published. Only the names a summary is
 * published as are ever looked up; anything else, or nothing published by that name, is
 * {@link SummaryNotPublishedError}.
 * @throws UnknownProgrammeError when the catalogue has no such programme
 */
export async function publishedFile(
  deps: ReadSummariesDeps,
  programmeId: string,
  period: string,
  name: string,
): Promise<PublishedFile> {
  const programme = findProgramme(deps.catalog, programmeId);
  const known = Object.values(SUMMARY_FILES).find((file) => file.name === name);
  const file =
    known === undefined || !SUMMARY_PERIOD.test(period)
      ? undefined
      : await deps.summaries.file(programme.id, period, known.name);
  if (file === undefined) throw new SummaryNotPublishedError(programme.id, period, name);
  return file;
}
