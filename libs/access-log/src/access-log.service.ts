import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { READ_MODELS, ReadYourWrites, generationTable, type ReadModels } from '@leap/projections';
import { AccessRecorder } from './access-recorder.service';
import { ACCESS_LOG, type AccessLogEntry } from './access-log.projection';
import { queryAccessLog, type AccessCursorKey, type AccessLogFilter } from './access-log.query';

export interface AccessLogPageOf {
  entries: AccessLogEntry[];
  next: AccessCursorKey | null;
}

/**
 * Reads the access_log read model. Before reading it waits (bounded, then 503 `read_model_behind`)
 * until the model holds every access this process recorded, so an auditor reading right after a
 * read sees it; accesses recorded by other api instances appear once their replicas catch up.
 */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
    private readonly recorder: AccessRecorder,
  ) {}

  async page(filter: AccessLogFilter, response: Response): Promise<AccessLogPageOf> {
    await this.readYourWrites.waitFor(ACCESS_LOG, this.recorder.lastPosition ?? undefined, response);
    return this.readModels.snapshot(() => {
      const active = this.readModels.checkpoints.active(ACCESS_LOG);
      if (!active) {
        throw new ServiceUnavailableException({
          code: 'read_model_behind',
          message: 'The access log is not built yet',
        });
      }
      const rows = queryAccessLog(this.readModels.db, generationTable(ACCESS_LOG, active.generation), filter);
      return { entries: rows.documents.map((json) => JSON.parse(json) as AccessLogEntry), next: rows.next };
    });
  }

  /** Every entry of the filter, page after page (the CSV export, the per-case view). */
  async *all(
    filter: Omit<AccessLogFilter, 'after' | 'limit'>,
    response: Response,
  ): AsyncGenerator<AccessLogEntry> {
    let after: AccessCursorKey | undefined;
    for (;;) {
      const page = await this.page({ ...filter, after, limit: 500 }, response);
      yield* page.entries;
      if (!page.next) return;
      after = page.next;
    }
  }
}
