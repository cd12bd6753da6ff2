/**
 * A handcrafted instrument for tests, parsed through the real schema so its defaults apply: the
 * metadata every instrument must carry is filled in, and a test states only what it is about.
 */
import { Instrument } from '#surveys/schema.ts';

/** An English-only test instrument: `fields` are its items, options, scoring, direction and range. */
export function testInstrument(fields: { id: string } & Record<string, unknown>): Instrument {
  return Instrument.parse({
    version: '1',
    kind: 'scale',
    name: { en: fields.id },
    title: { en: fields.id },
    construct: { en: 'Nothing in particular' },
    citation: 'test fixture',
    licence: 'test',
    translations: { en: { status: 'original' } },
    ...fields,
  });
}
