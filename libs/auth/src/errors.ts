/** Missing, malformed, expired or badly signed token (HTTP 401). */
export class NotAuthenticatedError extends Error {
  override readonly name = 'NotAuthenticatedError';
}

/** The principal is in scope but its role may not do this (HTTP 403). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
