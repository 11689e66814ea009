import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, readOrCreateInstallationId, type EventStore } from '@leap/event-store';
import { FOLLOW_UP_CONFIG, type FollowUpConfig } from '../follow-up-config';

export interface TimerNamespaceInfo {
  /** The installation the event store belongs to; every timer job carries it. */
  installationId: string;
  /** BullMQ key prefix: `LEAP_QUEUE_PREFIX`, or derived from the installation id. */
  prefix: string;
}

/** `leap-` and the first 12 hex digits of the installation id: no `:`, short keys, no collision in practice. */
export const defaultQueuePrefix = (installationId: string): string =>
  `leap-${installationId
    .replace(/[^0-9A-Za-z]/g, '')
    .slice(0, 12)
    .toLowerCase()}`;

/**
 * Whose timers these are. Two installations sharing a Redis (another data dir, a test run, a demo)
 * would otherwise consume each other's jobs, find no such case and drop them: by default each uses
 * a prefix derived from its own installation id, kept in its event store, so every process of one
 * installation agrees on it and no other installation sees it. Resolved once, on first use; a
 * failed read (event store unreachable) is tried again on the next use.
 */
@Injectable()
export class TimerNamespace {
  private resolving: Promise<TimerNamespaceInfo> | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FOLLOW_UP_CONFIG) private readonly config: FollowUpConfig,
  ) {}

  resolve(): Promise<TimerNamespaceInfo> {
    this.resolving ??= readOrCreateInstallationId(this.store).then(
      (installationId) => ({
        installationId,
        prefix: this.config.queuePrefix ?? defaultQueuePrefix(installationId),
      }),
      (error: unknown) => {
        this.resolving = undefined;
        throw error;
      },
    );
    return this.resolving;
  }
}
