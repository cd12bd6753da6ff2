/** `prepost erase`: a participant's every stored trace erased on their request, and the indicators recomputed. */
import { aggregate } from '#use-cases/aggregate.ts';
import { participantByNumber } from '#use-cases/cohort-progress.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { cliActor } from '../cli/actor.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { InputError, UsageError } from '../cli/errors.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'erase every stored trace of a participant, and recompute';

/** `prepost erase --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- erase --programme P --cohort C --participant ID
       npm run prepost -- erase --programme P --cohort C --batch B --number N

Erases, on the participant's request, every stored trace of them: their answers to every
wave, their links (which then stop working) and the participant record; then recomputes
the cohort's and the programme's indicators without them. Participants can also do this
themselves through any of their links ("Withdraw and delete my answers"). An id with nothing
stored changes nothing (exit 2); running it again finishes a withdrawal that was cut short.

  --programme P     programme id
  --cohort C        cohort id
  --participant ID  the pseudonymous id from the links CSV of \`prepost links\`
  --batch B         or: the batch (as the console and \`prepost pending\` number them)
  --number N        and the participant's number in it (on their cards): what a coordinator
                    knows without ever holding anyone's id`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  participant: { type: 'string' },
  batch: { type: 'string' },
  number: { type: 'string' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Erases, then aggregates the programme so no stored table keeps the person. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const byNumber = values.batch !== undefined || values.number !== undefined;
  if (byNumber && values.participant !== undefined)
    throw new UsageError('name the participant by --participant, or by --batch and --number, not both');
  const position = byNumber
    ? {
        batch: wholeNumber(required(values.batch, '--batch'), '--batch'),
        number: wholeNumber(required(values.number, '--number'), '--number'),
      }
    : undefined;
  const given = position === undefined ? required(values.participant, '--participant') : undefined;
  const { deps, environment } = await openLocalStore();
  try {
    const participant =
      given ?? (await participantByNumber(deps, programme, cohort, position?.batch ?? 0, position?.number ?? 0));
    if (participant === undefined)
      throw new InputError(
        `no participant ${position?.number} in batch ${position?.batch} of ${programme} / ${cohort} ` +
          '(already erased?); nothing was changed',
      );
    // Named as it was given: a coordinator who gave a number is never shown the id.
    const who = position === undefined ? participant : `participant ${position.number} of batch ${position.batch}`;
    const erased = await eraseParticipant(deps, cliActor(), programme, cohort, participant);
    if (!erased.found)
      throw new InputError(
        `no ${position === undefined ? `participant "${participant}"` : who} in ${programme} / ${cohort} ` +
          '(already erased?); nothing was changed',
      );
    await aggregate(deps, { programme });
    console.log(`erased ${who}: ${erased.responses} responses, ${erased.links} links; ${programme} recomputed`);
  } finally {
    await environment.close();
  }
}

/** A batch or participant number: a whole number from 1. */
function wholeNumber(text: string, option: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${option} must be a whole number from 1, not "${text}"`);
  return Number(text);
}
