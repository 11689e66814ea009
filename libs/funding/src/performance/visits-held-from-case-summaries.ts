import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CASE_SUMMARIES } from '@leap/case-summaries';
import { READ_MODELS, generationTable, type ReadModels } from '@leap/projections';
import type { DateRange, VisitsHeldCounter } from './visits-held';

/**
 * Visits held, read from the case summaries (each document holds its case's visits as the domain's
 * `evolve` folded them, voids applied). A household visit recorded on several siblings' cases
 * shares one `householdVisitId` and counts once.
 */
@Injectable()
export class VisitsHeldFromCaseSummaries implements VisitsHeldCounter {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  visitsHeldByDistrict(range: DateRange): Promise<ReadonlyMap<string, number>> {
    return Promise.resolve(
      this.readModels.snapshot(() => {
        const active = this.readModels.checkpoints.active(CASE_SUMMARIES);
        if (!active)
          throw new ServiceUnavailableException({
            code: 'read_model_behind',
            message: 'The case summaries are not built yet',
          });
        const table = generationTable(CASE_SUMMARIES, active.generation);
        const rows = this.readModels.db
          .prepare<[string, string], { districtId: string; visits: number }>(
            `SELECT s.district_id AS districtId,
                    COUNT(DISTINCT COALESCE('household:' || json_extract(v.value, '$.householdVisitId'),
                                            'case:' || s.key || ':' || json_extract(v.value, '$.visitId'))) AS visits
               FROM ${table} s, json_each(s.document, '$.state.visits') v
              WHERE json_extract(v.value, '$.status') = 'held'
                AND json_extract(v.value, '$.voided') = 0
                AND json_extract(v.value, '$.date') BETWEEN ? AND ?
              GROUP BY s.district_id`,
          )
          .all(range?.from ?? '0000-00-00', range?.to ?? '9999-99-99');
        return new Map(rows.map((row) => [row.districtId, row.visits]));
      }),
    );
  }
}
