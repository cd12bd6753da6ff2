/**
 * How errors are answered over HTTP, in one table: every error a request can meet, of the domain
 * (`core/errors.ts`) or of the protocol (`errors.ts`), with its status and what each kind of page
 * says. Handlers throw and never catch; the middleware here answers (the staff pages' in
 * `staff-errors.ts`, so that the survey functions and the impact API never bundle the staff pages
 * and their strings). An error the table does not know is a failure (the store down, a bug):
 * logged by its class, never its message, and answered without details: a calm 503 page on
 * survey routes, a bare 500 elsewhere.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Catalog } from '#surveys/catalog.ts';
import {
  ApiTokenError,
  InvalidInputError,
  NotStaffError,
  ParticipantWithdrawnError,
  CohortChangedError,
  CohortClosedError,
  RetentionTooShortError,
  SignInRefusedError,
  SummaryNotPublishedError,
  StaffChangeError,
  UnknownCohortError,
  ErasureRaceError,
  UnknownLinkError,
  UnknownProgrammeError,
  UnknownSessionError,
  WaveNotOpenError,
} from '#core/errors.ts';
import type { StaffStringKey } from '#web/staff-strings.ts';
import { participantFailureResult, participantMessageResult, participantWithdrawnResult } from '#web/message-result.ts';
import type { PageFrame } from '#web/participant-page.ts';
import type { StringKey } from '#web/strings.ts';
import {
  BadRequestError,
  CrossSiteRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthorisedError,
  UnsupportedMediaTypeError,
} from './errors.ts';
import { API_HEADERS, type HttpEvent, type HttpResult } from './http.ts';
import { logger } from './logger.ts';

/** How one class of error is answered. */
export interface Answer<E extends Error> {
  readonly status: number;
  /** The participant page's message; `withdrawn`: the "no longer active" page of the link's programme. */
  readonly participant: StringKey | 'withdrawn' | ((error: E) => StringKey);
  /** The evaluator API's `error` field. */
  readonly api: (error: E) => string;
  /** Headers the evaluator API adds to this answer. */
  readonly apiHeaders?: Readonly<Record<string, string>>;
  /** The staff page's title and message, in the reader's language. */
  readonly staff: StaffMessage;
}

/** A staff page's title and message. */
interface StaffMessage {
  readonly title: StaffStringKey;
  readonly message: StaffStringKey;
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

interface Row {
  readonly type: ErrorClass<Error>;
  readonly answer: Answer<Error>;
}

/** A row of the table, typed so that each answer sees its own class. */
function row<E extends Error>(type: ErrorClass<E>, answer: Answer<E>): Row {
  return { type, answer: answer as Answer<Error> };
}

const NOT_FOUND: StaffMessage = { title: 'error.notFoundTitle', message: 'error.notFound' };
const SIGNED_OUT: StaffMessage = { title: 'error.signedOutTitle', message: 'error.signedOut' };
const FORBIDDEN: StaffMessage = { title: 'error.forbiddenTitle', message: 'error.forbidden' };
const NOT_UNDERSTOOD: StaffMessage = { title: 'error.badRequestTitle', message: 'error.badRequest' };
const itsMessage = (error: Error): string => error.message;

/** The table: the first row whose class the error is an instance of answers it. */
const ANSWERS: readonly Row[] = [
  row(UnknownLinkError, { status: 404, participant: 'notFound', api: itsMessage, staff: NOT_FOUND }),
  row(WaveNotOpenError, {
    status: 410,
    participant: (error) => (error.reason === 'not-open' ? 'notOpen' : 'closed'),
    api: itsMessage,
    staff: NOT_FOUND,
  }),
  row(ParticipantWithdrawnError, { status: 410, participant: 'withdrawn', api: itsMessage, staff: NOT_FOUND }),
  row(UnknownProgrammeError, {
    status: 404,
    participant: 'notFound',
    api: (error) => `unknown programme ${error.programme}`,
    staff: NOT_FOUND,
  }),
  row(UnknownCohortError, {
    status: 404,
    participant: 'notFound',
    api: (error) => `unknown cohort ${error.cohort}`,
    staff: NOT_FOUND,
  }),
  row(UnknownSessionError, { status: 404, participant: 'notFound', api: itsMessage, staff: NOT_FOUND }),
  row(SummaryNotPublishedError, { status: 404, participant: 'notFound', api: itsMessage, staff: NOT_FOUND }),
  row(InvalidInputError, { status: 400, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(CohortClosedError, { status: 409, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(CohortChangedError, { status: 409, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(RetentionTooShortError, { status: 400, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(BadRequestError, { status: 400, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  // A table a withdrawal left stale (a summary preview reads stored tables only): the next aggregation mends it.
  row(ErasureRaceError, {
    status: 503,
    participant: 'notFound',
    api: () => 'being recomputed after a withdrawal; try again after the next aggregation',
    staff: { title: 'error.recomputingTitle', message: 'error.recomputing' },
  }),
  // The staff pages answer these with their form and the problem named; a caller that does not is told 400.
  row(StaffChangeError, { status: 400, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(ApiTokenError, { status: 400, participant: 'notFound', api: itsMessage, staff: NOT_UNDERSTOOD }),
  row(UnauthorisedError, {
    status: 401,
    participant: 'notFound',
    api: () => 'a valid API token is required',
    apiHeaders: { 'www-authenticate': 'Bearer' },
    staff: SIGNED_OUT,
  }),
  // A sign-in that did not hold: not signed in, and the page offers to start again.
  row(SignInRefusedError, { status: 401, participant: 'notFound', api: () => 'sign-in refused', staff: SIGNED_OUT }),
  row(NotStaffError, { status: 403, participant: 'notFound', api: () => 'not on the staff', staff: FORBIDDEN }),
  // Before ForbiddenError, which it extends: the page says why nothing was changed.
  row(CrossSiteRequestError, {
    status: 403,
    participant: 'notFound',
    api: () => 'cross-site request refused',
    staff: { title: 'error.crossSiteTitle', message: 'error.crossSite' },
  }),
  row(ForbiddenError, {
    status: 403,
    participant: 'notFound',
    api: () => 'this token does not grant that programme or table',
    staff: FORBIDDEN,
  }),
  row(PayloadTooLargeError, {
    status: 413,
    participant: 'tooLarge',
    api: itsMessage,
    staff: { title: 'error.badRequestTitle', message: 'error.tooLarge' },
  }),
  row(UnsupportedMediaTypeError, {
    status: 415,
    participant: 'unsupported',
    api: itsMessage,
    staff: { title: 'error.badRequestTitle', message: 'error.unsupported' },
  }),
];

/** The row answering an error, if it is one the table knows. */
function answerFor(error: unknown): Answer<Error> | undefined {
  return ANSWERS.find(({ type }) => error instanceof type)?.answer;
}

/**
 * What a survey route's handler tells its error pages as it learns it, on the Lambda context
 * (one per request; the middleware clears both before the handler runs).
 */
export interface ParticipantContext extends Context {
  /** Programme, language and exit control, once the link is opened: refusals are answered in them. */
  participantFrame?: PageFrame | undefined;
  /** The answer should the store fail from here on (the screen again, answers kept) instead of the neutral one. */
  participantFailure?: (() => HttpResult) | undefined;
}

/**
 * Middleware answering errors with `answer(row, error, event, context)` for those the table knows,
 * and a bare 500 for the others: the impact API's JSON here, the staff pages' in `staff-errors.ts`.
 */
export function answeredBy<C extends Context>(
  answer: (row: Answer<Error>, error: Error, event: HttpEvent, context: C) => HttpResult,
): MiddlewareObj<HttpEvent, HttpResult, Error, C> {
  return {
    onError: (request) => {
      const { error, event } = request;
      const row = answerFor(error);
      if (row === undefined || error === null) {
        logFailure(event, error);
        request.response = {
          statusCode: 500,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
          body: 'Internal error',
        };
        return;
      }
      logRefusal(event, row.status, error);
      request.response = answer(row, error, event, request.context);
    },
  };
}

/** Answers errors on the impact API: JSON `{ error }`, never cached. */
export function apiErrors(): MiddlewareObj<HttpEvent, HttpResult> {
  return answeredBy((row, error) => ({
    statusCode: row.status,
    headers: { ...API_HEADERS, 'content-type': 'application/json', ...row.apiHeaders },
    body: JSON.stringify({ error: row.api(error) }),
  }));
}

/** Answers errors on the survey routes with participant pages, in the frame the handler set. */
export function participantErrors(catalog: Catalog): MiddlewareObj<HttpEvent, HttpResult, Error, ParticipantContext> {
  return {
    before: (request) => {
      request.context.participantFrame = undefined;
      request.context.participantFailure = undefined;
    },
    onError: (request) => {
      const { error, event, context } = request;
      const answer = answerFor(error);
      if (answer === undefined || error === null) {
        logFailure(event, error);
        request.response = failurePage(event, context);
        return;
      }
      logRefusal(event, answer.status, error);
      const { participant } = answer;
      if (participant === 'withdrawn') {
        // The erasure marker names the programme: its languages and its exit control.
        const programme = error instanceof ParticipantWithdrawnError ? error.programme : undefined;
        request.response = participantWithdrawnResult(
          event,
          answer.status,
          programme === undefined ? undefined : catalog.programmes.get(programme),
        );
        return;
      }
      const message = typeof participant === 'function' ? participant(error) : participant;
      request.response = participantMessageResult(event, answer.status, message, context.participantFrame);
    },
  };
}

/** The handler's failure page if it set one, else the calm neutral one (which a failing page falls back to too). */
function failurePage(event: HttpEvent, context: ParticipantContext): HttpResult {
  try {
    const page = context.participantFailure?.();
    if (page !== undefined) return page;
  } catch (error) {
    logFailure(event, error);
  }
  return participantFailureResult(event);
}

function logRefusal(event: HttpEvent, status: number, error: Error): void {
  logger.info('request refused', { route: event.routeKey, status, error: error.name });
}

/**
 * Logs a failure by its class and the status AWS answered, never its message: a message may
 * quote what was being parsed or written (a draft, an answer), and logs never hold answers.
 */
export function logFailure(event: HttpEvent, error: unknown): void {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  logger.error('request failed', {
    route: event.routeKey,
    error: error instanceof Error ? error.name : 'unknown',
    ...(typeof status === 'number' ? { awsStatus: status } : {}),
  });
}
