/**
 * What can be wrong with a request itself, whatever it asks: errors of the HTTP protocol, not
 * of the domain (those are in `core/errors.ts`). None carries a status: `http-errors.ts` maps
 * every error, these and the domain's, to a status and a page in one table.
 */

/** Names each error by its class, for the refusal log line. */
abstract class ProtocolError extends Error {
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body exceeds the size limit. */
export class PayloadTooLargeError extends ProtocolError {}

/** The body is not of a content type the route accepts. */
export class UnsupportedMediaTypeError extends ProtocolError {}

/** A request parameter is missing or malformed (evaluator API). */
export class BadRequestError extends ProtocolError {}

/**
 * No valid credential: no session (or one expired, ended or tampered with), or a sign-in that
 * could not be completed (a refused, expired or forged ID token).
 */
export class UnauthorisedError extends ProtocolError {}

/** Signed in, but without the role on the programme the request needs. */
export class ForbiddenError extends ProtocolError {}

/**
 * A form posted to a staff route from another site (a page elsewhere submitting to ours with the
 * reader's session): refused before it changes anything.
 */
export class CrossSiteRequestError extends ForbiddenError {}
