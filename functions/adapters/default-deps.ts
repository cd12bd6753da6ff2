/**
 * The production wiring, created once per container at module load: the document client, the
 * store on the table `TABLE_NAME` names, the system clock and the link key loader. Handlers
 * export `makeXHandler(defaultDeps())`; tests pass their own.
 */
import { shippedCatalog } from '#surveys/index.ts';
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock } from '#ports/store.ts';
import { requireEnv } from '#shared/env.ts';
import { createDocumentClient } from './dynamo-client.ts';
import { DynamoStore } from './dynamo-store.ts';
import { loadLinkKey } from './link-key.ts';

/** Everything a handler may need; each storage port is the one DynamoDB store. */
export interface Deps {
  readonly store: DynamoStore;
  readonly participants: DynamoStore;
  readonly responses: DynamoStore;
  readonly indicators: DynamoStore;
  readonly tokens: DynamoStore;
  readonly publications: DynamoStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly linkKey: () => Promise<Buffer>;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

let deps: Deps | undefined;

/** The process-wide dependencies, built on first use from the environment. */
export function defaultDeps(): Deps {
  deps ??= depsFor(new DynamoStore(createDocumentClient(), requireEnv('TABLE_NAME')));
  return deps;
}

/** The dependencies around a given store (local stack, tests). */
export function depsFor(store: DynamoStore, clock: Clock = systemClock): Deps {
  return {
    store,
    participants: store,
    responses: store,
    indicators: store,
    tokens: store,
    publications: store,
    catalog: shippedCatalog(),
    clock,
    linkKey: loadLinkKey,
  };
}
