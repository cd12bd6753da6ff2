/**
 * A batch of new links carried by the page that shows it, so that its files (the printable sheet,
 * the messages, the CSV) can be downloaded without the codes being stored anywhere: the page's
 * download form posts the links back, packed in one hidden field, with a seal. The seal is an
 * HMAC-SHA256 over the programme, cohort, waves, language, issue time and links, under a key
 * derived from the link key, so a form cannot be altered to have this site serve files of links
 * it never made, and it holds for {@link SEAL_SECONDS} only: after that the site no longer turns
 * the page into files. The codes stay readable in the page itself (it is `no-store`, never cached,
 * but a tab left open holds them), which is why the page says to save the files and close it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isWaveKind, type WaveKind } from '#core/model.ts';
import { normaliseCode } from './codes.ts';

/** How long a batch's downloads work after it is made: time to save three files, not to keep a copy. */
export const SEAL_SECONDS = 2 * 60 * 60;

/**
 * One link of a batch: whose (the number in the batch: never the pseudonymous id, which a
 * coordinator's files do not carry), which wave, its code.
 */
export interface BatchLink {
  readonly number: number;
  readonly session: string;
  readonly wave: WaveKind;
  readonly code: string;
}

/** What the seal covers. `waves`: the programme's wave ids in order (`session:pre`), which the packed links follow. */
export interface SealedBatch {
  readonly programme: string;
  readonly cohort: string;
  readonly waves: readonly string[];
  readonly language: string;
  /** ISO time the batch was made. */
  readonly issuedAt: string;
  /** The links as {@link packLinks} writes them. */
  readonly links: string;
}

/** Whether a posted batch may be answered: its seal holds, has expired, or does not match. */
export type SealCheck = 'valid' | 'expired' | 'invalid';

/**
 * The links in the fewest characters a form can carry (500 participants of a ten-wave programme in
 * about 130 KB): one entry per participant, `number.code.code...`, codes in the order of `waves`,
 * entries separated by spaces.
 */
export function packLinks(links: readonly BatchLink[], waves: readonly string[]): string {
  const byNumber = new Map<number, Map<string, string>>();
  for (const link of links) {
    const codes = byNumber.get(link.number) ?? new Map<string, string>();
    codes.set(`${link.session}:${link.wave}`, link.code);
    byNumber.set(link.number, codes);
  }
  return [...byNumber]
    .map(([number, codes]) => {
      const inOrder = waves.map((wave) => codes.get(wave));
      if (inOrder.some((code) => code === undefined)) throw new Error(`participant ${number} lacks a wave's link`);
      return [String(number), ...inOrder].join('.');
    })
    .join(' ');
}

/** The links {@link packLinks} packed, in the order they were made; undefined when the text is not such a packing. */
export function unpackLinks(packed: string, waves: readonly string[]): BatchLink[] | undefined {
  const kinds = waves.map((wave): { session: string; wave: WaveKind | undefined } => {
    const [session = '', kind] = wave.split(':');
    return { session, wave: isWaveKind(kind) ? kind : undefined };
  });
  const links: BatchLink[] = [];
  for (const entry of packed.split(' ')) {
    const [number = '', ...codes] = entry.split('.');
    if (!/^[1-9]\d{0,3}$/.test(number) || codes.length !== waves.length) return undefined;
    for (const [index, code] of codes.entries()) {
      const kind = kinds[index];
      if (kind?.wave === undefined || normaliseCode(code) !== code) return undefined;
      links.push({ number: Number(number), session: kind.session, wave: kind.wave, code });
    }
  }
  return links;
}

/** The batch's seal, base64url. */
export function sealOf(linkKey: Buffer, batch: SealedBatch): string {
  return mac(linkKey, batch).toString('base64url');
}

/** Whether the seal is the batch's, and still holds at `now`. */
export function checkSeal(linkKey: Buffer, batch: SealedBatch, seal: string, now: Date): SealCheck {
  const given = Buffer.from(seal, 'base64url');
  const expected = mac(linkKey, batch);
  // Equal lengths first: timingSafeEqual throws on unequal ones, and the length of a seal is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const age = now.getTime() - Date.parse(batch.issuedAt);
  // A time to come is no batch this site made (the seal held, so only a wrong clock could say so).
  if (Number.isNaN(age) || age < -60_000) return 'invalid';
  return age > SEAL_SECONDS * 1000 ? 'expired' : 'valid';
}

function mac(linkKey: Buffer, batch: SealedBatch): Buffer {
  // A key of its own, derived from the link key: a seal is never a valid hash of some link code.
  const key = createHmac('sha256', linkKey).update('prepost batch download seal').digest();
  const fields = [
    'prepost.batch/1',
    batch.programme,
    batch.cohort,
    batch.waves,
    batch.language,
    batch.issuedAt,
    batch.links,
  ];
  // JSON: no field's content can pass for a boundary between two fields.
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest();
}
