import type { CaseEvent } from '@leap/domain';
import { openCaseProjectionBench } from '../../../projections/src/testing/case-projection-bench';
import type { SummaryScope } from '@leap/case-summaries';
import { worklistsProjection } from '../worklists.projection';
import { queryWorklist, type WorklistFilter, type WorklistInstant } from '../worklists.query';
import type { ItemRow } from '../worklists.store';

export type AnyEvent = CaseEvent | { type: string; data: object };

/** Worklists in a temp read-model file, fed recorded events by hand: events in, rows out. */
export function openWorklists() {
  const bench = openCaseProjectionBench(worklistsProjection, 'worklists');
  const { readModels, table } = bench;

  return {
    db: readModels.db,
    table,
    apply: bench.apply,
    applyOnStream: bench.applyOnStream,
    applyPrepared: bench.applyPrepared,
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
    close: bench.close,
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
