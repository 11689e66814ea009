import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@leap/event-store';
import { GenerationWriter } from '../generation-writer';
import { ensureActiveGeneration } from '../generations';
import { prepareBatch, type PiiReader, type Projection } from '../projection';
import { ReadModels, generationTable } from '../read-models';

/**
 * A projection's active tables in a temp read-model file, fed case events by hand (events in, rows
 * out): each `apply` records the events on `case-<caseId>` (ids `<stream>-<revision>`, consecutive
 * revisions and positions) and applies them as one batch.
 */
export function openCaseProjectionBench<Doc, Prepared>(
  projection: Projection<Doc, Prepared>,
  prefix: string,
) {
  const dir = mkdtempSync(join(tmpdir(), `leap-${prefix}-`));
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const active = ensureActiveGeneration(readModels, projection, new Date());
  const table = generationTable(projection.name, active.generation);
  const writer = new GenerationWriter(readModels, {
    projection,
    generation: active.generation,
    active: true,
    position: null,
  });
  const revisions = new Map<string, number>();
  let position = 0;
  const record = (caseId: string, events: Array<{ type: string; data: object }>) =>
    recordOn(`case-${caseId}`, events);
  const recordOn = (streamId: string, events: Array<{ type: string; data: object }>) => {
    return events.map((event): RecordedEvent => {
      const revision = (revisions.get(streamId) ?? -1) + 1;
      revisions.set(streamId, revision);
      position += 1;
      return {
        id: `${streamId}-${revision}`,
        streamId,
        revision: BigInt(revision),
        position: String(position),
        type: event.type,
        data: event.data as RecordedEvent['data'],
        metadata: {},
        recordedAt: new Date(0).toISOString(),
      };
    });
  };
  return {
    readModels,
    table,
    /** Applies the events as one batch, without `prepare` (as a caller folding by hand). */
    apply(caseId: string, ...events: Array<{ type: string; data: object }>): void {
      writer.apply(record(caseId, events));
    },
    /** Applies events recorded on another stream than a case's (e.g. `candidate-…`) as one batch. */
    applyOnStream(streamId: string, ...events: Array<{ type: string; data: object }>): void {
      writer.apply(recordOn(streamId, events));
    },
    /** Applies the events as one batch the way the runner does: `prepare` (with `pii`), then evolve. */
    async applyPrepared(pii: PiiReader, caseId: string, ...events: Array<{ type: string; data: object }>) {
      const recorded = record(caseId, events);
      writer.apply(recorded, await prepareBatch(projection, recorded, pii));
    },
    close(): void {
      readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
