/** `prepost erase`: a participant's every stored trace erased on their request, and the indicators recomputed. */
import { aggregate } from '#use-cases/aggregate.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { cliActor } from '../cli/actor.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { InputError } from '../cli/errors.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'erase every stored trace of a participant, and recompute';

/** `prepost erase --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- erase --programme P --cohort C --participant ID

Erases, on the participant's request, every stored trace of them: their answers to every
wave, their links (which then stop working) and the participant record; then recomputes
the cohort's and the programme's indicators without them. Participants can also do this
themselves through any of their links ("Withdraw and delete my answers"). An id with nothing
stored changes nothing (exit 2); running it again finishes a withdrawal that was cut short.

  --programme P     programme id
  --cohort C        cohort id
  --participant ID  the pseudonymous id from the links CSV`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  participant: { type: 'string' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Erases, then aggregates the programme so no stored table keeps the person. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const participant = required(values.participant, '--participant');
  const { deps, environment } = await openLocalStore();
  try {
    const erased = await eraseParticipant(deps, cliActor(), programme, cohort, participant);
    if (!erased.found)
      throw new InputError(
        `no participant "${participant}" in ${programme} / ${cohort} (already erased?); nothing was changed`,
      );
    await aggregate(deps, { programme });
    console.log(`erased ${participant}: ${erased.responses} responses, ${erased.links} links; ${programme} recomputed`);
  } finally {
    await environment.close();
  }
}
