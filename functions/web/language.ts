/**
 * The page language: `?lang=` when the programme offers it, then the browser's Accept-Language
 * in order of preference, then the programme's default.
 */
import { LANGUAGES, type Language } from '#surveys/schema.ts';

/** Picks the language to render in among those offered. */
export function pickLanguage(
  offered: readonly Language[],
  fallback: Language,
  query: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  const requested = query?.toLowerCase();
  if (isOffered(requested, offered)) return requested;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const primary = tag.split('-')[0];
    if (isOffered(primary, offered)) return primary;
  }
  return fallback;
}

function isOffered(candidate: string | undefined, offered: readonly Language[]): candidate is Language {
  return (
    candidate !== undefined &&
    (LANGUAGES as readonly string[]).includes(candidate) &&
    offered.includes(candidate as Language)
  );
}

/** Language tags by descending q, ties in header order. */
function parseAcceptLanguage(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [rawTag = '', ...params] = part.toLowerCase().split(';');
      const tag = rawTag.trim();
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
