import { randomUUID } from 'node:crypto';
import { StreamNotFoundError, WrongExpectedRevisionError } from './errors';
import type { EventStore } from './event-store.port';

/** The stream holding the installation's identity: one `InstallationCreated.v1` event. */
export const INSTALLATION_STREAM = 'installation-identity';
export const INSTALLATION_CREATED = 'InstallationCreated.v1';

export interface InstallationIdOptions {
  /** Another stream than `installation-identity` (tests sharing one server). */
  streamId?: string;
  newId?: () => string;
}

/**
 * The id of the installation this event store belongs to: created with the store, kept in it, so
 * every process on the same store (api, worker, CLI) reads the same id, and another store (another
 * data dir, another EventStoreDB) has another. Anything kept outside the store — BullMQ jobs in a
 * shared Redis — carries it to tell whose it is.
 *
 * The first caller creates it by appending the one event with expected revision `no_stream`; when
 * processes race, one append wins and the others read the winner's id.
 */
export async function readOrCreateInstallationId(
  store: EventStore,
  { streamId = INSTALLATION_STREAM, newId = randomUUID }: InstallationIdOptions = {},
): Promise<string> {
  const existing = await readInstallationId(store, streamId);
  if (existing !== null) return existing;
  const installationId = newId();
  try {
    await store.appendToStream(
      streamId,
      [{ id: randomUUID(), type: INSTALLATION_CREATED, data: { installationId }, metadata: {} }],
      'no_stream',
    );
    return installationId;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    const winner = await readInstallationId(store, streamId);
    if (winner === null)
      throw new Error(`Stream ${streamId} exists but holds no installation id`, { cause: error });
    return winner;
  }
}

async function readInstallationId(store: EventStore, streamId: string): Promise<string | null> {
  try {
    const [created] = await store.readStream(streamId, { maxCount: 1 });
    const id = created?.data.installationId;
    if (created?.type !== INSTALLATION_CREATED || typeof id !== 'string' || id === '')
      throw new Error(`Stream ${streamId} does not start with ${INSTALLATION_CREATED}`);
    return id;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
}
