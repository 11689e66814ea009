import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import { fold, notFound } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RegistryReader } from '@leap/registry';
import {
  districtFundingDecider,
  districtFundingStreamOf,
  fundsSpent,
  reportFor,
  reportsOf,
  type DistrictFundingState,
  type ExpenditureRecorded,
  type ExpenditureReport,
  type RecordExpenditure,
} from '../domain/expenditures';
import { EXPENDITURE_READERS, EXPENDITURE_REPORTERS, requireDistrictFunding } from '../funding-access';
import type { ExpenditureAnswer, ExpenditureListView } from './expenditures.dto';

export type ExpenditurePeriodReport = Omit<ExpenditureReport, 'districtId'>;

/** Districts' reports of what they spent (stream `districtfunding-<districtId>`). */
@Injectable()
export class DistrictExpenditures {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: RegistryReader,
  ) {}

  async record(
    principal: Principal,
    context: CommandContext,
    districtId: string,
    report: ExpenditurePeriodReport,
  ): Promise<ExpenditureAnswer> {
    requireDistrictFunding(principal, districtId, EXPENDITURE_REPORTERS, 'report district spending');
    await this.requireRegistered(districtId);
    const outcome = await handleCommand<RecordExpenditure, ExpenditureRecorded, DistrictFundingState>({
      store: this.store,
      streamId: districtFundingStreamOf(districtId),
      decider: districtFundingDecider,
      context,
      command: { type: 'RecordExpenditure', data: { districtId, ...report } },
      scopeOf: () => ({ districtId, schoolId: null }),
    });
    const recorded = reportFor(outcome.state, report) ?? { districtId, ...report };
    return {
      recorded: { ...recorded },
      revision: Number(outcome.revision),
      position: outcome.position,
    };
  }

  async list(principal: Principal, districtId: string): Promise<ExpenditureListView> {
    requireDistrictFunding(principal, districtId, EXPENDITURE_READERS, 'read district spending');
    await this.requireRegistered(districtId);
    const history = await readHistory(this.store, districtFundingStreamOf(districtId));
    const state = fold(districtFundingDecider, history.map(toDomainEvent<ExpenditureRecorded>));
    return { districtId, reports: reportsOf(state), total: fundsSpent(state, null) };
  }

  private async requireRegistered(districtId: string): Promise<void> {
    const district = await this.registry.district(districtId);
    if (district.status !== 'registered')
      throw notFound('district_not_found', `District ${districtId} not found`);
  }
}
