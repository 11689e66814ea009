/**
 * Runs an importer's per-row work (reads and appends on independent streams) a few at a time, so
 * waits on the store and the key store overlap (the key store creates the keys asked for in one turn
 * in one transaction). `add` waits while `limit` tasks run, which keeps memory bounded and lets the
 * file's reading follow the writing. The first failure is thrown by `add` or `drain`; no new task
 * starts after it.
 */
export class BoundedTasks {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwFailure();
    const running: Promise<void> = task()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwFailure();
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }
}
