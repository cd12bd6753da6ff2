/** `prepost aggregate`: the stored indicators recomputed, as the hourly schedule does. */
import { aggregate } from '#use-cases/aggregate.ts';
import type { OptionValues } from '../cli/command.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'recompute the stored indicators of every cohort';

/** `prepost aggregate --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- aggregate [--programme P] [--full]

Scores every response, pairs pre with post per participant and stores the indicators
per cohort, session, instrument and subgroup, and pooled per programme (what the
dashboard and API show). Only cohorts with responses or withdrawals since the last run are
recomputed.

  --programme P   only this programme
  --full          recompute every cohort`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = { programme: { type: 'string' }, full: { type: 'boolean' } } as const;

/** It takes options only. */
export const allowPositionals = false;

/** Aggregates and prints one line per cohort and pool. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const report = await aggregate(deps, {
      ...(values.programme === undefined ? {} : { programme: values.programme }),
      full: values.full === true,
    });
    for (const cohort of report.cohorts) {
      const name = `${cohort.programme} / ${cohort.cohort ?? 'all cohorts (pooled)'}`;
      console.log(
        cohort.recomputed
          ? `${name}: ${cohort.responses} responses, ${cohort.rows} indicator rows`
          : `${name}: unchanged (${cohort.responses} responses)`,
      );
    }
  } finally {
    await environment.close();
  }
}
