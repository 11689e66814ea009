/** `If-Match` named a revision that is no longer current (HTTP 412). */
export class RevisionConflictError extends Error {
  override readonly name = 'RevisionConflictError';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: bigint,
    /** null when the stream does not exist. */
    readonly currentRevision: bigint | null,
  ) {
    super(`Revision ${expectedRevision} is no longer current (current: ${currentRevision ?? 'none'})`);
  }
}

/** An `Idempotency-Key` was reused with a different request (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
  }
}

/** Optimistic-concurrency retries ran out under sustained contention (HTTP 409, retryable). */
export class ConcurrencyRetriesExhaustedError extends Error {
  override readonly name = 'ConcurrencyRetriesExhaustedError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} kept changing; the command was not applied`);
  }
}
