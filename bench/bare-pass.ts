/**
 * The baseline of the aggregation budget: the least any aggregation must do with the same data,
 * one loop over the responses that reads every answer value and turns it into its item score
 * (looked up per item, reversal applied), summed per instrument and wave. The lookup tables are
 * built once from the definitions, outside the timed loop.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { StoredResponse } from '#core/model.ts';

/** Per instrument asked before in any session: each item's id and its option value -> item score. */
export interface BarePassPlan {
  readonly instruments: readonly {
    readonly id: string;
    readonly items: readonly { readonly id: string; readonly scores: ReadonlyMap<string, number> }[];
  }[];
}

/** The lookup tables for a programme's instruments. */
export function planBarePass(programme: Programme, catalog: Catalog): BarePassPlan {
  const ids = [...new Set(programme.sessions.flatMap((session) => session.pre.instruments))];
  return {
    instruments: ids.flatMap((id) => {
      const instrument = catalog.instruments.get(id);
      if (instrument === undefined) return [];
      const items = instrument.items.map((item, index) => {
        const options = optionsOf(instrument, index);
        const low = Math.min(...options.map((option) => option.score));
        const high = Math.max(...options.map((option) => option.score));
        const scores = new Map(
          options.map((option) => [option.value, item.reverse ? low + high - option.score : option.score]),
        );
        return { id: item.id, scores };
      });
      return [{ id, items }];
    }),
  };
}

/** One pass: the sum of item scores per instrument and wave (returned, so no work can be elided). */
export function bareSinglePass(plan: BarePassPlan, responses: readonly StoredResponse[]): number[] {
  const sums = new Array<number>(plan.instruments.length * 2).fill(0);
  const instruments = plan.instruments;
  for (const response of responses) {
    const offset = response.wave === 'pre' ? 0 : instruments.length;
    for (let index = 0; index < instruments.length; index += 1) {
      const instrument = instruments[index];
      const answers = instrument === undefined ? undefined : response.answers[instrument.id];
      if (instrument === undefined || answers === undefined) continue;
      let sum = 0;
      for (const item of instrument.items) {
        const value = answers[item.id];
        if (value !== undefined) sum += item.scores.get(value) ?? 0;
      }
      sums[offset + index] = (sums[offset + index] ?? 0) + sum;
    }
  }
  return sums;
}
