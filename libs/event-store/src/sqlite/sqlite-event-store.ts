import type Database from 'better-sqlite3';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { ChangeSignal } from './change-signal';
import { parsePosition, toRecordedEvent } from './rows';
import { openEventsDatabase } from './schema';
import { SqliteReader } from './sqlite-reader';
import { SqliteStreamWriter, type AppendRequest } from './sqlite-stream-writer';
import { SqliteAllSubscription } from './sqlite-subscription';

interface PendingAppend extends AppendRequest {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for commits made by other connections to the file (ms). */
  pollIntervalMs?: number;
}

/**
 * The embedded event store: one SQLite file in WAL mode (see `openEventsDatabase` for the
 * durability promise). Several instances and processes may share a file; appends serialize on
 * SQLite's single write lock, and subscriptions see each other's commits within `pollIntervalMs`.
 *
 * Every method runs synchronously under its promise (better-sqlite3), so appends from concurrent
 * requests in this process never interleave.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly writer: SqliteStreamWriter;
  private readonly reader: SqliteReader;
  private readonly changes: ChangeSignal;
  private readonly subscriptions = new Set<SqliteAllSubscription>();
  private readonly select1: Database.Statement<[], unknown>;
  private readonly pendingAppends: PendingAppend[] = [];

  constructor(
    readonly file: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.db = openEventsDatabase(file);
    this.writer = new SqliteStreamWriter(this.db);
    this.reader = new SqliteReader(this.db);
    const dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.changes = new ChangeSignal(() => dataVersion.get() ?? 0, options.pollIntervalMs ?? 100);
    this.select1 = this.db.prepare('SELECT 1');
  }

  /**
   * Appends asked for in the same turn of the event loop are written in one transaction, so one
   * commit (group commit): many concurrent appends (an import's streams, a burst of commands) cost
   * one commit instead of one each. Each stays atomic and is refused or accepted on its own, in the
   * order asked; each promise settles once the group is committed.
   */
  appendToStream(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ streamId, events, expected, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(() => this.writePendingAppends());
    });
  }

  private writePendingAppends(): void {
    const group = this.pendingAppends.splice(0);
    if (group.length === 0) return;
    try {
      if (group.length === 1) {
        const [only] = group as [PendingAppend];
        only.resolve(this.writer.append(only.streamId, only.events, only.expected));
        return;
      }
      const results = this.writer.appendAll(group);
      group.forEach((append, index) => {
        const result = results[index]!;
        if (result instanceof Error) append.reject(result);
        else append.resolve(result);
      });
    } catch (error) {
      for (const append of group) append.reject(error);
    } finally {
      this.changes.notify();
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.reader.readStream(streamId, options).map(toRecordedEvent);
  }

  async lastRevisions(streamIds: readonly string[]): Promise<(bigint | null)[]> {
    return this.reader
      .lastRevisions(streamIds)
      .map((revision) => (revision === null ? null : BigInt(revision)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined ? 0 : parsePosition(options.after);
    return this.reader.readAll(after, options.maxCount ?? -1, options.filter).rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const after = options.after === undefined ? 0 : parsePosition(options.after);
    const { filter } = options;
    const subscription = new SqliteAllSubscription(
      {
        readPage: (from, maxCount) => this.reader.readAll(from, maxCount, filter),
        version: () => this.changes.version(),
        waitForChange: (since) => this.changes.wait(since),
      },
      after,
      this.reader.headPosition(),
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async deleteStream(streamId: string, expected: ExpectedRevision): Promise<void> {
    // Appends asked for before the deletion go in before it.
    this.writePendingAppends();
    this.writer.tombstone(streamId, expected);
    this.changes.notify();
  }

  comparePositions(a: Position, b: Position): number {
    return Math.sign(parsePosition(a) - parsePosition(b));
  }

  async headPosition(): Promise<Position | null> {
    const head = this.reader.headPosition();
    return head === 0 ? null : String(head);
  }

  async ping(): Promise<void> {
    this.select1.get();
  }

  /** Ends every subscription (their iterations finish), then closes the file. */
  async close(): Promise<void> {
    this.writePendingAppends();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.changes.notify();
    if (this.db.open) this.db.close();
  }
}
