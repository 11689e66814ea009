import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import type { Pseudonymize } from '@leap/domain';
import { PSEUDONYMIZE } from '@leap/privacy';
import { READ_MODELS, generationTable, type ReadModels } from '@leap/projections';
import type { CaseSummaryDoc } from './case-summary';
import { CASE_SUMMARIES } from './case-summaries.projection';
import { querySummaries, type SummaryFilter } from './case-summaries.query';
import { toCaseSummaryView } from './case-summary-view';
import { encodeCursor } from './cursor';
import { summaryScopeOf } from './summary-access';
import { viewerOf } from './viewer';

/** Reads the active generation of the case summaries, scoped to the principal. */
@Injectable()
export class CaseSummaries {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
  ) {}

  list(principal: Principal, filter: SummaryFilter) {
    const scope = summaryScopeOf(principal);
    const viewer = viewerOf(principal, this.pseudonymize);
    // One snapshot: the generation looked up is the one read, even if a rebuild swaps meanwhile.
    return this.readModels.snapshot(() => {
      const active = this.readModels.checkpoints.active(CASE_SUMMARIES);
      if (!active) {
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: 'The case summaries are not built yet',
        });
      }
      const page = querySummaries(
        this.readModels.db,
        generationTable(CASE_SUMMARIES, active.generation),
        scope,
        filter,
      );
      return {
        items: page.documents.map((json) => toCaseSummaryView(JSON.parse(json) as CaseSummaryDoc, viewer)),
        nextCursor: page.next ? encodeCursor(page.next) : null,
        /** The summaries reflect every event up to this position. */
        position: active.position,
      };
    });
  }
}
