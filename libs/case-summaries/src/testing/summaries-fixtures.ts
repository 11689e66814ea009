import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent } from '@leap/domain';
import type { RecordedEvent } from '@leap/event-store';
import { GenerationWriter, ReadModels, ensureActiveGeneration, generationTable } from '@leap/projections';
import { caseSummariesProjection, CASE_SUMMARIES } from '../case-summaries.projection';
import { querySummaries, type SummaryFilter } from '../case-summaries.query';
import type { SummaryScope } from '../summary-access';

/** Case summaries in a temp read-model file, fed recorded events by hand: events in, rows out. */
export function openSummaries() {
  const dir = mkdtempSync(join(tmpdir(), 'leap-summaries-'));
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const active = ensureActiveGeneration(readModels, caseSummariesProjection, new Date());
  const table = generationTable(CASE_SUMMARIES, active.generation);
  const writer = new GenerationWriter(readModels, {
    projection: caseSummariesProjection,
    generation: active.generation,
    active: true,
    position: null,
  });
  const revisions = new Map<string, number>();
  let position = 0;

  return {
    /** Records the events on `case-<caseId>` and applies them as one batch. */
    apply(caseId: string, ...events: Array<CaseEvent | { type: string; data: object }>): void {
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
    rows(): Array<Record<string, unknown>> {
      return readModels.db.prepare(`SELECT * FROM ${table} ORDER BY key`).all() as Array<
        Record<string, unknown>
      >;
    },
    row(caseId: string): Record<string, unknown> | undefined {
      return readModels.db.prepare(`SELECT * FROM ${table} WHERE key = ?`).get(caseId) as
        Record<string, unknown> | undefined;
    },
    visitors(caseId: string) {
      return readModels.db
        .prepare(`SELECT visitor_id, subject FROM ${table}_visitors WHERE key = ? ORDER BY visitor_id`)
        .all(caseId);
    },
    query(scope: SummaryScope, filter: Partial<SummaryFilter> = {}) {
      return querySummaries(readModels.db, table, scope, { limit: 50, ...filter });
    },
    close(): void {
      readModels.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Summaries = ReturnType<typeof openSummaries>;
