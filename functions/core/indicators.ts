/**
 * Impact indicators: score every response, pair pre with post per participant, and summarise
 * per cohort x session x instrument, overall and per subgroup value, plus a programme-wide pool
 * (each participant's first pre to last post).
 *
 * Built for a million responses: one pass scores the responses into typed columns (one score
 * per participant, NaN when missing), then each table's cells are accumulated in a few passes
 * over the columns, every subgroup cell at once. The statistics are those of
 * `paired-statistics.ts`, in accumulator form; test/core/indicators-equivalence.test.ts holds
 * the two equal. Deterministic: participants are taken in id order (the cohort Query's order;
 * other orders are sorted first), so the same responses give byte-identical results.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument, Programme } from '#surveys/schema.ts';
import type { GroupKey, IndicatorRow, Indicators, StoredResponse } from './model.ts';
import { compileScorer, type CompiledScorer } from './compiled-scorer.ts';
import { instrumentParts, PREFER_NOT_TO_SAY } from './scoring.ts';
import { effectSizes, holmAdjust, signedRankPValue, tInterval, type WilcoxonMethod } from './paired-statistics.ts';

/** A scored column: one score per participant (NaN when missing), and baseline alpha's sums. */
interface Column {
  readonly instrument: Instrument;
  readonly id: string;
  readonly part: string | null;
  readonly scorer: CompiledScorer;
  readonly pre: Float64Array;
  readonly post: Float64Array;
  readonly alpha: AlphaSums;
}

/** Sums for Cronbach's alpha over complete baseline cases, accumulated in participant order. */
interface AlphaSums {
  count: number;
  readonly itemSum: Float64Array;
  readonly itemSquares: Float64Array;
  totalSum: number;
  totalSquares: number;
}

/** The subgroup code of each participant per dimension (-1: none), and the dimensions' values. */
interface Groups {
  readonly dimensions: readonly {
    readonly id: string;
    readonly values: readonly string[];
    readonly codes: Int16Array;
  }[];
}

/** Computes every row of a cohort, session by session, from its responses. */
export function computeCohortIndicators(
  programme: Programme,
  catalog: Catalog,
  cohortId: string,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const responses = inParticipantOrder(unordered);
  const participants = indexParticipants(responses, (response) => response.participant);
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  const groups = collectGroups(programme, responses, participants, () => cohort?.attributes ?? {});
  const sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const tables = programme.sessions.map((session) => columnsFor(session.post.instruments, catalog, participants.count));
  let session: string | undefined;
  let columns: readonly Column[] = [];
  for (let at = 0; at < responses.length; at += 1) {
    const response = responses[at] as StoredResponse;
    if (response.session !== session) {
      session = response.session;
      const sessionAt = sessionIndex.get(session);
      columns = sessionAt === undefined ? [] : (tables[sessionAt] ?? []);
    }
    const participant = participants.of[at] as number;
    for (let index = 0; index < columns.length; index += 1)
      scoreInto(columns[index] as Column, response, participant, response.wave);
  }
  return programme.sessions.flatMap((session, index) =>
    tableRows(programme, tables[index] ?? [], groups, participants.count, cohortId, session.id),
  );
}

/**
 * The programme-wide pool over all cohorts: for each participant and instrument, the score of
 * the first session it was asked before and of the last session it was asked after (a post
 * before the first pre is not a change over the programme).
 */
export function computePooledIndicators(
  programme: Programme,
  catalog: Catalog,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const responses = inParticipantOrder(unordered);
  const participants = indexParticipants(responses, participantKey);
  const attributesOf = new Map(programme.cohorts.map((cohort) => [cohort.id, cohort.attributes]));
  const groups = collectGroups(
    programme,
    responses,
    participants,
    (response) => attributesOf.get(response.cohort) ?? {},
  );
  const sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const instrumentIds = [...new Set(programme.sessions.flatMap((session) => session.post.instruments))];
  const columns = columnsFor(instrumentIds, catalog, participants.count);
  // Per participant (their responses are consecutive), the first pre and last post per instrument.
  let start = 0;
  while (start < responses.length) {
    const first = responses[start] as StoredResponse;
    const key = participantKey(first);
    let end = start + 1;
    while (end < responses.length && participantKey(responses[end] as StoredResponse) === key) end += 1;
    const participant = participants.of[start] as number;
    for (const column of columns) {
      let firstPre: StoredResponse | undefined;
      let firstPreAt = Number.POSITIVE_INFINITY;
      let lastPost: StoredResponse | undefined;
      let lastPostAt = Number.NEGATIVE_INFINITY;
      for (let at = start; at < end; at += 1) {
        const response = responses[at] as StoredResponse;
        const sessionAt = sessionIndex.get(response.session);
        if (sessionAt === undefined || !Number.isFinite(column.scorer.score(response.answers[column.id]).score))
          continue;
        if (response.wave === 'pre' && sessionAt < firstPreAt) [firstPre, firstPreAt] = [response, sessionAt];
        if (response.wave === 'post' && sessionAt > lastPostAt) [lastPost, lastPostAt] = [response, sessionAt];
      }
      if (firstPre !== undefined) scoreInto(column, firstPre, participant, 'pre');
      if (lastPost !== undefined && (firstPre === undefined || lastPostAt >= firstPreAt))
        scoreInto(column, lastPost, participant, 'post');
    }
    start = end;
  }
  return tableRows(programme, columns, groups, participants.count, null, null);
}

/** Empty columns for the instruments (and their subscales and quiz topics). */
function columnsFor(instrumentIds: readonly string[], catalog: Catalog, participants: number): Column[] {
  return instrumentIds.flatMap((id) => {
    const instrument = catalog.instruments.get(id);
    if (instrument === undefined) return [];
    const parts = [
      { part: null, instrument },
      ...instrumentParts(instrument).map((part) => ({ part: part.id, instrument: part.instrument })),
    ];
    return parts.map(({ part, instrument: scored }) => {
      const scorer = compileScorer(scored);
      return {
        instrument: scored,
        id,
        part,
        scorer,
        pre: new Float64Array(participants).fill(Number.NaN),
        post: new Float64Array(participants).fill(Number.NaN),
        alpha: {
          count: 0,
          itemSum: new Float64Array(scorer.items),
          itemSquares: new Float64Array(scorer.items),
          totalSum: 0,
          totalSquares: 0,
        },
      };
    });
  });
}

const scratch = { items: new Float64Array(64) };

/** Scores one response into a column; complete baseline answers feed alpha's sums. */
function scoreInto(column: Column, response: StoredResponse, participant: number, wave: 'pre' | 'post'): void {
  if (scratch.items.length < column.scorer.items) scratch.items = new Float64Array(column.scorer.items);
  const { score, complete } = column.scorer.score(
    response.answers[column.id],
    wave === 'pre' ? scratch.items : undefined,
  );
  if (!Number.isFinite(score)) return;
  (wave === 'pre' ? column.pre : column.post)[participant] = score;
  if (wave !== 'pre' || !complete) return;
  const sums = column.alpha;
  let total = 0;
  for (let item = 0; item < column.scorer.items; item += 1) {
    const value = scratch.items[item] as number;
    sums.itemSum[item] = (sums.itemSum[item] as number) + value;
    sums.itemSquares[item] = (sums.itemSquares[item] as number) + value * value;
    total += value;
  }
  sums.count += 1;
  sums.totalSum += total;
  sums.totalSquares += total * total;
}

/** Accumulators of one cell, filled in participant order. */
class Cell {
  nPre = 0;
  sumPre = 0;
  nPost = 0;
  sumPost = 0;
  nPaired = 0;
  sumPairedPre = 0;
  sumPairedPost = 0;
  sumChange = 0;
  nDropouts = 0;
  sumDropouts = 0;
  squaresPre = 0;
  squaresPost = 0;
  squaresPairedPre = 0;
  squaresPairedPost = 0;
  squaresChange = 0;
  improved = 0;
  deteriorated = 0;
  gainSum = 0;
  gainCount = 0;
  gainUndefined = 0;
  /** Per distinct |change| (rank order): how many, and how many positive. */
  bucketCount: Int32Array = new Int32Array(0);
  bucketPositive: Int32Array = new Int32Array(0);
  zeros = 0;
  /** The largest |change| (whole cell): the scale changes are compared at. */
  largestChange = 0;
  constructor(readonly group: GroupKey | null) {}
}

/** The rows of one table: per column, the whole group and every subgroup value, then Holm. */
function tableRows(
  _programme: Programme,
  columns: readonly Column[],
  groups: Groups,
  participants: number,
  cohort: string | null,
  session: string | null,
): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const holmFamilies = new Map<string, number[]>();
  // Each participant's cell per dimension (-1: none), shared by the table's columns. Flat arrays
  // and top-level accumulators, no per-participant closures: these loops run millions of times.
  const offsets: number[] = [];
  let cellCount = 1;
  for (const dimension of groups.dimensions) {
    offsets.push(cellCount);
    cellCount += dimension.values.length;
  }
  const groupCells = groups.dimensions.map((dimension, index) => {
    const cellsOf = new Int32Array(participants);
    for (let participant = 0; participant < participants; participant += 1) {
      const code = dimension.codes[participant] as number;
      cellsOf[participant] = code < 0 ? -1 : (offsets[index] as number) + code;
    }
    return cellsOf;
  });
  for (const column of columns) {
    const cells = [new Cell(null)];
    for (const dimension of groups.dimensions)
      for (const value of dimension.values) cells.push(new Cell({ dimension: dimension.id, value }));
    // Subscales and quiz topics: the whole group only.
    const cellOf = column.part === null ? groupCells : [];
    const { pre, post } = column;
    const quiz = column.instrument.scoring.rule === 'percent-correct';
    const whole = cells[0] as Cell;
    // Pass 1: counts and sums.
    for (let participant = 0; participant < participants; participant += 1) {
      const before = pre[participant] as number;
      const after = post[participant] as number;
      if (Number.isNaN(before) && Number.isNaN(after)) continue;
      addSums(whole, before, after);
      for (const cellsOf of cellOf) {
        const cell = cellsOf[participant] as number;
        if (cell >= 0) addSums(cells[cell] as Cell, before, after);
      }
    }
    // Pass 2: squared deviations (two-pass variance, as sampleStandardDeviation), Hake's gains,
    // and each change's signed-rank bucket. Changes are compared at 9 significant digits of the
    // largest, as wilcoxonSignedRank does, so equal changes tie whatever their last bits (and
    // the keys stay small integers, fast Map keys).
    const scale = whole.largestChange;
    const keys = new Map<number, number>();
    const magnitudes: number[] = [];
    const bucketOf = new Int32Array(participants).fill(-1);
    for (let participant = 0; participant < participants; participant += 1) {
      const before = pre[participant] as number;
      const after = post[participant] as number;
      if (Number.isNaN(before) && Number.isNaN(after)) continue;
      addSquares(whole, before, after, quiz);
      for (const cellsOf of cellOf) {
        const cell = cellsOf[participant] as number;
        if (cell >= 0) addSquares(cells[cell] as Cell, before, after, quiz);
      }
      const change = after - before;
      if (Number.isNaN(change) || scale === 0) continue;
      const magnitude = Math.abs(Math.round((change / scale) * 1e9));
      if (magnitude === 0) continue;
      let bucket = keys.get(magnitude);
      if (bucket === undefined) {
        bucket = keys.size;
        keys.set(magnitude, bucket);
        magnitudes.push(Math.abs(change));
      }
      bucketOf[participant] = bucket;
    }
    const alpha = cronbachFromSums(column.alpha);
    const reliabilitySource = column.instrument.reliability?.method ?? null;
    const reliability =
      column.instrument.reliability?.method === 'published'
        ? column.instrument.reliability.value
        : reliabilitySource === 'cronbach-alpha-baseline'
          ? alpha
          : null;
    // Buckets in ascending |change|, so ranks follow bucket order.
    const ascending = [...keys.keys()].sort((a, b) => a - b);
    const rankOrder = new Int32Array(keys.size);
    ascending.forEach((magnitude, rank) => {
      rankOrder[keys.get(magnitude) as number] = rank;
    });
    for (const cell of cells) {
      cell.bucketCount = new Int32Array(keys.size);
      cell.bucketPositive = new Int32Array(keys.size);
    }
    // Jacobson-Truax S_diff describes the instrument in this table, so one threshold serves every
    // cell: the whole group's completers' baseline SD. (Per-cell SDs would make a person's change
    // reliable in one row and not in another, and the subgroup counts would not add up.)
    const sdPreWhole = whole.nPaired < 2 ? null : Math.sqrt(whole.squaresPairedPre / (whole.nPaired - 1));
    const sDiffWhole =
      reliability === null || !(reliability > 0 && reliability < 1) || sdPreWhole === null
        ? null
        : sdPreWhole * Math.SQRT2 * Math.sqrt(1 - reliability);
    const thresholds = cells.map((cell) => (cell.nPaired < 1 ? null : sDiffWhole));
    // Pass 3: signed-rank counts per cell, and reliable change.
    const higherBetter = column.instrument.direction === 'higher-better';
    for (let participant = 0; participant < participants; participant += 1) {
      const change = (post[participant] as number) - (pre[participant] as number);
      if (Number.isNaN(change)) continue;
      const bucket = bucketOf[participant] as number;
      const rank = bucket < 0 ? -1 : (rankOrder[bucket] as number);
      addChange(cells[0] as Cell, change, rank, thresholds[0] ?? null, higherBetter);
      for (const cellsOf of cellOf) {
        const cell = cellsOf[participant] as number;
        if (cell >= 0) addChange(cells[cell] as Cell, change, rank, thresholds[cell] ?? null, higherBetter);
      }
    }
    cells.forEach((cell, index) => {
      if (cell.group !== null && cell.nPre + cell.nPost === 0) return;
      const indicators = finish(
        cell,
        quiz,
        cell === whole ? alpha : null,
        reliability,
        reliability === null ? null : reliabilitySource,
        thresholds[index] ?? null,
      );
      const family =
        column.part !== null ? undefined : cell.group === null ? '' : `${cell.group.dimension}=${cell.group.value}`;
      if (family !== undefined) holmFamilies.set(family, [...(holmFamilies.get(family) ?? []), rows.length]);
      rows.push({
        cohort,
        session,
        instrument: column.id,
        ...(column.part === null ? {} : { part: column.part }),
        group: cell.group,
        indicators,
        ...(cell === whole && column.part === null
          ? {
              changeCounts: distribution(
                whole,
                ascending.map((magnitude) => magnitudes[keys.get(magnitude) as number] as number),
              ),
            }
          : {}),
      });
    });
  }
  // Holm's family: the whole instruments of one table and group cell.
  for (const members of holmFamilies.values()) {
    const adjusted = holmAdjust(members.map((index) => rows[index]?.indicators.p_t ?? null));
    members.forEach((index, position) => {
      const row = rows[index] as IndicatorRow;
      rows[index] = { ...row, indicators: { ...row.indicators, p_t_holm: adjusted[position] ?? null } };
    });
  }
  return rows;
}

function addSums(cell: Cell, before: number, after: number): void {
  const hasPre = !Number.isNaN(before);
  const hasPost = !Number.isNaN(after);
  if (hasPre) {
    cell.nPre += 1;
    cell.sumPre += before;
  }
  if (hasPost) {
    cell.nPost += 1;
    cell.sumPost += after;
  }
  if (hasPre && hasPost) {
    const change = after - before;
    cell.nPaired += 1;
    cell.sumPairedPre += before;
    cell.sumPairedPost += after;
    cell.sumChange += change;
    if (Math.abs(change) > cell.largestChange) cell.largestChange = Math.abs(change);
  } else if (hasPre) {
    cell.nDropouts += 1;
    cell.sumDropouts += before;
  }
}

function addSquares(cell: Cell, before: number, after: number, quiz: boolean): void {
  const hasPre = !Number.isNaN(before);
  const hasPost = !Number.isNaN(after);
  if (hasPre) cell.squaresPre += (before - cell.sumPre / cell.nPre) ** 2;
  if (hasPost) cell.squaresPost += (after - cell.sumPost / cell.nPost) ** 2;
  if (!hasPre || !hasPost) return;
  cell.squaresPairedPre += (before - cell.sumPairedPre / cell.nPaired) ** 2;
  cell.squaresPairedPost += (after - cell.sumPairedPost / cell.nPaired) ** 2;
  cell.squaresChange += (after - before - cell.sumChange / cell.nPaired) ** 2;
  if (!quiz) return;
  if (before >= 100) cell.gainUndefined += 1;
  else {
    cell.gainSum += (after - before) / (100 - before);
    cell.gainCount += 1;
  }
}

/** Pass 3 for one completer: signed-rank bucket (rank -1: a zero change) and reliable change. */
function addChange(cell: Cell, change: number, rank: number, sDiff: number | null, higherBetter: boolean): void {
  if (rank < 0) cell.zeros += 1;
  else {
    cell.bucketCount[rank] = (cell.bucketCount[rank] as number) + 1;
    if (change > 0) cell.bucketPositive[rank] = (cell.bucketPositive[rank] as number) + 1;
  }
  if (sDiff !== null && sDiff > 0 && Math.abs(change) / sDiff > 1.96) {
    if (change > 0 === higherBetter) cell.improved += 1;
    else cell.deteriorated += 1;
  }
}

/** The indicators of a filled cell. */
function finish(
  cell: Cell,
  quiz: boolean,
  alpha: number | null,
  reliability: number | null,
  source: Indicators['reliability_source'],
  sDiff: number | null,
): Indicators {
  const n = cell.nPaired;
  const mean = (sum: number, count: number): number | null => (count === 0 ? null : sum / count);
  const sd = (squares: number, count: number): number | null => (count < 2 ? null : Math.sqrt(squares / (count - 1)));
  const meanChange = mean(cell.sumChange, n);
  const sdChange = sd(cell.squaresChange, n);
  const sdPrePaired = sd(cell.squaresPairedPre, n);
  const sdPostPaired = sd(cell.squaresPairedPost, n);
  const test = tInterval(meanChange, sdChange, n);
  const wilcoxon = signedRank(cell);
  const meanPrePaired = mean(cell.sumPairedPre, n);
  const meanPostPaired = mean(cell.sumPairedPost, n);
  const reliable = sDiff !== null && sDiff > 0 && n >= 1;
  return {
    n_pre: cell.nPre,
    n_post: cell.nPost,
    n_paired: n,
    n_pre_only: cell.nDropouts,
    mean_pre: mean(cell.sumPre, cell.nPre),
    sd_pre: sd(cell.squaresPre, cell.nPre),
    mean_post: mean(cell.sumPost, cell.nPost),
    sd_post: sd(cell.squaresPost, cell.nPost),
    mean_pre_dropouts: mean(cell.sumDropouts, cell.nDropouts),
    mean_pre_paired: meanPrePaired,
    sd_pre_paired: sdPrePaired,
    mean_post_paired: meanPostPaired,
    sd_post_paired: sdPostPaired,
    mean_change: meanChange,
    sd_change: sdChange,
    ...test,
    p_t_holm: null,
    wilcoxon_v: wilcoxon.v,
    p_wilcoxon: wilcoxon.p,
    wilcoxon_method: wilcoxon.method,
    ...effectSizes(meanChange, sdChange, sdPrePaired, sdPostPaired, test.df),
    alpha_baseline: alpha,
    reliability,
    reliability_source: source,
    rci_threshold: reliable ? 1.96 * (sDiff as number) : null,
    rci_improved: reliable ? cell.improved : null,
    rci_unchanged: reliable ? n - cell.improved - cell.deteriorated : null,
    rci_deteriorated: reliable ? cell.deteriorated : null,
    gain_of_averages:
      !quiz || n === 0 || (meanPrePaired as number) >= 100
        ? null
        : ((meanPostPaired as number) - (meanPrePaired as number)) / (100 - (meanPrePaired as number)),
    average_of_gains: !quiz || cell.gainCount === 0 ? null : cell.gainSum / cell.gainCount,
    gain_undefined: !quiz ? null : n === 0 ? 0 : cell.gainUndefined,
  };
}

/** Wilcoxon signed-rank from a cell's buckets, exactly as `wilcoxonSignedRank` decides. */
function signedRank(cell: Cell): { v: number | null; p: number | null; method: WilcoxonMethod } {
  let n = 0;
  let v = 0;
  let ties = 0;
  let hasTies = false;
  for (let rank = 0; rank < cell.bucketCount.length; rank += 1) {
    const count = cell.bucketCount[rank] as number;
    if (count === 0) continue;
    const averageRank = n + (count + 1) / 2;
    v += (cell.bucketPositive[rank] as number) * averageRank;
    n += count;
    if (count > 1) hasTies = true;
    ties += count ** 3 - count;
  }
  if (n === 0) return { v: cell.nPaired === 0 ? null : 0, p: null, method: 'none' };
  return { v, ...signedRankPValue(v, n, n < 50 && !hasTies && cell.zeros === 0, ties) };
}

/** Cronbach's alpha from the sums of complete baseline cases; null as `cronbachAlpha` is. */
function cronbachFromSums(sums: AlphaSums): number | null {
  const k = sums.itemSum.length;
  const n = sums.count;
  if (k < 2 || n < 2) return null;
  // Item scores are small numbers, so these sums are exact and the one-pass variance is too.
  const variance = (sum: number, squares: number): number => (squares - (sum * sum) / n) / (n - 1);
  let itemVariance = 0;
  for (let item = 0; item < k; item += 1)
    itemVariance += variance(sums.itemSum[item] as number, sums.itemSquares[item] as number);
  const totalVariance = variance(sums.totalSum, sums.totalSquares);
  if (!(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - itemVariance / totalVariance);
}

/**
 * Individual changes as [value, count] ascending, from the whole cell's signed-rank buckets
 * (`values`: each rank's |change|); equal-width bins past 60 distinct values.
 */
function distribution(cell: Cell, values: readonly number[]): [number, number][] {
  const negative: [number, number][] = [];
  const positive: [number, number][] = [];
  values.forEach((value, rank) => {
    const count = cell.bucketCount[rank] as number;
    const up = cell.bucketPositive[rank] as number;
    if (count - up > 0) negative.unshift([-value, count - up]);
    if (up > 0) positive.push([value, up]);
  });
  const exact = [...negative, ...(cell.zeros > 0 ? [[0, cell.zeros] as [number, number]] : []), ...positive];
  if (exact.length <= 60) return exact;
  const low = (exact[0] as [number, number])[0];
  const high = (exact[exact.length - 1] as [number, number])[0];
  const width = (high - low) / 40;
  const bins = new Map<number, number>();
  for (const [value, count] of exact) {
    const bin = Math.min(39, Math.floor((value - low) / width));
    bins.set(bin, (bins.get(bin) ?? 0) + count);
  }
  return [...bins.entries()].sort(([a], [b]) => a - b).map(([bin, count]) => [low + (bin + 0.5) * width, count]);
}

/** Responses sorted by cohort, participant, session, wave: as the cohort Query returns them, else sorted. */
function inParticipantOrder(responses: readonly StoredResponse[]): readonly StoredResponse[] {
  for (let index = 1; index < responses.length; index += 1) {
    if (compareResponses(responses[index - 1] as StoredResponse, responses[index] as StoredResponse) > 0)
      return [...responses].sort(compareResponses);
  }
  return responses;
}

function compareResponses(a: StoredResponse, b: StoredResponse): number {
  return (
    compare(a.cohort, b.cohort) ||
    compare(a.participant, b.participant) ||
    compare(a.session, b.session) ||
    compare(a.wave, b.wave)
  );
}

/** Participants numbered in order (responses come grouped by participant): each response's number. */
interface ParticipantIndex {
  readonly count: number;
  /** The participant number of the response at each position. */
  readonly of: Int32Array;
}

function indexParticipants(
  responses: readonly StoredResponse[],
  keyOf: (response: StoredResponse) => string,
): ParticipantIndex {
  const of = new Int32Array(responses.length);
  let count = 0;
  let previous: string | undefined;
  for (let at = 0; at < responses.length; at += 1) {
    const key = keyOf(responses[at] as StoredResponse);
    if (key !== previous) {
      count += 1;
      previous = key;
    }
    of[at] = count - 1;
  }
  return { count, of };
}

/** Participants are unique within a cohort; pooled tables key them by cohort too. */
function participantKey(response: StoredResponse): string {
  return `${response.cohort}/${response.participant}`;
}

/**
 * Subgroup codes per participant: the cohort's attributes, then the answer given in the
 * earliest response that gave one ("prefer not to say" counts as no value).
 */
function collectGroups(
  programme: Programme,
  responses: readonly StoredResponse[],
  participants: ParticipantIndex,
  attributesOf: (response: StoredResponse) => Readonly<Record<string, string>>,
): Groups {
  const dimensions = programme.subgroups.map((subgroup) => ({
    id: subgroup.id,
    values: subgroup.options.map((option) => option.value),
    codes: new Int16Array(participants.count).fill(-1),
  }));
  const answeredAt = dimensions.map(() => new Array<string | undefined>(participants.count));
  let previousParticipant = -1;
  for (let at = 0; at < responses.length; at += 1) {
    const response = responses[at] as StoredResponse;
    const participant = participants.of[at] as number;
    if (participant !== previousParticipant) {
      previousParticipant = participant;
      // Cohort attributes are the participant's, whatever they answered.
      const attributes = attributesOf(response);
      for (let index = 0; index < dimensions.length; index += 1) {
        const dimension = dimensions[index] as Groups['dimensions'][number];
        const fromCohort = attributes[dimension.id];
        if (fromCohort === undefined) continue;
        dimension.codes[participant] = dimension.values.indexOf(fromCohort);
        (answeredAt[index] as (string | undefined)[])[participant] = '';
      }
    }
    for (const dimensionId in response.groups) {
      const index = dimensions.findIndex((dimension) => dimension.id === dimensionId);
      const dimension = dimensions[index];
      if (dimension === undefined) continue;
      const times = answeredAt[index] as (string | undefined)[];
      const answered = response.groups[dimensionId];
      if (answered === undefined || answered === PREFER_NOT_TO_SAY) continue;
      const previous = times[participant];
      if (previous !== undefined && previous <= response.receivedAt) continue;
      dimension.codes[participant] = dimension.values.indexOf(answered);
      times[participant] = response.receivedAt;
    }
  }
  return { dimensions };
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
