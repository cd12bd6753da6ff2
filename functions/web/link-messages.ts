/**
 * The links as messages to paste into SMS or chat: one per link, in the batch's
 * language, each under a `#` line that tells the coordinator whose and which it is (the
 * participant's number in the batch, the session and the wave), in the sheet's order. The text
 * a participant receives is neutral on purpose: it names neither the programme nor its
 * subject, since someone else may read the phone.
 */
import { toCsv } from '#core/csv.ts';
import { HANDOUT_STRINGS, handoutCards, handoutLanguages, type Handout, type HandoutLink } from './link-sheet.ts';

/**
 * The batch's links as CSV, one row a link in the order they were made: the coordinator's only
 * copy of the codes. With the pseudonymous ids (`prepost links`, whose `erase --participant` takes
 * them) first; without them (the console's), the number in the batch first: a coordinator knows
 * who holds card 5, and an id beside it would tie an evaluator's export back to that person.
 */
export function linksCsv(links: readonly HandoutLink[]): string {
  if (links.every((link) => link.participant !== undefined))
    return toCsv(
      ['participant', 'session', 'wave', 'code', 'url', 'number'],
      links.map((link) => [link.participant, link.session, link.wave, link.code, link.url, String(link.number)]),
    );
  return toCsv(
    ['number', 'session', 'wave', 'code', 'url'],
    links.map((link) => [String(link.number), link.session, link.wave, link.code, link.url]),
  );
}

/** The message a participant receives for one link, in the batch's language. */
export function linkMessage(handout: Pick<Handout, 'language'>, url: string): string {
  return HANDOUT_STRINGS[handout.language].message.replace('{url}', () => url);
}

/** The messages file: a `#` note for the coordinator, then each message under its `#` label, a blank line between. */
export function renderLinkMessages(handout: Handout): string {
  const later = handout.links.some((link) => link.wave === 'followup');
  const note = handoutLanguages(handout).flatMap((language) => [
    `# ${HANDOUT_STRINGS[language].messagesNote}`,
    ...(later ? [`# ${HANDOUT_STRINGS[language].keepFollowup}`] : []),
  ]);
  const header = [`# ${HANDOUT_STRINGS[handout.language].title} · ${oneLine(handout.cohortName)}`, ...note].join('\n');
  const messages = handoutCards(handout).map((card) => `# ${oneLine(card.label)}\n${linkMessage(handout, card.url)}`);
  return `${[header, ...messages].join('\n\n')}\n`;
}

/** A label kept on its `#` line whatever a definition's name holds. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
