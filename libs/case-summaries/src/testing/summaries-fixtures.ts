import { openCaseProjectionBench } from '../../../projections/src/testing/case-projection-bench';
import { caseSummariesProjection } from '../case-summaries.projection';
import { querySummaries, type SummaryFilter } from '../case-summaries.query';
import type { SummaryScope } from '../summary-access';

/** Case summaries in a temp read-model file, fed recorded events by hand: events in, rows out. */
export function openSummaries() {
  const bench = openCaseProjectionBench(caseSummariesProjection, 'summaries');
  const { readModels, table } = bench;

  return {
    file: readModels.db.name,
    apply: bench.apply,
    applyPrepared: bench.applyPrepared,
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
    close: bench.close,
  };
}

export type Summaries = ReturnType<typeof openSummaries>;
