/**
 * Commands on the same stream from one process run one after another instead of racing: they
 * would otherwise read the same revision and all but one would lose the optimistic-concurrency
 * check and retry. Writers in other processes still race, and the retry in `handleCommand` covers
 * them. Locks are taken in one direction only (a case, then the student's slot), so they cannot
 * deadlock.
 */
const tails = new Map<string, Promise<void>>();

export async function withStreamLock<T>(streamId: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(streamId) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(streamId, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(streamId) === tail) tails.delete(streamId);
  }
}
