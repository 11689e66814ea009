interface Waiter {
  /** `PRAGMA data_version` the waiter saw before its last read. */
  since: number;
  wake: () => void;
}

/**
 * What a reader saw before reading: other connections' commits (`PRAGMA data_version`) and this
 * store's own (counted by `notify`). Equal versions mean nothing was committed in between.
 */
export interface ChangeVersion {
  external: number;
  local: number;
}

export interface ChangeWait {
  promise: Promise<void>;
  /** Resolves the wait now (e.g. the subscription closes). */
  cancel(): void;
}

/**
 * Wakes subscriptions when new events may be in the file.
 *
 * - Appends through this store call `notify()` right after they commit.
 * - Commits by other connections (another process, another store instance on the same file) change
 *   `PRAGMA data_version`; while anyone waits, it is polled every `pollMs`. A waiter records the
 *   version *before* its read, so a commit landing between its read and its wait still wakes it.
 * Wakes may be spurious; a woken subscription simply reads again.
 */
export class ChangeSignal {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private localCommits = 0;

  constructor(
    private readonly dataVersion: () => number,
    private readonly pollMs: number,
  ) {}

  version(): ChangeVersion {
    return { external: this.dataVersion(), local: this.localCommits };
  }

  wait(since: number): ChangeWait {
    let waiter: Waiter | undefined;
    const promise = new Promise<void>((resolve) => {
      waiter = { since, wake: resolve };
    });
    const registered = waiter as Waiter;
    this.waiters.add(registered);
    this.timer ??= setInterval(() => this.poll(), this.pollMs).unref();
    return { promise, cancel: () => this.release(registered) };
  }

  notify(): void {
    this.localCommits += 1;
    for (const waiter of [...this.waiters]) this.release(waiter);
  }

  private poll(): void {
    let version: number;
    try {
      version = this.dataVersion();
    } catch {
      // The database is gone (closed): wake everyone; their next read reports it.
      return this.notify();
    }
    for (const waiter of [...this.waiters]) if (waiter.since !== version) this.release(waiter);
  }

  private release(waiter: Waiter): void {
    if (this.waiters.delete(waiter)) waiter.wake();
    if (this.waiters.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
