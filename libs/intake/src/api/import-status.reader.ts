import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { readHistory, toDomainEvent } from '@leap/commands';
import { importStreamOf, type ImportEvent } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { importStatusOf, type ImportStatus } from '../domain/import-status';
import { visibleImport } from './import-access';
import { ImportRunner } from './import-runner.service';

const IMPORT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** An import's status from its stream, with the live counts of one this process is running. */
@Injectable()
export class ImportStatusReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ImportRunner,
  ) {}

  async get(principal: Principal, importId: string): Promise<ImportStatus> {
    const history = IMPORT_ID.test(importId) ? await readHistory(this.store, importStreamOf(importId)) : [];
    const status = visibleImport(
      principal,
      importStatusOf(history.map(toDomainEvent<ImportEvent>)),
      importId,
    );
    const live = status.status === 'running' ? this.runner.liveCounts(importId) : null;
    return live ? { ...status, counts: live } : status;
  }
}
