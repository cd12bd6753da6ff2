/**
 * `prepost export` writes what `prepost import` reads: a cohort's stored responses come back
 * unchanged through the import parser, so an export is also a backup and a transfer format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLinks } from '#use-cases/create-links.ts';
import { changeCohort } from '#use-cases/manage-cohorts.ts';
import { exportResponses } from '#use-cases/export-responses.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { readImportCsv } from '#core/import-csv.ts';
import { parseCsv } from '#core/csv.ts';
import { simulateCohort, seededRandom } from '#local/simulation.ts';
import { startTestStack } from '../support/stack.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'girona-2026';
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
  // The follow-up, due six months after the seed windows, opens today: its answers are exported too.
  const today = stack.deps.clock.now().toISOString().slice(0, 10);
  const closes = (await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort.windows['mentoring-cycle:post']
    ?.closes;
  await changeCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, {
    windows: { 'mentoring-cycle:followup': { opens: today, closes: closes ?? today } },
  });
  const batch = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 8);
  await simulateCohort(stack.url, batch.programme, stack.deps.catalog, batch.links, seededRandom(5));
});

afterAll(async () => {
  await stack.stop();
});

describe('export', () => {
  it('writes every response in the import columns, and they read back to the stored answers', async () => {
    const stored = await stack.deps.responses.listCohortResponses(PROGRAMME, COHORT);
    expect(stored.length).toBeGreaterThan(5);
    const { csv, rows } = await exportResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT);
    expect(rows).toBe(stored.length);
    expect(parseCsv(csv)[0]?.slice(0, 5)).toEqual(['participant', 'session', 'wave', 'consent', 'language']);
    const read = readImportCsv(csv, await loadProgramme(stack.deps, PROGRAMME), COHORT, stack.deps.catalog);
    expect(read.problems).toEqual([]);
    // Each wave's rows, follow-ups among them, named in the wave column as import reads them.
    const waves = new Set(
      parseCsv(csv)
        .slice(1)
        .map((row) => row[2]),
    );
    expect([...waves].sort()).toEqual(['followup', 'post', 'pre']);
    for (const response of stored) {
      const row = read.rows.find(
        (candidate) =>
          candidate.response?.participant === response.participant && candidate.response.wave === response.wave,
      )?.response;
      expect(row?.answers.answers).toEqual(response.answers);
      expect(row?.answers.groups).toEqual(response.groups);
      expect(row?.language).toBe(response.language);
    }
  });
});
