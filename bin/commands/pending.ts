/** `prepost pending`: who in a cohort has not answered each wave yet, by batch and participant number. */
import { waveId } from '#core/waves.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { openLocalStore } from '#local/stack.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { readCohortProgress, type CohortProgress } from '#use-cases/cohort-progress.ts';
import { englishText, waveLabel, waveState } from '../cli/cohort-labels.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { plural } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = 'who has not answered each wave of a cohort yet, by participant number';

/** `prepost pending --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- pending --programme P --cohort C [--json]

For each wave of cohort C (each session's pre and post, and its follow-up where it has
one), how many of its participants answered ("1 of 12 answered"), whether the wave is
open, and, batch by batch, the numbers of those who have not: the number printed on their
card and beside their message
(\`prepost links\` numbers each batch 1 to N), so they can be reminded:

  Mentoring cycle · At the start (mentoring-cycle:pre, open until 2027-01-02): 1 of 12 answered
    batch 1 (2026-12-03, es): 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12

Numbers only: never a participant's id, never an answer.

  --programme P   programme id (see \`prepost programmes\`)
  --cohort C      cohort id (see \`prepost cohorts list\`)
  --json          the same as one JSON object`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Reads the cohort's roll (one Query: batches, numbers, waves answered) and prints who is pending. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const programme = findProgramme(shippedCatalog(), required(values.programme, '--programme'), { listKnown: true });
  const cohortId = required(values.cohort, '--cohort');
  const { deps, environment } = await openLocalStore();
  try {
    const progress = await readCohortProgress(deps, programme.id, cohortId);
    const today = deps.clock.now().toISOString().slice(0, 10);
    console.log(
      values.json === true ? JSON.stringify(pendingJson(progress, today), null, 2) : pendingText(progress, today),
    );
  } finally {
    await environment.close();
  }
}

function pendingText(progress: CohortProgress, today: string): string {
  const { programme, cohort } = progress;
  const heading = `${cohort.name} (${cohort.id}), ${englishText(programme.name, programme.id)}, ${cohort.status}`;
  if (progress.participants === 0)
    return (
      `${heading}: no participants yet; make some with npm run -s prepost -- links --programme ${programme.id} ` +
      `--cohort ${cohort.id} --count N --out links.csv`
    );
  const batches = new Map(progress.batches.map((batch) => [batch.number, batch]));
  const lines = [
    `${heading}: ${plural(progress.participants, 'participant')} in ${plural(progress.batches.length, 'batch')}` +
      (progress.lastAnswer === undefined ? ', no answer yet' : `, last answer ${progress.lastAnswer.slice(0, 10)}`),
  ];
  for (const wave of progress.waves) {
    const id = waveId(wave.session.id, wave.wave);
    const state = waveState(cohort, wave.session, wave.wave, today);
    lines.push(
      `${waveLabel(wave.session, wave.wave)} (${id}, ${state}): ${wave.answered} of ${wave.participants} answered`,
    );
    for (const { batch, numbers } of wave.pending) {
      const made = batches.get(batch);
      const about = made === undefined ? '' : ` (${made.createdAt.slice(0, 10)}, ${made.language})`;
      lines.push(`  batch ${batch}${about}: ${numbers.join(', ')}`);
    }
  }
  if (progress.unnumbered > 0)
    lines.push(
      `(${plural(progress.unnumbered, 'participant')} made before batches were kept: counted above, ` +
        'but with no number to list)',
    );
  return lines.join('\n');
}

/** The same as JSON: counts, batches and participant numbers, nothing that names or identifies anyone. */
function pendingJson(progress: CohortProgress, today: string): unknown {
  const { programme, cohort } = progress;
  return {
    programme: programme.id,
    cohort: cohort.id,
    name: cohort.name,
    status: cohort.status,
    participants: progress.participants,
    lastAnswer: progress.lastAnswer ?? null,
    batches: progress.batches,
    waves: progress.waves.map((wave) => ({
      wave: waveId(wave.session.id, wave.wave),
      name: waveLabel(wave.session, wave.wave),
      window: cohort.windows[waveId(wave.session.id, wave.wave)] ?? null,
      state: waveState(cohort, wave.session, wave.wave, today),
      answered: wave.answered,
      participants: wave.participants,
      pending: wave.pending,
    })),
  };
}
