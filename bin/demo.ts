/**
 * `npm run demo -- [--out DIR]`: the whole pipeline headless for the seed programmes. Starts the
 * local stack on a free port (its own in-memory DynamoDB, or the table `prepost-demo` in the
 * DynamoDB `DYNAMODB_ENDPOINT` names, recreated each run), creates the seed programmes' cohorts
 * and funders as a coordinator would (the console's use cases), then their links, has
 * simulated participants answer pre and post (and Dones Mentores' six-month follow-up) over
 * HTTP, aggregates, writes the summaries and funder emails into DIR, and prints a short table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { LOCAL_SENDER } from '#local/server.ts';
import { LOCAL_SUMMARIES_DIR, startLocalStack } from '#local/stack.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { ProgrammeDefinition } from '#surveys/schema.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { addCohort, addFunder } from '#use-cases/manage-cohorts.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { publishSummary } from '#use-cases/publish-summaries.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { cliActor } from './cli/actor.ts';

const USAGE = `Usage: npm run demo -- [--out DIR] [--seed N]

Runs the whole pipeline for the three seed programmes and writes summaries
(JSON, CSV, HTML) and funder emails (.eml) into DIR (default out/).`;

/** Participants per cohort: uneven on purpose, so some cells fall under k. */
/**
 * A waiting list for Dones Mentores, the demo's comparison cohort: women who will start mentoring
 * later and answer the same questionnaires meanwhile, so the programme's change is set against
 * change without it (issue 14). Demo data only: the seed cohorts are the programme's own.
 */
const WAITING_LIST = {
  programme: 'dones-mentores',
  id: 'barcelona-waiting-2026',
  name: "Llista d'espera Barcelona 2026",
  site: 'Barcelona',
} as const;
/** How much of a programme's effect a waiting list's simulated participants get (time and retesting alone). */
const WAITING_LIST_EFFECT = 0.15;

const COHORT_SIZES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'justrom3-mentoring': { 'iasi-2020': 20, 'bucharest-2020': 14 },
  'migrant-voices-heard': { 'cluj-2021': 18 },
  'dones-mentores': { 'barcelona-2026': 26, 'girona-2026': 12, [WAITING_LIST.id]: 16 },
};
const DEFAULT_SIZE = 10;
export const DEMO_TABLE = 'prepost-demo';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: LOCAL_SUMMARIES_DIR },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const out = resolve(values.out);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  // The demo's own table records its links and summaries as made by whoever ran it.
  const actor = cliActor();
  // A broken survey definition stops the demo before it deletes or creates any table.
  shippedCatalog();
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external !== undefined && external !== '') {
    // The demo owns this table and starts it afresh; it never touches the main table.
    try {
      await createDocumentClient(external).send(new DeleteTableCommand({ TableName: DEMO_TABLE }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'prepost-demo-'));
  // No seed: the demo makes its cohorts itself, below, the way a coordinator does.
  const stack = await startLocalStack({ dataDir, inMemory: true, tableName: DEMO_TABLE, seed: false });
  try {
    console.log(
      `demo: local stack at ${stack.url}, DynamoDB ` +
        `${stack.environment.source === 'embedded' ? 'embedded (in memory)' : stack.environment.endpoint}, table ` +
        `${DEMO_TABLE}`,
    );
    const random = seededRandom(seed);
    // Two rounds, so the summaries of two successive months differ as a growing cohort does: half of
    // each cohort answer before the first summary, the rest before the second (a cell that grew by
    // fewer than k carries its first-month figures forward).
    const cohorts: {
      programme: ProgrammeDefinition;
      cohort: string;
      size: number;
      effect: number;
      later: IssuedLink[];
      submitted: number;
      /** Follow-ups answered and lost so far (a programme without follow-ups has none). */
      followups: number;
      skippedFollowup: number;
    }[] = [];
    // The seed cohorts and funders, made through the console's use cases, every wave open from
    // last month to next, follow-ups too (the simulated answers, even those "months later", arrive today).
    const today = stack.deps.clock.now();
    const day = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    for (const seed of stack.deps.catalog.seeds.values()) {
      const definition = stack.deps.catalog.programmes.get(seed.programme);
      if (definition === undefined) continue;
      const windows = Object.fromEntries(
        waveIdsOf(definition).map((wave) => [wave, { opens: day(-31), closes: day(31) }]),
      );
      for (const cohort of seed.cohorts) await addCohort(stack.deps, actor, seed.programme, { ...cohort, windows });
      if (seed.programme === WAITING_LIST.programme) {
        const { programme: _programme, ...waiting } = WAITING_LIST;
        await addCohort(stack.deps, actor, seed.programme, { ...waiting, windows, comparison: true });
      }
      for (const funder of seed.funders) await addFunder(stack.deps, actor, seed.programme, funder);
    }
    for (const definition of stack.deps.catalog.programmes.values()) {
      const programme = await loadProgramme(stack.deps, definition.id);
      for (const cohort of programme.cohorts) {
        const size = COHORT_SIZES[programme.id]?.[cohort.id] ?? DEFAULT_SIZE;
        const { links } = await createLinks(stack.deps, actor, programme.id, cohort.id, size);
        const participants = [...new Set(links.map((link) => link.participant))];
        const early = new Set(participants.slice(0, Math.ceil(participants.length * 0.5)));
        const effect = cohort.comparison ? WAITING_LIST_EFFECT : 1;
        const report = await simulateCohort(
          stack.url,
          programme,
          stack.deps.catalog,
          links.filter((link) => early.has(link.participant)),
          random,
          effect,
        );
        cohorts.push({
          programme,
          cohort: cohort.id,
          size,
          effect,
          later: links.filter((link) => !early.has(link.participant)),
          submitted: report.submitted,
          followups: report.followups,
          skippedFollowup: report.skippedFollowup,
        });
      }
    }
    const now = stack.deps.clock.now();
    const periods = [
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7),
      now.toISOString().slice(0, 7),
    ];
    const publishDeps = {
      ...stack.deps,
      publisher: new DirectoryPublisher(out),
      mailer: new OutboxMailer(out, stack.deps.clock),
      sender: LOCAL_SENDER,
      summaryRenderer: summaryRenderer(stack.deps.catalog),
    };
    for (const [round, period] of periods.entries()) {
      if (round === 1) {
        for (const entry of cohorts) {
          const report = await simulateCohort(
            stack.url,
            entry.programme,
            stack.deps.catalog,
            entry.later,
            random,
            entry.effect,
          );
          entry.submitted += report.submitted;
          entry.followups += report.followups;
          entry.skippedFollowup += report.skippedFollowup;
        }
      }
      await aggregate(stack.deps);
      console.log('');
      console.log(
        `summary ${period}${round === 0 ? ' (half of each cohort have answered)' : ' (everyone has answered)'}`,
      );
      console.log(
        [
          'programme',
          'cohort',
          'participants',
          'responses',
          'completers (1st table)',
          'mean change (1st table)',
          'cells updated / carried',
          'hidden: fewer than k / differencing / secondary',
          'follow-ups answered / lost',
        ].join(' | '),
      );
      for (const programme of stack.deps.catalog.programmes.values()) {
        const report = await publishSummary(publishDeps, actor, programme.id, period);
        for (const entry of cohorts.filter((candidate) => candidate.programme.id === programme.id)) {
          const cells = report.summary.rows.filter((cell) => cell.cohort === entry.cohort);
          const first = cells.find((cell) => cell.group === null);
          const change = first?.indicators?.mean_change;
          const count = (reason: string): number => cells.filter((cell) => cell.suppression?.reason === reason).length;
          console.log(
            [
              programme.id,
              entry.cohort,
              String(entry.size),
              String(entry.submitted),
              first?.suppressed === true ? `hidden (${first.suppression?.reason ?? ''})` : String(first?.n_paired ?? 0),
              change === null || change === undefined
                ? '–'
                : `${change >= 0 ? '+' : ''}${change.toFixed(2)} (${first?.instrument ?? ''})`,
              `${cells.filter((cell) => !cell.suppressed && cell.as_of === undefined).length} / ` +
                `${cells.filter((cell) => cell.as_of !== undefined).length}`,
              `${count('fewer-than-k')} / ${count('differencing')} / ${count('secondary')}`,
              entry.programme.sessions.some((session) => session.followup !== undefined)
                ? `${entry.followups} / ${entry.skippedFollowup}`
                : '–',
            ].join(' | '),
          );
        }
        // The programme-wide headline's figure: the pool's first measure.
        const pool = report.summary.rows.find((cell) => cell.cohort === null && cell.group === null);
        const poolChange = pool?.indicators?.mean_change;
        console.log(
          [
            programme.id,
            'programme-wide',
            '',
            '',
            pool === undefined || pool.suppressed ? 'hidden' : String(pool.n_paired ?? 0),
            poolChange === null || poolChange === undefined
              ? '–'
              : `${poolChange >= 0 ? '+' : ''}${poolChange.toFixed(2)} (${pool?.instrument ?? ''})` +
                (pool?.as_of === undefined ? '' : `, from ${pool.as_of}`),
            '',
            '',
            '',
          ].join(' | '),
        );
      }
    }
    console.log('');
    console.log(`summaries: ${out}/<programme>/<${periods.join('|')}>/summary.{json,csv,html}`);
    console.log(`funder emails: ${join(out, 'outbox')}/*.eml`);
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
