import type { GroupKey, IndicatorRow } from './model.ts';
/**
 * Disclosure control for what funders receive. A cell is a table's whole group or one subgroup
 * value; a table is a cohort x session x instrument, or the programme pool x instrument (cohort
 * and session null: everyone across cohorts, first answer before to last answer after). A cell's
 * people are its completers (n_paired). Everything ever published stays known to an outsider, so
 * the question each publication is only which cells may be *updated*: a cell that may not shows
 * the figures last published for it (carried forward, with their period), or nothing if it never
 * was. The outsider knows how the tables nest: completers only accumulate; a category is inside
 * its total, categories of a dimension and cohorts are disjoint; everyone paired in a session is
 * in the pool. From any versions, of any months, they can take a whole minus disjoint parts inside
 * it, or parts that together hold a whole minus the whole. Rules, after the ESSnet Handbook on SDC
 * and the thresholds of PRODUCT.md:
 *
 * 1. Primary: a cell with fewer than k people is not updated.
 * 2. Differencing over time: a cell last published with n0 people and now with n, 0 < |n - n0|
 *    < k, is not updated: from the two an outsider would get the change of the few who joined.
 * 3. Within a table, per dimension: the total now minus categories (each of any version, or left
 *    out), and categories of the versions since an earlier total that, the protector knows,
 *    held everyone in that total, minus it. A total not updated holds back its categories.
 * 4. Pool against cohorts: the pool now minus one session's cells of the same group, one from each
 *    cohort (of any version), and one session's cohort cells that held everyone in an earlier pool,
 *    minus it. One session: the pool's figures run from each person's first answer before to their
 *    last after, so only a session's cells (the first's before, the last's after, or the one
 *    session's change) cancel against them; cells of different sessions measure different things.
 *    A pool category not updated holds back the cohorts' cells of that category, which would
 *    otherwise stand in for it beside the pool's other categories.
 * After a withdrawal an older version can hold someone a newer one does not: groups count by their
 * size either way, and a cell whose cohort lost someone who had answered since its last version
 * must grow by k beyond it (one out and, later, one in would show the pair).
 * While any such group has between 1 and k-1 people and involves a new version, the smallest new
 * version in it is not updated, and the rules run again; each round withholds one more update,
 * so they end, at worst at last publication's summary, which passed the same rules.
 *
 * The work grows with the cells, not with cohorts x people nor with rounds x cohorts, so a
 * programme of 10,000 cohorts is protected in seconds: only sums within k of a whole are counted,
 * and a pool and its cohorts nearly match there; a table or a pool cell runs again only when one
 * of its cells was withheld; and a pool cell's sums are kept from round to round and told of each
 * cohort cell withheld (see `protectCells` and `SumWindow`). What is withheld, and in what order,
 * is what running every rule on every sum in every round decides.
 *
 * Counts are then rounded as the programme says (default: to the nearest 5 below 50); means and
 * everything else come from the unrounded values.
 */

/** Why a cell is not updated this period. */
export type SuppressionReason = 'fewer-than-k' | 'differencing' | 'secondary';

/** How published counts are rounded: to the nearest `base` when below `below`. */
export interface Rounding {
  readonly base: number;
  readonly below: number;
}

/** A cell's identity across summaries. */
export function cellKey(row: {
  cohort: string | null;
  session: string | null;
  instrument: string;
  group: GroupKey | null;
}): string {
  return [
    row.cohort ?? '*',
    row.session ?? '*',
    row.instrument,
    row.group === null ? '*' : `${row.group.dimension}=${row.group.value}`,
  ].join('|');
}

/**
 * What earlier summaries published, as an outsider could know it, and what the protector alone
 * knows: kept privately, never published. Publication `i` is the i-th summary built (a rerun of
 * a month is one more); `versions` lists each cell's published versions by the exact number of
 * people in them; `exact` holds every cell's exact count at each publication, shown or not (a
 * cell with no row then had nobody).
 */
export interface DisclosureHistory {
  /** cell key -> [publication, exact people] of each version published, oldest first. */
  readonly versions: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  /** Per publication, cell key -> exact people then. */
  readonly exact: readonly Readonly<Record<string, number>>[];
  /** Per publication, each cohort's count of withdrawals then (null, or absent, where it was not kept). */
  readonly erasures?: readonly (Readonly<Record<string, number>> | null)[];
}

/** What protection needs to know beside the rows and the history. */
export interface ProtectionContext {
  /**
   * Each scope's count of withdrawals now (erasures of participants who had answered, counted on
   * the cohort's and the pool's marks; `*` for the pool).
   */
  readonly erasures?: Readonly<Record<string, number>>;
  /** Per cohort, the values of the subgroups set per cohort (its site): its whole group is in that pool category. */
  readonly cohortAttributes?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * Whether someone who had answered withdrew from a scope (a cohort; the pool: any scope) since a
 * publication, by the counts kept then and now; where none were kept then (a record from before
 * them), any withdrawal counted at all may be since.
 */
export function withdrewSince(
  history: DisclosureHistory,
  erasures: Readonly<Record<string, number>>,
  cohort: string | null,
  publication: number,
): boolean {
  const then = history.erasures?.[publication];
  const scopes = cohort === null ? Object.keys(erasures) : [cohort];
  // Not kept then (a record from before the counts): any withdrawal ever may be since.
  if (then === undefined || then === null) return scopes.some((scope) => (erasures[scope] ?? 0) > 0);
  return scopes.some((scope) => (erasures[scope] ?? 0) !== (then[scope] ?? 0));
}

/** A version of a cell an outsider reads: from an earlier publication, or (new) this one's. */
interface Version {
  readonly publication: number;
  readonly n: number;
  /** This publication's version of a row, while it is still to be published. */
  readonly row: IndicatorRow | undefined;
}

/**
 * The versions an outsider may take one of (or, when not mandatory, none) for a part of a sum:
 * `options` from index `from` on.
 */
interface Slot {
  readonly options: readonly Version[];
  readonly from: number;
  readonly mandatory: boolean;
}

/** A cell as the rounds read it: built once, whatever is withheld. */
interface Cell {
  readonly key: string;
  /** This publication's row of the cell, if any. */
  readonly row: IndicatorRow | undefined;
  /** Its versions published before, and with this publication's (while it is not withheld). */
  readonly earlier: readonly Version[];
  readonly withNew: readonly Version[];
  /** Whether its versions are in the order of their publications, as recorded. */
  readonly inOrder: boolean;
  /** The units (see `protectCells`) that read it. */
  readonly units: number[];
  /** The windows kept across rounds that count it, and how (see {@link SumWindow}). */
  readonly windows: { window: SumWindow; at: number; since: number | undefined; mandatory: boolean }[];
}

/** The table a row belongs to. */
const tableKey = (row: { cohort: string | null; session: string | null; instrument: string }): string =>
  [row.cohort ?? '*', row.session ?? '*', row.instrument].join('|');

/** A table's total and its categories per dimension. */
interface Table {
  total: IndicatorRow | undefined;
  readonly dimensions: Map<string, IndicatorRow[]>;
}

/** Rows with their structure: each table's total and categories, each pool cell's cohort cells per session. */
interface Structure {
  readonly tables: Map<string, Table>;
  /** pool cell key -> cohort -> session -> the cohort cell of the same instrument and group. */
  readonly pools: Map<string, Map<string, Map<string, string>>>;
}

function structureOf(
  rows: readonly IndicatorRow[],
  keyOf: (row: IndicatorRow) => string,
  history: DisclosureHistory,
  cohortAttributes: NonNullable<ProtectionContext['cohortAttributes']>,
): Structure {
  const tables: Structure['tables'] = new Map();
  for (const row of rows) {
    const table = tables.get(tableKey(row)) ?? { total: undefined, dimensions: new Map() };
    if (row.group === null) table.total = row;
    else {
      const categories = table.dimensions.get(row.group.dimension) ?? [];
      categories.push(row);
      table.dimensions.set(row.group.dimension, categories);
    }
    tables.set(tableKey(row), table);
  }
  // Cohort cells by key, from this publication's rows and every earlier one's, so a cohort cell with
  // no row now (nobody left in it) still counts against its pool.
  const keys = new Set(rows.map(keyOf));
  for (const key of Object.keys(history.versions)) keys.add(key);
  for (const exact of history.exact) for (const key of Object.keys(exact)) keys.add(key);
  const pools: Structure['pools'] = new Map();
  const place = (poolKey: string, cohort: string, session: string, key: string): void => {
    const cohorts = pools.get(poolKey) ?? new Map<string, Map<string, string>>();
    cohorts.set(cohort, (cohorts.get(cohort) ?? new Map()).set(session, key));
    pools.set(poolKey, cohorts);
  };
  for (const key of keys) {
    const [cohort, session, instrument, group] = key.split('|');
    if (cohort === undefined || cohort === '*' || session === undefined || session === '*') continue;
    place(['*', '*', instrument, group].join('|'), cohort, session, key);
    // A pool category by a cohort attribute (site = Iași) is those cohorts' whole groups added up.
    if (group === '*')
      for (const [dimension, value] of Object.entries(cohortAttributes[cohort] ?? {}))
        place(['*', '*', instrument, `${dimension}=${value}`].join('|'), cohort, session, key);
  }
  return { tables, pools };
}

/** A sum reached by some way through the slots, and reached by some way that takes a new version. */
const REACHED = 1;
const THROUGH_NEW = 2;

/** What one slot adds to a window's sums, measured from the slot's own end (see {@link SumWindow}). */
interface SlotReach {
  /** What it adds to the least and the most sum (nothing where it has no option). */
  readonly least: number;
  readonly most: number;
  /** Mandatory with no option: no way through at all. */
  readonly blocked: boolean;
  /** Its ways within the window's reach, as [offset from its end, takes a new version]. */
  readonly choices: readonly (readonly [number, boolean])[];
  /** Whether all its ways within reach are at its end, and then whether one of them takes a new version. */
  readonly even: boolean;
  readonly endIsNew: boolean;
}

/**
 * Whether a whole minus sizes taken from slots (at most one option from each slot, exactly one
 * from a mandatory one), or those sizes covering it minus the whole, make a group of 1..k-1
 * people through a new version: some way to that sum takes a new version, or the whole is new.
 *
 * Only sums within k of the whole matter, and the sizes only add up, so the sums are counted from
 * whichever end of their range is nearer that window: up from the least the slots can add to, or
 * down from the most, and only as far as the window. A slot none of whose ways reaches into the
 * window except at its own end changes no sum there, so only the others are counted: a pool and
 * its cohorts nearly match, and the work is a few uneven cohorts x 2k, whatever the number of
 * cohorts or people. Every sum in the window is reached, and marked, exactly as counting every
 * sum up from zero would.
 *
 * The rounds only withhold: a slot loses options (its new version), so the least sum only grows
 * and the most only shrinks, and the window, chosen once, stays in reach. A window kept across
 * rounds is told of each slot that changed ({@link SumWindow.update}) instead of being built again.
 */
class SumWindow {
  readonly #n: number;
  readonly #k: number;
  readonly #wholeIsNew: boolean;
  readonly #upward: boolean;
  /** How far from its end the window reaches (negative: the window is out of reach for good). */
  readonly #cap: number;
  readonly #reaches: SlotReach[] = [];
  readonly #uneven = new Set<number>();
  #least = 0;
  #most = 0;
  #blocked = 0;
  #endsNew = 0;

  constructor(whole: Version, slots: readonly Slot[], k: number) {
    this.#n = whole.n;
    this.#k = k;
    this.#wholeIsNew = whole.row !== undefined;
    let least = 0;
    let most = 0;
    for (const slot of slots) {
      const { low, high } = spanOf(slot);
      if (slot.mandatory) least += low;
      most += high;
    }
    const { bottom, top } = this.#bounds();
    this.#upward = top - least <= most - bottom;
    this.#cap = this.#upward ? top - least : most - bottom;
    if (least === Number.POSITIVE_INFINITY || this.#cap < 0) return;
    slots.forEach((slot, at) => {
      this.#add(at, slot);
    });
  }

  /** The slot at `at` has lost options: its new version was withheld. */
  update(at: number, slot: Slot): void {
    if (this.#cap < 0) return;
    const before = this.#reaches[at];
    if (before !== undefined) {
      this.#least -= before.least;
      this.#most -= before.most;
      this.#blocked -= before.blocked ? 1 : 0;
      this.#endsNew -= before.even && before.endIsNew ? 1 : 0;
      this.#uneven.delete(at);
    }
    this.#add(at, slot);
  }

  exposes(): boolean {
    const { bottom, top } = this.#bounds();
    if (this.#cap < 0 || this.#blocked > 0 || top < this.#least || bottom > this.#most) return false;
    const cap = Math.min(this.#cap, this.#upward ? top - this.#least : this.#most - bottom);
    let sums = new Uint8Array(cap + 1);
    let next = new Uint8Array(cap + 1);
    // A slot even within reach only takes its end: a new version there marks every sum.
    sums[0] = this.#endsNew > 0 ? REACHED | THROUGH_NEW : REACHED;
    let reach = 0;
    for (const at of this.#uneven) {
      const choices = this.#reaches[at]?.choices ?? [];
      next.fill(0, 0, cap + 1);
      let nextReach = 0;
      for (let sum = 0; sum <= reach; sum += 1) {
        const state = sums[sum] ?? 0;
        if (state === 0) continue;
        for (const [offset, isNew] of choices) {
          const to = sum + offset;
          if (to > cap) continue;
          next[to] = (next[to] ?? 0) | (isNew ? state | THROUGH_NEW : state);
          nextReach = Math.max(nextReach, to);
        }
      }
      [sums, next] = [next, sums];
      reach = nextReach;
    }
    for (let offset = 0; offset <= reach; offset += 1) {
      const state = sums[offset] ?? 0;
      if (state === 0 || ((state & THROUGH_NEW) === 0 && !this.#wholeIsNew)) continue;
      // Negative too: after a withdrawal an older version holds someone a newer one does not.
      const group = Math.abs((this.#upward ? this.#least + offset : this.#most - offset) - this.#n);
      if (group > 0 && group < this.#k) return true;
    }
    return false;
  }

  #bounds(): { bottom: number; top: number } {
    return { bottom: Math.max(0, this.#n - this.#k + 1), top: this.#n + this.#k - 1 };
  }

  #add(at: number, slot: Slot): void {
    const { low, high, empty } = spanOf(slot);
    // Its end: up, the least it adds (nothing when it may be left out); down, the most.
    const end = this.#upward ? (slot.mandatory ? low : 0) : high;
    const choices: [number, boolean][] = [];
    const choose = (offset: number, isNew: boolean): void => {
      if (offset <= this.#cap) choices.push([offset, isNew]);
    };
    if (!slot.mandatory) choose(this.#upward ? 0 : end, false);
    for (let option = slot.from; option < slot.options.length; option += 1) {
      const version = slot.options[option];
      if (version !== undefined) choose(this.#upward ? version.n - end : end - version.n, version.row !== undefined);
    }
    const reach: SlotReach = {
      least: slot.mandatory && !empty ? low : 0,
      most: empty ? 0 : high,
      blocked: slot.mandatory && empty,
      choices,
      even: choices.every(([offset]) => offset === 0),
      endIsNew: choices.some(([offset, isNew]) => offset === 0 && isNew),
    };
    this.#reaches[at] = reach;
    this.#least += reach.least;
    this.#most += reach.most;
    this.#blocked += reach.blocked ? 1 : 0;
    if (reach.even) this.#endsNew += reach.endIsNew ? 1 : 0;
    else this.#uneven.add(at);
  }
}

/** The least and most a slot can add (the least infinite when it has no option). */
function spanOf(slot: Slot): { low: number; high: number; empty: boolean } {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (let at = slot.from; at < slot.options.length; at += 1) {
    const n = slot.options[at]?.n ?? 0;
    low = Math.min(low, n);
    high = Math.max(high, n);
  }
  return { low, high, empty: slot.from >= slot.options.length };
}

/** The order in which cells' new versions are withheld: fewest people first, then by key. */
const keyOrder = new Intl.Collator();

/**
 * The cells of a sum's parts in the order withholding takes their new versions (fewest people,
 * then key, then place among the parts: what sorting them would put first), skipping those
 * withheld; the rounds only withhold, so it only moves on.
 */
class WithholdingOrder {
  readonly #cells: Cell[];
  #next = 0;

  constructor(parts: readonly (Cell | undefined)[]) {
    this.#cells = parts
      .filter((cell): cell is Cell => cell?.row !== undefined)
      .sort(
        (a, b) =>
          (a.row?.indicators.n_paired ?? 0) - (b.row?.indicators.n_paired ?? 0) || keyOrder.compare(a.key, b.key),
      );
  }

  /** The first new version not withheld yet. */
  first(withheld: ReadonlyMap<IndicatorRow, SuppressionReason>): IndicatorRow | undefined {
    while (this.#next < this.#cells.length) {
      const row = this.#cells[this.#next]?.row;
      if (row !== undefined && !withheld.has(row)) return row;
      this.#next += 1;
    }
    return undefined;
  }
}

/** A binary min-heap of unit numbers: the units still to run in this round, in order. */
class UnitQueue {
  readonly #heap: number[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(unit: number): void {
    const heap = this.#heap;
    heap.push(unit);
    for (let at = heap.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if ((heap[parent] ?? 0) <= unit) break;
      heap[at] = heap[parent] ?? 0;
      heap[parent] = unit;
      at = parent;
    }
  }

  pop(): number | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < heap.length && (heap[left] ?? 0) < (heap[least] ?? 0)) least = left;
      if (right < heap.length && (heap[right] ?? 0) < (heap[least] ?? 0)) least = right;
      if (least === at) break;
      [heap[at], heap[least]] = [heap[least] ?? 0, heap[at] ?? 0];
      at = least;
    }
    return top;
  }
}

/**
 * Decides which rows may not be updated this publication, and why, given the history of what
 * was published before. Rows are whole-instrument cells (no parts).
 */
export function protectCells(
  rows: readonly IndicatorRow[],
  k: number,
  history: DisclosureHistory = { versions: {}, exact: [] },
  context: ProtectionContext = {},
): Map<IndicatorRow, SuppressionReason> {
  const now = history.exact.length;
  const keys = new Map(rows.map((row) => [row, cellKey(row)]));
  const keyOf = (row: IndicatorRow): string => keys.get(row) ?? cellKey(row);
  const current = new Map(rows.map((row) => [keyOf(row), row]));
  const withheld = new Map<IndicatorRow, SuppressionReason>();
  const erasures = context.erasures ?? {};
  for (const row of rows) {
    const n = row.indicators.n_paired;
    const last = history.versions[keyOf(row)]?.at(-1);
    if (n < k) withheld.set(row, 'fewer-than-k');
    // Someone withdrew since its last version: the people changed whatever the counts say, so it
    // must grow by k beyond that version (one out and one in would otherwise give the pair away).
    else if (last !== undefined && withdrewSince(history, erasures, row.cohort, last[0]) && n - last[1] < k)
      withheld.set(row, 'secondary');
    else if (last !== undefined && n !== last[1] && Math.abs(n - last[1]) < k) withheld.set(row, 'differencing');
  }
  const structure = structureOf(rows, keyOf, history, context.cohortAttributes ?? {});

  /** Each cell the rounds read, by key, built once. */
  const cells = new Map<string, Cell>();
  const cellAt = (key: string): Cell => {
    const known = cells.get(key);
    if (known !== undefined) return known;
    const earlier = (history.versions[key] ?? []).map(([publication, n]) => ({ publication, n, row: undefined }));
    const row = current.get(key);
    const cell: Cell = {
      key,
      row,
      earlier,
      withNew: row === undefined ? earlier : [...earlier, { publication: now, n: row.indicators.n_paired, row }],
      // Oldest first, as recorded: the versions since a publication are the last ones.
      inOrder: earlier.every((version, at) => at === 0 || version.publication > (earlier[at - 1]?.publication ?? 0)),
      units: [],
      windows: [],
    };
    cells.set(key, cell);
    return cell;
  };
  const versionsOf = (cell: Cell): readonly Version[] =>
    cell.row === undefined || withheld.has(cell.row) ? cell.earlier : cell.withNew;
  /** A slot of a cell's versions, all of them or those of a publication and later. */
  const slotOf = (cell: Cell | undefined, since: number | undefined, mandatory: boolean): Slot => {
    if (cell === undefined) return { options: [], from: 0, mandatory };
    const options = versionsOf(cell);
    if (since === undefined) return { options, from: 0, mandatory };
    if (!cell.inOrder)
      return { options: options.filter((version) => version.publication >= since), from: 0, mandatory };
    let from = options.length;
    while (from > 0 && (options[from - 1]?.publication ?? 0) >= since) from -= 1;
    return { options, from, mandatory };
  };
  const exactAt = (cell: Cell | undefined, publication: number): number =>
    cell === undefined
      ? 0
      : publication === now
        ? (cell.row?.indicators.n_paired ?? 0)
        : (history.exact[publication]?.[cell.key] ?? 0);
  /** Everyone in the parts at a publication (fixed: the rounds change only what is withheld now). */
  const sumAt = (parts: readonly (Cell | undefined)[], publication: number): number =>
    parts.reduce((sum, cell) => sum + exactAt(cell, publication), 0);

  // The rounds run over units, each table and each pool cell, in a fixed order. A unit reads only
  // whether its own cells are withheld, so one none of whose cells changed since it last ran
  // would do again what it did then, nothing: only the others run again, in order, this round
  // if they come later in it and the next if not. The withholdings, and their order, are those
  // of running every unit in every round.
  const units: (() => void)[] = [];
  const dirty: boolean[] = [];
  let running = -1;
  let thisRound = new UnitQueue();
  let nextRound = new UnitQueue();
  const withhold = (row: IndicatorRow): void => {
    withheld.set(row, 'secondary');
    const cell = cells.get(keyOf(row));
    if (cell === undefined) return;
    for (const unit of cell.units) {
      if (dirty[unit]) continue;
      dirty[unit] = true;
      (unit > running ? thisRound : nextRound).push(unit);
    }
    if (row === cell.row)
      for (const { window, at, since, mandatory } of cell.windows) window.update(at, slotOf(cell, since, mandatory));
  };
  const holdBack = (row: IndicatorRow | undefined): void => {
    if (row !== undefined && !withheld.has(row)) withhold(row);
  };
  /**
   * Checks a whole against its parts (one per cell, or none where a cell is undefined): what a
   * group within k of it would give away, through a new version, is not updated (the smallest
   * new part first, else the whole). Windows are built for each check (`windowOf`), or kept.
   */
  const checkParts = (
    whole: Version,
    parts: readonly (Cell | undefined)[],
    inParts: number,
    order: () => WithholdingOrder,
    windowOf: (rule: 'minus' | 'covering', build: () => SumWindow) => SumWindow,
  ): void => {
    const withholdOne = (): void => holdBack(order().first(withheld) ?? whole.row);
    // Minus: the whole now less parts of any earlier or this version.
    if (whole.row !== undefined) {
      const window = windowOf(
        'minus',
        () =>
          new SumWindow(
            whole,
            parts.map((cell) => slotOf(cell, undefined, false)),
            k,
          ),
      );
      if (window.exposes()) withholdOne();
    }
    // Covering: parts of this or later versions, all who were in one then, less the whole then.
    if (whole.n !== inParts) return;
    const slots = (): Slot[] =>
      parts.map((cell) => slotOf(cell, whole.publication, exactAt(cell, whole.publication) > 0));
    if (windowOf('covering', () => new SumWindow(whole, slots(), k)).exposes()) withholdOne();
  };

  for (const { total, dimensions } of structure.tables.values()) {
    const categories = [...dimensions.values()].map((rowsOf) => rowsOf.map((row) => cellAt(keyOf(row))));
    const totalCell = total === undefined ? undefined : cellAt(keyOf(total));
    // Rule 3, in each dimension, against each version of the total: a few cells, checked afresh.
    units.push(() => {
      // A total not updated holds back its categories, which would otherwise stand in for it.
      if (total === undefined || totalCell === undefined || withheld.has(total))
        for (const rowsOf of dimensions.values()) for (const category of rowsOf) holdBack(category);
      if (totalCell === undefined) return;
      for (const parts of categories)
        for (const whole of versionsOf(totalCell))
          checkParts(
            whole,
            parts,
            sumAt(parts, whole.publication),
            () => new WithholdingOrder(parts),
            (_, build) => build(),
          );
    });
    for (const cell of [...(totalCell === undefined ? [] : [totalCell]), ...categories.flat()])
      if (cell.units.at(-1) !== units.length - 1) cell.units.push(units.length - 1);
  }
  for (const [poolKey, cohorts] of structure.pools) {
    const poolCell = cellAt(poolKey);
    const group = poolKey.split('|')[3];
    const bySession = [...cohorts.values()];
    const sessions = [...new Set(bySession.flatMap((keys) => [...keys.keys()]))];
    // Per session, one cohort cell per cohort (none where the cohort has none in it).
    const partsBySession = sessions.map((session) =>
      bySession.map((keys) => {
        const key = keys.get(session);
        return key === undefined ? undefined : cellAt(key);
      }),
    );
    const sameGroup = bySession.flatMap((keys) => [...keys.values()].filter((key) => key.split('|')[3] === group));
    let heldBack = false;
    const inParts = new Map<number, number[]>();
    const orders = new Map<number, WithholdingOrder>();
    // A check's window is built afresh the first time and kept from the second: a pool cell runs
    // again when one of its many cohort cells changed, and then only those are counted again.
    const windows = new Map<string, SumWindow | number>();
    const keptWindow =
      (check: string, parts: readonly (Cell | undefined)[], since: number | undefined) =>
      (rule: 'minus' | 'covering', build: () => SumWindow): SumWindow => {
        const id = `${check}|${rule}`;
        const known = windows.get(id);
        if (known instanceof SumWindow) return known;
        const window = build();
        if (known === undefined) {
          windows.set(id, 1);
          return window;
        }
        windows.set(id, window);
        const from = rule === 'minus' ? undefined : since;
        parts.forEach((cell, at) => {
          const mandatory = from !== undefined && exactAt(cell, from) > 0;
          cell?.windows.push({ window, at, since: from, mandatory });
        });
        return window;
      };
    // Rule 4, in each session, against each version of the pool cell.
    units.push(() => {
      // A pool category not updated holds back the cohorts' cells of that category, which would
      // otherwise stand in for it beside the pool's other categories (once: they stay held back).
      const pool = poolCell.row;
      if (!heldBack && pool !== undefined && pool.group !== null && withheld.has(pool)) {
        for (const key of sameGroup) holdBack(current.get(key));
        heldBack = true;
      }
      versionsOf(poolCell).forEach((whole, version) => {
        let sums = inParts.get(whole.publication);
        if (sums === undefined) {
          sums = partsBySession.map((parts) => sumAt(parts, whole.publication));
          inParts.set(whole.publication, sums);
        }
        partsBySession.forEach((parts, session) => {
          const order = (): WithholdingOrder => {
            const known = orders.get(session) ?? new WithholdingOrder(parts);
            orders.set(session, known);
            return known;
          };
          checkParts(
            whole,
            parts,
            sums[session] ?? 0,
            order,
            keptWindow(`${version}|${session}`, parts, whole.publication),
          );
        });
      });
    });
    for (const cell of [poolCell, ...partsBySession.flat()])
      if (cell !== undefined && cell.units.at(-1) !== units.length - 1) cell.units.push(units.length - 1);
  }
  // Each round withholds at least one more update (or ends): at worst nothing new is published. A
  // round goes on past a withholding: the units it runs later see it, and one pass over a large
  // programme withholds what many would, one by one.
  units.forEach((_, unit) => {
    dirty.push(true);
    thisRound.push(unit);
  });
  while (thisRound.size > 0) {
    for (let unit = thisRound.pop(); unit !== undefined; unit = thisRound.pop()) {
      running = unit;
      dirty[unit] = false;
      units[unit]?.();
    }
    [thisRound, nextRound] = [nextRound, thisRound];
    running = -1;
  }
  return withheld;
}

/** The history after this publication: the versions it published and everyone's exact counts now. */
export function recordPublication(
  history: DisclosureHistory | undefined,
  rows: readonly IndicatorRow[],
  withheld: ReadonlyMap<IndicatorRow, SuppressionReason>,
  erasures: Readonly<Record<string, number>> = {},
): DisclosureHistory {
  const publication = history?.exact.length ?? 0;
  const versions: Record<string, (readonly [number, number])[]> = Object.fromEntries(
    Object.entries(history?.versions ?? {}).map(([key, list]) => [key, [...list]]),
  );
  for (const row of rows) {
    if (withheld.has(row)) continue;
    const key = cellKey(row);
    versions[key] = [...(versions[key] ?? []), [publication, row.indicators.n_paired]];
  }
  return {
    versions,
    // A cell with nobody reads as 0 when missing: leaving it out keeps the history small.
    exact: [
      ...(history?.exact ?? []),
      Object.fromEntries(
        rows.filter((row) => row.indicators.n_paired > 0).map((row) => [cellKey(row), row.indicators.n_paired]),
      ),
    ],
    erasures: [...Array.from({ length: publication }, (_, at) => history?.erasures?.[at] ?? null), erasures],
  };
}

/** A published count: rounded to the nearest `base` below `below`, exact from there. */
export function roundCount(n: number, rounding: Rounding): number {
  if (n >= rounding.below || rounding.base <= 1) return n;
  return Math.round(n / rounding.base) * rounding.base;
}

/** The sentence each reason carries in the published JSON. */
export function explainSuppression(reason: SuppressionReason, k: number): string {
  switch (reason) {
    case 'fewer-than-k':
      return `fewer than ${k} participants answered before and after`;
    case 'differencing':
      return (
        `fewer than ${k} participants joined since the previous summary, whose change could be worked out by ` +
        `comparing the two`
      );
    case 'secondary':
      return `hidden so that a smaller group cannot be worked out from the totals or the other tables`;
  }
}
