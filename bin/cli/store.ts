/**
 * The store a command works on: the DynamoDB `DYNAMODB_ENDPOINT` names, else the running
 * `npm start`, else the embedded one in `.data/`.
 */
import type { Deps } from '#adapters/deps.ts';
import type { LocalEnvironment } from '#local/environment.ts';
import { openLocalStore } from '#local/stack.ts';
import { shippedCatalog } from '#surveys/index.ts';

/**
 * Opens the store, after loading the catalogue: a broken survey definition stops the command
 * before any DynamoDB is started, created or written to.
 */
export async function openStore(): Promise<{ deps: Deps; environment: LocalEnvironment }> {
  shippedCatalog();
  return openLocalStore();
}
