/** Typed errors every adapter raises, so callers never depend on an adapter's own error classes. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: string,
    /** Revision of the stream's last event, or `null` when the stream does not exist. */
    readonly actual: bigint | null,
  ) {
    super(
      `Stream ${streamId}: expected revision ${expected}, actual ${actual === null ? 'no stream' : String(actual)}`,
    );
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly streamId: string) {
    // An expected answer (a case being created, a district with default rules), not a fault:
    // capturing a stack trace for it costs more than the read itself.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`Stream ${streamId} not found`);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is deleted`);
  }
}

/**
 * The event store could not be reached or did not answer in time. Nothing is known to be written:
 * a retry of the same command (same event ids) is safe. HTTP answers 503 with Retry-After.
 */
export class EventStoreUnavailableError extends Error {
  override readonly name: string = 'EventStoreUnavailableError';
  constructor(message: string) {
    super(message);
  }
}
