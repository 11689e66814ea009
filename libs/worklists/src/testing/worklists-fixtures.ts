import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent } from '@leap/domain';
import type { RecordedEvent } from '@leap/event-store';
import { GenerationWriter, ReadModels, ensureActiveGeneration, generationTable } from '@leap/projections';
import type { SummaryScope } from '@leap/case-summaries';
import { WORKLISTS, worklistsProjection } from '../worklists.projection';
import { queryWorklist, type WorklistFilter, type WorklistInstant } from '../worklists.query';
import type { ItemRow } from '../worklists.store';

export type AnyEvent = CaseEvent | { type: string; data: object };

/** Worklists in a temp read-model file, fed recorded events by hand: events in, rows out. */
export function openWorklists() {
  const dir = mkdtempSync(join(tmpdir(), 'leap-worklists-'));
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const active = ensureActiveGeneration(readModels, worklistsProjection, new Date());
  const table = generationTable(WORKLISTS, active.generation);
  const writer = new GenerationWriter(readModels, {
    projection: worklistsProjection,
    generation: active.generation,
    active: true,
    position: null,
  });
  const revisions = new Map<string, number>();
  let position = 0;

  return {
    db: readModels.db,
    table,
    /** Records the events on `case-<caseId>` (event ids `<stream>-<revision>`) and applies them as one batch. */
    apply(caseId: string, ...events: AnyEvent[]): void {
      const streamId = `case-${caseId}`;
      const recorded = events.map((event): RecordedEvent => {
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
      writer.apply(recorded);
    },
    /** Item rows of a case (or of every case), by follow-up id. */
    items(caseId?: string): ItemRow[] {
      const where = caseId === undefined ? '' : ' WHERE key = ?';
      return readModels.db
        .prepare(`SELECT * FROM ${table}_items${where} ORDER BY follow_up_id`)
        .all(...(caseId === undefined ? [] : [caseId])) as ItemRow[];
    },
    subjects(caseId: string): string[] {
      return readModels.db
        .prepare<[string], string>(`SELECT subject FROM ${table}_visitors WHERE key = ? ORDER BY subject`)
        .pluck()
        .all(caseId);
    },
    document(caseId: string): unknown {
      const json = readModels.db
        .prepare<[string], string>(`SELECT document FROM ${table} WHERE key = ?`)
        .pluck()
        .get(caseId);
      return json === undefined ? undefined : JSON.parse(json);
    },
    query(scope: SummaryScope, filter: Partial<WorklistFilter>, at: WorklistInstant) {
      return queryWorklist(readModels.db, table, scope, { state: 'open', limit: 50, ...filter }, at);
    },
    close(): void {
      readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WorklistsUnderTest = ReturnType<typeof openWorklists>;

/** A `FollowUpDue.v1` event for a rule, due at an instant. */
export function due(
  followUpId: string,
  dueAt: string,
  rule = 'offer_consent',
  entryId: string | null = null,
) {
  return {
    type: 'FollowUpDue.v1',
    data: {
      followUpId,
      rule,
      reason: `reason of ${followUpId}`,
      dueAt,
      triggerEventId: `trigger-${followUpId}`,
      entryId,
    },
  };
}
