import { keyedCaseUpcasts, upcastCaseEvent, type Pseudonymize, type StoredCaseEvent } from '@leap/domain';
import type {
  EventStore,
  EventToAppend,
  RecordedEvent,
} from '../../../libs/event-store/src/event-store.port';
import type { PiiCipher } from '../../../libs/privacy/src/crypto/pii-cipher';
import { isSealed } from '../../../libs/privacy/src/crypto/sealed-pii';
import { KeyDestroyedError, type AdministeredKeyStore } from '../../../libs/privacy/src/keys/key-store.port';

const PAGE = 500;

/** Why a copy cannot start or go on: the operator's to fix (exit 2), nothing was written. */
export class MigrationRefusedError extends Error {
  override readonly name = 'MigrationRefusedError';
}

export interface EncryptPiiCopy {
  /** The configured store, read raw: what an earlier version wrote. */
  source: EventStore;
  /** The new store, through the sealing protection: every plain `pii` appended is sealed. */
  target: EventStore;
  /** The target's key store: keys of families erased in the source are destroyed there too. */
  targetKeys: AdministeredKeyStore;
  /** The install's pseudonyms, for the keyed upcasts (the same key the target is run with). */
  pseudonymize: Pseudonymize;
  /** Opens `pii` the source already holds sealed (a store written by a version that seals). */
  sourceCipher: () => PiiCipher;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Copies every event of `source` into `target` in global order, each upcast to its current version
 * (the keyed upcasts, then the domain's) with the same id, stream, revision and metadata: appended
 * at its source revision, so the target's streams are the source's. Consecutive events of one
 * stream go in one append. A target that already holds a prefix of the source (an interrupted copy)
 * is continued after its last event; any other non-empty target is refused.
 */
export async function copyWithSealedPii(copy: EncryptPiiCopy): Promise<{ copied: number; total: number }> {
  const { source, target } = copy;
  const total = await countAll(source);
  const resumeAfter = await resumePoint(source, target);
  let done = resumeAfter?.done ?? 0;
  let after = resumeAfter?.position;
  const upcasts = keyedCaseUpcasts(copy.pseudonymize);
  copy.onProgress?.(done, total);
  for (;;) {
    const page = await source.readAll({ after, maxCount: PAGE });
    if (page.length === 0) break;
    const events = await Promise.all(page.map((event) => current(event, upcasts, copy)));
    for (const run of streamRuns(events)) {
      const first = run[0]!;
      const expected = first.revision === 0n ? 'no_stream' : first.revision - 1n;
      await target.appendToStream(first.streamId, run.map(toAppend), expected);
      done += run.length;
      copy.onProgress?.(done, total);
    }
    after = page.at(-1)!.position;
  }
  return { copied: done - (resumeAfter?.done ?? 0), total };
}

/** The recorded event as its current version, its already-sealed `pii` opened (or its erasure carried over). */
async function current(
  event: RecordedEvent,
  upcasts: ReturnType<typeof keyedCaseUpcasts>,
  copy: EncryptPiiCopy,
): Promise<RecordedEvent> {
  let data = event.data;
  if (isSealed(data.pii)) {
    const context = { streamId: event.streamId, eventType: event.type };
    const opened = await copy.sourceCipher().open(data.pii, context);
    if ('erased' in opened && opened.erased === true) {
      // Kept sealed under a key that is destroyed in the target too: it reads as erased there,
      // and nothing more can be written for that family.
      const districtId = event.metadata.districtId;
      const household = data.household;
      const attributes = {
        districtId: typeof districtId === 'string' ? districtId : null,
        household: typeof household === 'string' ? household : null,
      };
      // A target sharing the source's key store finds it destroyed already.
      const live = await copy.targetKeys.getOrCreate(data.pii.key, attributes).then(
        () => true,
        (error: unknown) => (error instanceof KeyDestroyedError ? false : Promise.reject(error)),
      );
      if (live) await copy.targetKeys.destroy([data.pii.key]);
    } else data = { ...data, pii: opened };
  }
  const keyed = Object.hasOwn(upcasts, event.type) ? upcasts[event.type]! : null;
  const stored = keyed ? { type: keyed.to, data: keyed.upcast(data) } : { type: event.type, data };
  const upcast = upcastCaseEvent(stored as StoredCaseEvent);
  return { ...event, type: upcast.type, data: upcast.data as RecordedEvent['data'] };
}

function toAppend({ id, type, data, metadata }: RecordedEvent): EventToAppend {
  return { id, type, data, metadata };
}

/** Consecutive events of one stream at consecutive revisions. */
function streamRuns(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && last.streamId === event.streamId && last.revision + 1n === event.revision)
      run.push(event);
    else runs.push([event]);
  }
  return runs;
}

async function countAll(store: EventStore): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5000 });
    count += page.length;
    if (page.length === 0) return count;
    after = page.at(-1)!.position;
  }
}

/**
 * Where an interrupted copy goes on: null for an empty target. A non-empty target must hold the
 * source's first events, in order, and nothing else; its last event's id then names the source
 * position to continue after.
 */
async function resumePoint(
  source: EventStore,
  target: EventStore,
): Promise<{ done: number; position: string } | null> {
  let done = 0;
  let sourceAfter: string | undefined;
  let targetAfter: string | undefined;
  for (;;) {
    const page = await target.readAll({ after: targetAfter, maxCount: PAGE });
    if (page.length === 0) break;
    const from = await source.readAll({ after: sourceAfter, maxCount: page.length });
    page.forEach((event, i) => {
      if (from[i]?.id !== event.id)
        throw new MigrationRefusedError(
          'The target store is not empty and is not an interrupted copy of this store: ' +
            'name an empty data dir or an empty EventStoreDB.',
        );
    });
    done += page.length;
    targetAfter = page.at(-1)!.position;
    sourceAfter = from.at(-1)!.position;
  }
  return sourceAfter === undefined ? null : { done, position: sourceAfter };
}
