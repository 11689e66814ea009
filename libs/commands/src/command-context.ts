/** Who sends a command, on whose behalf, and how it relates to what came before. */
export interface Actor {
  /** The `sub` of the user's login, or `system` for timers and workers. */
  id: string;
  role: string;
}

export interface CommandContext {
  actor: Actor;
  /** Unique per command; derived from the actor and the idempotency key when there is one. */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** When the system received the command (recorded time, not a business date). */
  receivedAt: Date;
  /** Present when the request carried an `Idempotency-Key` header. */
  idempotency?: { key: string; requestHash: string };
  /** Present when the request carried `If-Match`: the revision the client last saw. No silent retry then. */
  expectedRevision?: bigint;
}

/** The district/school a stream's events belong to, written into every event's metadata. */
export interface Scope {
  districtId: string | null;
  schoolId: string | null;
}
