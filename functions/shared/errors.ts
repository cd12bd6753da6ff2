/**
 * Errors that map to HTTP answers. Each carries its status; the error middleware renders them,
 * in the participant's language for survey routes, and never lets a raw error reach a response.
 */

/** Base class: an expected failure with the status it maps to. */
export abstract class HttpError extends Error {
  abstract readonly status: number;
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The link code is malformed or unknown. */
export class LinkNotFoundError extends HttpError {
  readonly status = 404;
}

/** The wave is not open yet, or closed. */
export class WaveClosedError extends HttpError {
  readonly status = 410;
  constructor(readonly reason: 'not-open' | 'closed') {
    super(`wave ${reason}`);
  }
}

/** The participant withdrew: the link answers "no longer active" in its programme's languages. */
export class LinkWithdrawnError extends HttpError {
  readonly status = 410;
  constructor(readonly programme: string) {
    super('participant withdrawn');
  }
}

/** The body exceeds the size limit. */
export class PayloadTooLargeError extends HttpError {
  readonly status = 413;
}

/** The body is not of a content type the route accepts. */
export class UnsupportedMediaTypeError extends HttpError {
  readonly status = 415;
}

/** A request parameter is missing or malformed (evaluator API). */
export class BadRequestError extends HttpError {
  readonly status = 400;
}

/** Missing or wrong evaluator token. */
export class UnauthorisedError extends HttpError {
  readonly status = 401;
}

/** A definition, cohort or record the request names does not exist. */
export class NotFoundError extends HttpError {
  readonly status = 404;
}
