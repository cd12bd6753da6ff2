/**
 * The page language: `?lang=` when the programme offers it, then the browser's Accept-Language
 * in order of preference, then the programme's default.
 */
import Negotiator from 'negotiator';
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
  for (const tag of preferredLanguages(acceptLanguage)) {
    const primary = tag.toLowerCase().split('-')[0];
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

/**
 * The header's language tags by descending q, ties in header order, those refused (q=0) left out.
 * Negotiator parses the header (RFC 9110 weights, whitespace, quoting); matching on the primary
 * subtag stays ours, because negotiator would rank a programme's language by its most specific
 * range (`ca` over `ca-ES`) and take `*` as any of them, where we want the programme's default.
 */
function preferredLanguages(header: string | undefined): string[] {
  // Negotiator reads a missing header as `*`; with none, there is no preference to follow.
  if (header === undefined) return [];
  return new Negotiator({ headers: { 'accept-language': header } }).languages();
}
