/**
 * Synthetic cohorts for the benchmarks: realistic StoredResponse objects from a seeded PRNG, so
 * every run measures the same data. Each participant answers the pre and the post wave of a
 * session; answers follow a latent level per participant and instrument (post shifted by a
 * small, noisy improvement in the instrument's better direction), reverse-scored items are
 * answered consistently, about 2% of items are skipped and sensitive items sometimes get
 * "prefer not to say". Responses come in the order `listCohortResponses` returns them (the sort
 * key: participant, session, wave), as aggregation receives them in production.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Instrument, Programme, ResponseOption } from '#surveys/schema.ts';
import { PREFER_NOT_TO_SAY } from '#core/scoring.ts';
import type { StoredResponse, WaveKind } from '#core/model.ts';

/** The benchmarks' cohort: one session of dones-mentores, five instruments, 28 items a response. */
export const BENCH_PROGRAMME = 'dones-mentores';
export const BENCH_COHORT = 'barcelona-2026';
export const BENCH_SESSION = 'mentoring-cycle';

/**
 * The benchmark's programme as it runs: its definition with its seed cohorts (run-time data, as
 * the first `npm start` loads them), windows left open.
 */
export function benchProgramme(catalog: Catalog): Programme {
  const definition = catalog.programmes.get(BENCH_PROGRAMME);
  if (definition === undefined) throw new Error(`no programme ${BENCH_PROGRAMME}`);
  const seed = catalog.seeds.get(BENCH_PROGRAMME);
  return {
    ...definition,
    cohorts: (seed?.cohorts ?? []).map((cohort) => ({ ...cohort, windows: {}, status: 'open' as const })),
    funders: seed?.funders ?? [],
  };
}

/** A uniform number in [0, 1). */
export type Random = () => number;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128-bit state, seedable. */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let index = 0; index < 15; index += 1) next();
  return next;
}

/** What to generate: `responses` responses (half pre, half post) for one session of one cohort. */
export interface CohortSpec {
  readonly programme: Programme;
  readonly catalog: Catalog;
  readonly cohort: string;
  readonly session: string;
  readonly responses: number;
  readonly seed: number;
}

const SKIP_RATE = 0.02;
const PREFER_NOT_TO_SAY_RATE = 0.03;
const PARTICIPANT_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Per item: its id, and its options indexed by the item score they give (reversal applied). */
interface ItemPlan {
  readonly id: string;
  readonly sensitive: boolean;
  /** Options ordered from the lowest to the highest item score. */
  readonly byItemScore: readonly ResponseOption[];
}

interface InstrumentPlan {
  readonly id: string;
  readonly higherBetter: boolean;
  readonly quiz: boolean;
  readonly items: readonly ItemPlan[];
}

/** Generates the responses, `spec.responses / 2` participants with a pre and a post each. */
export function generateCohortResponses(spec: CohortSpec): StoredResponse[] {
  const random = createRandom(spec.seed);
  const plan = planCohort(spec);
  const participants = Math.floor(spec.responses / 2);
  const ids = participantIds(random, participants);
  const responses: StoredResponse[] = new Array<StoredResponse>(participants * 2);
  for (let index = 0; index < participants; index += 1) {
    const [post, pre] = participantResponses(spec, plan, ids[index] ?? '', random);
    // Sort key order: RESP#<participant>#<session>#post sorts before ...#pre.
    responses[2 * index] = post;
    responses[2 * index + 1] = pre;
  }
  return responses;
}

/**
 * The same kind of cohort as {@link generateCohortResponses}, made a page at a time (each page
 * `pageResponses` responses, as a DynamoDB Query page brings about 1 MB of them) so that no more
 * than one page is ever held: the way aggregation receives a cohort in production. Participant
 * ids are made in sort order as they go (a counting prefix, then random symbols), so nothing
 * is kept from one page to the next.
 */
export function* generateResponsePages(spec: CohortSpec, pageResponses: number): Generator<StoredResponse[]> {
  const random = createRandom(spec.seed);
  const plan = planCohort(spec);
  const participants = Math.floor(spec.responses / 2);
  let page: StoredResponse[] = [];
  for (let index = 0; index < participants; index += 1) {
    const [post, pre] = participantResponses(spec, plan, orderedParticipantId(random, index), random);
    page.push(post, pre);
    if (page.length >= pageResponses) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** What every participant of a cohort is asked: the session's instruments and subgroups. */
interface CohortPlan {
  readonly instruments: readonly InstrumentPlan[];
  readonly subgroups: readonly { readonly id: string; readonly sensitive: boolean; readonly values: string[] }[];
}

function planCohort(spec: CohortSpec): CohortPlan {
  const session = spec.programme.sessions.find((candidate) => candidate.id === spec.session);
  if (session === undefined) throw new Error(`no session ${spec.session} in ${spec.programme.id}`);
  return {
    instruments: session.pre.instruments.map((id) => planInstrument(spec.catalog, id)),
    subgroups: session.pre.subgroups.flatMap((id) => {
      const subgroup = spec.programme.subgroups.find((candidate) => candidate.id === id);
      return subgroup === undefined
        ? []
        : [{ id, sensitive: subgroup.sensitive, values: subgroup.options.map((option) => option.value) }];
    }),
  };
}

/** One participant's post and pre response, in that (sort key) order. */
function participantResponses(
  spec: CohortSpec,
  plan: CohortPlan,
  participant: string,
  random: Random,
): [StoredResponse, StoredResponse] {
  const preStart = Date.UTC(2026, 0, 12);
  const postStart = Date.UTC(2026, 5, 1);
  const spread = 50 * 86_400_000;
  const { instruments, subgroups } = plan;
  const levels = instruments.map(() => 0.2 + 0.6 * random());
  const gains = instruments.map(() => 0.06 + 0.12 * normal(random));
  const groups: Record<string, string> = {};
  for (const subgroup of subgroups) {
    const draw = random();
    if (draw < 0.04) continue;
    if (subgroup.sensitive && draw < 0.08) groups[subgroup.id] = PREFER_NOT_TO_SAY;
    else groups[subgroup.id] = subgroup.values[Math.floor(random() * subgroup.values.length)] ?? '';
  }
  const pre = makeResponse(
    spec,
    participant,
    'pre',
    instruments,
    levels,
    null,
    groups,
    preStart + Math.floor(random() * spread),
    random,
  );
  const post = makeResponse(
    spec,
    participant,
    'post',
    instruments,
    levels,
    gains,
    {},
    postStart + Math.floor(random() * spread),
    random,
  );
  return [post, pre];
}

function makeResponse(
  spec: CohortSpec,
  participant: string,
  wave: WaveKind,
  instruments: readonly InstrumentPlan[],
  levels: readonly number[],
  gains: readonly number[] | null,
  groups: Record<string, string>,
  receivedAt: number,
  random: Random,
): StoredResponse {
  const answers: Record<string, Record<string, string>> = {};
  for (let instrumentIndex = 0; instrumentIndex < instruments.length; instrumentIndex += 1) {
    const instrument = instruments[instrumentIndex];
    if (instrument === undefined) continue;
    const gain = gains === null ? 0 : (gains[instrumentIndex] ?? 0);
    const level = (levels[instrumentIndex] ?? 0.5) + (instrument.higherBetter ? gain : -gain);
    const chosen: Record<string, string> = {};
    for (const item of instrument.items) {
      // One draw decides skip and "prefer not to say"; rescaled, what is left of it is a fresh
      // uniform that, with a second draw, gives a triangular noise (cheaper than a normal one).
      let draw = random();
      if (draw < SKIP_RATE) continue;
      draw = (draw - SKIP_RATE) / (1 - SKIP_RATE);
      if (item.sensitive) {
        if (draw < PREFER_NOT_TO_SAY_RATE) {
          chosen[item.id] = PREFER_NOT_TO_SAY;
          continue;
        }
        draw = (draw - PREFER_NOT_TO_SAY_RATE) / (1 - PREFER_NOT_TO_SAY_RATE);
      }
      const position = Math.min(0.999, Math.max(0, level + 0.35 * (draw + random() - 1)));
      const option = instrument.quiz
        ? item.byItemScore[position > random() ? 1 : 0]
        : item.byItemScore[Math.floor(position * item.byItemScore.length)];
      if (option !== undefined) chosen[item.id] = option.value;
    }
    answers[instrument.id] = chosen;
  }
  return {
    programme: spec.programme.id,
    cohort: spec.cohort,
    participant,
    session: spec.session,
    wave,
    answers,
    groups,
    language: spec.programme.defaultLanguage,
    consentVersion: spec.programme.consent.version,
    receipt: symbols(random, RECEIPT_ALPHABET, '', 10),
    receivedAt: new Date(receivedAt).toISOString(),
    expiresAt: Math.floor(receivedAt / 1000) + spec.programme.retentionDays * 86_400,
  };
}

function planInstrument(catalog: Catalog, id: string): InstrumentPlan {
  const instrument: Instrument | undefined = catalog.instruments.get(id);
  if (instrument === undefined) throw new Error(`no instrument ${id}`);
  const quiz = instrument.scoring.rule === 'percent-correct';
  return {
    id,
    quiz,
    higherBetter: instrument.direction === 'higher-better',
    items: instrument.items.map((item, index) => {
      const options = optionsOf(instrument, index);
      // A quiz item: a wrong option, then the right one; a scale item: options by item score.
      const byItemScore = quiz
        ? [options.find((option) => option.correct !== true), options.find((option) => option.correct === true)].filter(
            (option): option is ResponseOption => option !== undefined,
          )
        : [...options].sort((a, b) => (item.reverse ? b.score - a.score : a.score - b.score));
      return { id: item.id, sensitive: item.sensitive, byItemScore };
    }),
  };
}

/** Pseudonymous ids shaped like `generateParticipantId`'s (`p-` and 12 base32 symbols), sorted. */
function participantIds(random: Random, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(symbols(random, PARTICIPANT_ALPHABET, 'p-', 12));
  return [...ids].sort();
}

/**
 * A participant id shaped like `generateParticipantId`'s, in sort order by `index`: six symbols
 * counting (up to 2^30 participants), six random ones.
 */
function orderedParticipantId(random: Random, index: number): string {
  const codes = new Array<number>(14);
  codes[0] = 0x70; // p
  codes[1] = 0x2d; // -
  for (let at = 0; at < 6; at += 1)
    codes[2 + at] = PARTICIPANT_ALPHABET.charCodeAt(Math.floor(index / 32 ** (5 - at)) % 32);
  for (let at = 0; at < 6; at += 1)
    codes[8 + at] = PARTICIPANT_ALPHABET.charCodeAt(Math.floor(random() * PARTICIPANT_ALPHABET.length));
  return String.fromCharCode(...codes);
}

/** A flat string (not a concatenation rope, which would inflate the data's memory). */
function symbols(random: Random, alphabet: string, prefix: string, count: number): string {
  const codes = new Array<number>(prefix.length + count);
  for (let index = 0; index < prefix.length; index += 1) codes[index] = prefix.charCodeAt(index);
  for (let index = 0; index < count; index += 1)
    codes[prefix.length + index] = alphabet.charCodeAt(Math.floor(random() * alphabet.length));
  return String.fromCharCode(...codes);
}

/** A standard normal draw (Box-Muller). */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
