/**
 * Participant error answers: the status with a one-message page in the best language known,
 * the programme's when the link resolved, otherwise the browser's among all shipped.
 */
import { LANGUAGES } from '#surveys/schema.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { LinkWithdrawnError, type HttpError } from '#shared/errors.ts';
import { header, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { pickLanguage } from './language.ts';
import { PARTICIPANT_HEADERS, type PageFrame } from './participant-page.ts';
import { frameFor, renderMessage, renderRetry, renderWithdrawn } from './survey-page.ts';
import type { StringKey } from './strings.ts';

const MESSAGE_BY_STATUS: Readonly<Record<number, StringKey>> = {
  404: 'notFound',
  410: 'closed',
  413: 'tooLarge',
  415: 'unsupported',
};

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

/** The page for an expected error, in the frame given or a neutral one. */
export function participantErrorResult(
  error: HttpError,
  event: HttpEvent,
  catalog?: Catalog,
  frame?: PageFrame,
): HttpResult {
  if (error instanceof LinkWithdrawnError) {
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
    // The marker names the programme: its languages and its exit control.
    const programme = catalog?.programmes.get(error.programme);
    const withdrawnFrame =
      programme === undefined
        ? neutralFrame(event)
        : frameFor(
            programme,
            pickLanguage(programme.languages, programme.defaultLanguage, query.lang, header(event, 'accept-language')),
            event.rawPath,
          );
    return {
      statusCode: 410,
      headers: { ...PARTICIPANT_HEADERS },
      body: renderWithdrawn(withdrawnFrame, query.withdrawn === '1'),
    };
  }
  const neutral: PageFrame = frame ?? neutralFrame(event);
  const key =
    'reason' in error && error.reason === 'not-open' ? 'notOpen' : (MESSAGE_BY_STATUS[error.status] ?? 'notFound');
  return { statusCode: error.status, headers: { ...PARTICIPANT_HEADERS }, body: renderMessage(neutral, key) };
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
