import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { READ_MODELS, generationTable, type ReadModels } from '@leap/projections';
import { summaryScopeOf, viewerOf } from '@leap/case-summaries';
import type { Pseudonymize } from '@leap/domain';
import { PSEUDONYMIZE } from '@leap/privacy';
import { WORKLIST_CLOCK, WORKLIST_CONFIG, type WorklistClock, type WorklistConfig } from './worklist-config';
import { encodeWorklistCursor, type WorklistCursor } from './worklist-cursor';
import { toWorklistItemView } from './worklist-item-view';
import type { WorklistState } from './worklist-segments';
import { WORKLISTS } from './worklists.projection';
import { queryWorklist } from './worklists.query';

export interface WorklistRequest {
  schoolId?: string;
  /** As asked: `me`, `unassigned` or a login subject. */
  assignee?: string;
  state: WorklistState;
  cursor?: WorklistCursor;
  limit: number;
}

/** Reads the active generation of the worklists, scoped like case reads, at one instant per listing. */
@Injectable()
export class Worklists {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(WORKLIST_CLOCK) private readonly clock: WorklistClock,
    @Inject(WORKLIST_CONFIG) private readonly config: WorklistConfig,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
  ) {}

  list(principal: Principal, request: WorklistRequest) {
    const scope = summaryScopeOf(principal);
    // Later pages are evaluated at the first page's instant, so the order cannot shift under them.
    const at = request.cursor?.at ?? this.clock.now().toISOString();
    const nowMs = Date.parse(at);
    const cutoff = new Date(nowMs - this.config.overdueAfterMs).toISOString();
    const assignee =
      request.assignee === 'me' ? principal.sub : request.assignee === 'unassigned' ? null : request.assignee;
    // One snapshot: the generation looked up is the one read, even if a rebuild swaps meanwhile.
    return this.readModels.snapshot(() => {
      const active = this.readModels.checkpoints.active(WORKLISTS);
      if (!active) {
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: 'The worklists are not built yet',
        });
      }
      const table = generationTable(WORKLISTS, active.generation);
      const filter = { schoolId: request.schoolId, assignee, state: request.state, limit: request.limit };
      const page = queryWorklist(
        this.readModels.db,
        table,
        scope,
        { ...filter, after: request.cursor },
        {
          now: at,
          cutoff,
        },
      );
      const viewer = viewerOf(principal, this.pseudonymize);
      const context = { nowMs, overdueAfterMs: this.config.overdueAfterMs, viewer };
      return {
        items: page.rows.map(({ row, segment }) => toWorklistItemView(row, segment, context)),
        nextCursor: page.next ? encodeWorklistCursor({ at, ...page.next }) : null,
        /** The instant open, snoozed and overdue were evaluated at (the first page's, when paging). */
        asOf: at,
        overdueAfter: this.config.overdueAfter,
        /** The worklist reflects every event up to this position. */
        position: active.position,
      };
    });
  }
}
