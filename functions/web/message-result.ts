/**
 * Participant error answers: the status with a one-message page in the best language known,
 * the programme's when the link resolved, otherwise the browser's among all shipped.
 */
import { LANGUAGES } from '#surveys/schema.ts';
import type { HttpError } from '#shared/errors.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { pickLanguage } from './language.ts';
import { PARTICIPANT_HEADERS, type PageFrame } from './participant-page.ts';
import { renderMessage } from './survey-page.ts';
import type { StringKey } from './strings.ts';

const MESSAGE_BY_STATUS: Readonly<Record<number, StringKey>> = { 404: 'notFound', 409: 'alreadyAnswered', 410: 'closed', 413: 'tooLarge', 415: 'unsupported' };

/** The page for an expected error, in the frame given or a neutral one. */
export function participantErrorResult(error: HttpError, event: HttpEvent, frame?: PageFrame): HttpResult {
  const neutral: PageFrame = frame ?? {
    language: pickLanguage(LANGUAGES, 'en', event.queryStringParameters?.lang, header(event, 'accept-language')),
    // The programme is unknown: offer every shipped language.
    languages: LANGUAGES,
    path: event.rawPath,
    // The programme is unknown, so show the exit control: the page may be a survivor's mistyped link.
    quickExit: true,
  };
  const key = 'reason' in error && error.reason === 'not-open' ? 'notOpen' : (MESSAGE_BY_STATUS[error.status] ?? 'notFound');
  return { statusCode: error.status, headers: { ...PARTICIPANT_HEADERS }, body: renderMessage(neutral, key) };
}
