/**
 * Simulated participants for the demo: realistic answers over HTTP, from a seeded generator so
 * every run tells the same story. Each participant has a latent level and gains a little from
 * each session (some more, a few lose ground); some skip items, some say "prefer not to say",
 * and some never come back for the post questionnaire. Months later, at a session's follow-up,
 * fewer answer again, and those who do have kept most of what they gained.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { ProgrammeDefinition as Programme } from '#surveys/schema.ts';
import { CONSENT_FIELD, answerField, groupField, thenField } from '#core/answers.ts';
import { PREFER_NOT_TO_SAY } from '#core/scoring.ts';
import type { WaveKind } from '#core/model.ts';
import { sessionWaves } from '#core/waves.ts';
import type { IssuedLink } from '#use-cases/create-links.ts';

/** A seeded pseudo-random generator (mulberry32): fine for simulation, never for codes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** What the simulation did for one cohort. */
export interface SimulationReport {
  readonly submitted: number;
  readonly skippedPost: number;
  /** Follow-up questionnaires answered, and not answered (lost to follow-up). */
  readonly followups: number;
  readonly skippedFollowup: number;
}

/** The share lost at a follow-up, months later: more than at the post wave, as in real programmes. */
const FOLLOWUP_LOSS = 0.25;
/** How much of the gain at the post wave is still there at the follow-up, on average. */
const FOLLOWUP_KEPT = 0.8;

/** How far along a participant is at a wave: the sessions done, and what is kept of them months later. */
function progressAt(sessionIndex: number, wave: WaveKind): number {
  if (wave === 'pre') return sessionIndex;
  return wave === 'post' ? sessionIndex + 1 : sessionIndex + FOLLOWUP_KEPT;
}

/** Answers every link of a cohort's participants over HTTP: pre, post, then any follow-up per session. */
export async function simulateCohort(
  baseUrl: string,
  programme: Programme,
  catalog: Catalog,
  links: readonly IssuedLink[],
  random: () => number,
  /** How much of the programme's effect its participants get: 1 in the programme, about 0 on a waiting list. */
  effect = 1,
): Promise<SimulationReport> {
  const byParticipant = new Map<string, IssuedLink[]>();
  for (const link of links) byParticipant.set(link.participant, [...(byParticipant.get(link.participant) ?? []), link]);
  let submitted = 0;
  let skippedPost = 0;
  let followups = 0;
  let skippedFollowup = 0;
  // Then-test answers draw from a generator of their own: the rest of the story stays as it was.
  const lookingBack = seededRandom(0x7e57);
  for (const participantLinks of byParticipant.values()) {
    const level = normal(random);
    const responsiveness = effect * (0.45 + 0.45 * normal(random));
    const groups = Object.fromEntries(
      programme.subgroups.map((subgroup) => [
        subgroup.id,
        pickGroup(
          subgroup.id,
          subgroup.options.map((option) => option.value),
          random,
        ),
      ]),
    );
    const language =
      programme.languages[Math.floor(random() * programme.languages.length)] ?? programme.defaultLanguage;
    let dropped = false;
    for (const [sessionIndex, session] of programme.sessions.entries()) {
      if (dropped) break;
      for (const wave of sessionWaves(session)) {
        const asked = session[wave];
        const link = participantLinks.find((candidate) => candidate.session === session.id && candidate.wave === wave);
        if (link === undefined || asked === undefined) continue;
        if (wave === 'pre' && random() < 0.05) continue;
        if (wave === 'post' && random() < 0.15) {
          skippedPost += 1;
          if (random() < 0.5) dropped = true;
          continue;
        }
        if (wave === 'followup' && random() < FOLLOWUP_LOSS) {
          skippedFollowup += 1;
          continue;
        }
        const latent = level + responsiveness * progressAt(sessionIndex, wave) * 0.6 + 0.3 * normal(random);
        const fields = new URLSearchParams({ lang: language, [CONSENT_FIELD]: programme.consent.version });
        for (const subgroupId of asked.subgroups) {
          const value = groups[subgroupId];
          if (value !== undefined) fields.set(groupField(subgroupId), value);
        }
        for (const instrumentId of asked.instruments) {
          const instrument = catalog.instruments.get(instrumentId);
          if (instrument === undefined) continue;
          instrument.items.forEach((item, index) => {
            if (random() < 0.03) return;
            if (item.sensitive && random() < 0.03) {
              fields.set(answerField(instrument.id, item.id), PREFER_NOT_TO_SAY);
              return;
            }
            const options = optionsOf(instrument, index);
            let chosen: string | undefined;
            if (instrument.kind === 'quiz') {
              const correct = options.find((option) => option.correct === true);
              const others = options.filter((option) => option.correct !== true);
              chosen =
                random() < sigmoid(latent - 0.3) ? correct?.value : others[Math.floor(random() * others.length)]?.value;
            } else {
              const sorted = [...options].sort((a, b) => a.score - b.score);
              const betterHigh = (instrument.direction === 'higher-better') !== item.reverse;
              const position = Math.min(
                sorted.length - 1,
                Math.floor(sigmoid(latent + 0.8 * normal(random)) * sorted.length),
              );
              chosen = sorted[betterHigh ? position : sorted.length - 1 - position]?.value;
            }
            if (chosen !== undefined) fields.set(answerField(instrument.id, item.id), chosen);
          });
        }
        if (wave === 'post') {
          const pre = level + responsiveness * sessionIndex * 0.6;
          answerThenTest(fields, session.post.then?.instruments ?? [], catalog, pre, lookingBack);
        }
        // A follow-up whose window has not opened yet (a cohort with real dates) waits for its months.
        if (!(await submit(baseUrl, link.code, language, fields, wave === 'followup'))) continue;
        submitted += 1;
        if (wave === 'followup') followups += 1;
      }
    }
  }
  return { submitted, skippedPost, followups, skippedFollowup };
}

/**
 * A post wave's then-test: each item answered again, looking back, from the participant's level
 * before the session less a little (response shift: having learnt what the questions mean, people
 * judge their past selves lower than they did at the time), a few items skipped.
 */
function answerThenTest(
  fields: URLSearchParams,
  instrumentIds: readonly string[],
  catalog: Catalog,
  before: number,
  random: () => number,
): void {
  const RESPONSE_SHIFT = 0.35;
  for (const instrumentId of instrumentIds) {
    const instrument = catalog.instruments.get(instrumentId);
    instrument?.items.forEach((item, index) => {
      if (random() < 0.03) return;
      const sorted = [...optionsOf(instrument, index)].sort((a, b) => a.score - b.score);
      const latent = before - RESPONSE_SHIFT + 0.3 * normal(random) + 0.8 * normal(random);
      const position = Math.min(sorted.length - 1, Math.floor(sigmoid(latent) * sorted.length));
      const betterHigh = (instrument.direction === 'higher-better') !== item.reverse;
      const chosen = sorted[betterHigh ? position : sorted.length - 1 - position]?.value;
      if (chosen !== undefined) fields.set(thenField(instrument.id, item.id), chosen);
    });
  }
}

/** Uneven subgroup shares, so some cells fall under k as they do in real cohorts. */
function pickGroup(subgroupId: string, values: readonly string[], random: () => number): string | undefined {
  const weights = subgroupId === 'role' ? [0.3, 0.7] : values.map((_, index) => 1 / (index + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let draw = random() * total;
  for (const [index, value] of values.entries()) {
    draw -= weights[index] ?? 0;
    if (draw <= 0) return value;
  }
  return values[values.length - 1];
}

/** Answers one link; false when it was not open and `mayWait` (a follow-up not yet due), which sends nothing. */
async function submit(
  baseUrl: string,
  code: string,
  language: string,
  fields: URLSearchParams,
  mayWait: boolean,
): Promise<boolean> {
  const url = `${baseUrl}/s/${code}`;
  const page = await fetch(`${url}?lang=${language}`);
  await page.text();
  if (page.status === 410 && mayWait) return false;
  if (page.status !== 200) throw new Error(`GET survey page answered ${page.status}`);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  if (response.status !== 303)
    throw new Error(`POST answers answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  await response.arrayBuffer();
  return true;
}
