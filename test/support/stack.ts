/**
 * Test helpers: a local stack on the embedded DynamoDB (in memory, its own temp folder), and a
 * form body that answers a wave from its definition.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import { CONSENT_FIELD, answerField } from '#core/answers.ts';
import type { WaveKind } from '#core/model.ts';
import { resolveWave, type WaveContext } from '#core/waves.ts';
import { loadOneCohort, type ProgrammeDeps } from '#use-cases/programmes.ts';
import { startLocalStack, type LocalStack } from '#local/stack.ts';
import { startLocalServer, type LocalServer } from '#local/server.ts';
import { storesOn, type Deps } from '#adapters/deps.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A started stack and a way to stop it and remove its folder. Its table has the seed cohorts and
 * funders (`surveys/seed/`, every wave open from today), as a first `npm start` has, unless
 * `seed` is false (a test of the seeding itself).
 */
export async function startTestStack(
  options: { readonly seed?: boolean } = {},
): Promise<LocalStack & { stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'prepost-test-'));
  const stack = await startLocalStack({
    dataDir,
    inMemory: true,
    tableName: `prepost-test-${process.pid}`,
    summariesDir: join(dataDir, 'summaries'),
    ...(options.seed === false ? { seed: false } : {}),
  });
  return {
    ...stack,
    stop: async () => {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The stack's deps with every store on another client of the same table: one whose requests a
 * test holds, throttles or fails at the SDK's middleware.
 */
export function depsThrough(stack: LocalStack, client: DynamoDBDocumentClient): Deps {
  return { ...stack.deps, ...storesOn(new DynamoTable(client, stack.environment.tableName)) };
}

/**
 * The wave a link of a stored cohort opens, resolved as the survey handler resolves it (the
 * cohort as it is in the table now, windows and status included).
 */
export async function storedWave(
  deps: ProgrammeDeps,
  programmeId: string,
  cohortId: string,
  sessionId: string,
  wave: WaveKind,
): Promise<WaveContext> {
  const { definition, cohort } = await loadOneCohort(deps, programmeId, cohortId);
  const context = resolveWave(definition, cohort, sessionId, wave);
  if (context === undefined) throw new Error(`no wave ${sessionId}:${wave} in ${programmeId}/${cohortId}`);
  return context;
}

/** Fields answering every item of a wave with the option at `pick` (0 = first), with consent. */
export function answerAll(context: WaveContext, catalog: Catalog, pick = 0): URLSearchParams {
  const fields = new URLSearchParams({ [CONSENT_FIELD]: context.programme.consent.version });
  for (const instrumentId of context.wave.instruments) {
    const instrument = catalog.instruments.get(instrumentId);
    if (instrument === undefined) throw new Error(`no instrument ${instrumentId}`);
    instrument.items.forEach((item, index) => {
      const options = optionsOf(instrument, index);
      const option = options[Math.min(pick, options.length - 1)];
      if (option !== undefined) fields.set(answerField(instrumentId, item.id), option.value);
    });
  }
  return fields;
}

/**
 * A second local server over the survey routes whose handlers use `deps` (a store on a client
 * that fails on purpose at the SDK middleware, another catalogue): the deployed handler
 * modules' factories, as the Lambdas build them. Import after a stack has set the environment.
 */
export async function startSurveyServer(deps: Deps): Promise<LocalServer> {
  const { makeGetSurveyHandler } = await import('#handlers/get-survey.ts');
  const { makeSubmitSurveyHandler } = await import('#handlers/submit-survey.ts');
  return startLocalServer(
    {
      routes: new Map([
        ['get-survey', makeGetSurveyHandler(deps)],
        ['submit-survey', makeSubmitSurveyHandler(deps)],
      ]),
    },
    '127.0.0.1',
    0,
  );
}
