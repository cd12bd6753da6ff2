/**
 * The links `npm start` prints: a couple of demo participants per programme, created once and
 * remembered in `.data/demo-links.json` (codes are never stored in the table, only their
 * hashes, so the local stack keeps its own handout sheet as a coordinator would).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashCode } from '#shared/codes.ts';
import type { Deps } from '#adapters/deps.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { loadProgrammes } from '#use-cases/programmes.ts';

/** A demo link with where it belongs. */
export interface DemoLink extends IssuedLink {
  readonly programme: string;
  readonly cohort: string;
}

/** Demo participants per programme (first cohort). */
const PER_PROGRAMME = 2;

/** The remembered demo links if they still resolve in this DynamoDB, else new ones. */
export async function ensureDemoLinks(deps: Deps, dataDir: string): Promise<DemoLink[]> {
  const file = join(dataDir, 'demo-links.json');
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as DemoLink[];
    const first = saved[0];
    if (
      first !== undefined &&
      (await deps.participants.findLink(hashCode(first.code, await deps.linkKey())))?.status === 'active'
    )
      return saved;
  }
  const links: DemoLink[] = [];
  for (const programme of await loadProgrammes(deps)) {
    const cohort = programme.cohorts.find((candidate) => candidate.status === 'open');
    if (cohort === undefined) continue;
    for (const link of (await createLinks(deps, SYSTEM_ACTOR, programme.id, cohort.id, PER_PROGRAMME)).links)
      links.push({ ...link, programme: programme.id, cohort: cohort.id });
  }
  await writeFile(file, `${JSON.stringify(links, null, 2)}\n`, { mode: 0o600 });
  return links;
}
