/**
 * Participant error answers: the status with a one-message page in the best language known,
 * the programme's when the link resolved, otherwise the browser's among all shipped. Which
 * status and message answer which error is `shared/http-errors.ts`'s table.
 */
import { LANGUAGES, type ProgrammeDefinition as Programme } from '#surveys/schema.ts';
import { header, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { pickLanguage } from './language.ts';
import { PARTICIPANT_HEADERS, type PageFrame } from './participant-page.ts';
import { frameFor, renderMessage, renderRetry, renderWithdrawn } from './survey-page.ts';
import type { StringKey } from './strings.ts';

/** A frame when the programme is unknown: every shipped language, and the exit control. */
function neutralFrame(event: HttpEvent, chosen?: string): PageFrame {
  return {
    language: pickLanguage(
      LANGUAGES,
      'en',
      chosen ?? event.queryStringParameters?.lang,
      header(event, 'accept-language'),
    ),
    // The programme is unknown: offer every shipped language.
    languages: LANGUAGES,
    path: event.rawPath,
    // The programme is unknown, so show the exit control: the page may be a survivor's mistyped link.
    quickExit: true,
  };
}

/** The page for a refused request: the status with one message, in the frame given or a neutral one. */
export function participantMessageResult(
  event: HttpEvent,
  status: number,
  message: StringKey,
  frame?: PageFrame,
): HttpResult {
  return {
    statusCode: status,
    headers: { ...PARTICIPANT_HEADERS },
    body: renderMessage(frame ?? neutralFrame(event), message),
  };
}

/**
 * The answer of a link whose participant withdrew: "no longer active" in the languages of the
 * programme the erasure marker names (a neutral frame when it is no longer defined); a post is
 * sent back to the link's page.
 */
export function participantWithdrawnResult(
  event: HttpEvent,
  status: number,
  programme: Programme | undefined,
): HttpResult {
  const query = event.queryStringParameters ?? {};
  // A post to a withdrawn link is answered through the link's page, so reload never resubmits.
  if (event.requestContext.http.method === 'POST') {
    let chosen: string | undefined;
    try {
      const lang = parseForm(event).lang;
      chosen = typeof lang === 'string' && /^[a-z]{2}$/.test(lang) ? lang : undefined;
    } catch {
      chosen = undefined;
    }
    return {
      statusCode: 303,
      headers: {
        ...PARTICIPANT_HEADERS,
        location: `${event.rawPath}${chosen === undefined ? '' : `?lang=${chosen}`}`,
      },
      body: '',
    };
  }
  // The programme's languages and its exit control.
  const frame =
    programme === undefined
      ? neutralFrame(event)
      : frameFor(
          programme,
          pickLanguage(programme.languages, programme.defaultLanguage, query.lang, header(event, 'accept-language')),
          event.rawPath,
        );
  return {
    statusCode: status,
    headers: { ...PARTICIPANT_HEADERS },
    body: renderWithdrawn(frame, query.withdrawn === '1'),
  };
}

/**
 * The page for a failure (the store throttled, timed out or failed): 503 with every participant
 * header and the exit control, a calm message in the participant's language, and for a posted
 * screen the answers sent back in a form that tries again as it was.
 */
export function participantFailureResult(event: HttpEvent): HttpResult {
  let fields: Record<string, string | string[]> = {};
  if (event.requestContext.http.method === 'POST') {
    try {
      fields = parseForm(event);
    } catch {
      fields = {};
    }
  }
  const chosen = typeof fields.lang === 'string' ? fields.lang : undefined;
  const frame = neutralFrame(event, chosen);
  const body =
    event.requestContext.http.method === 'POST' ? renderRetry(frame, fields) : renderMessage(frame, 'openFailed');
  return { statusCode: 503, headers: { ...PARTICIPANT_HEADERS, 'retry-after': '5' }, body };
}
