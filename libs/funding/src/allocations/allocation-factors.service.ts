import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { toDomainEvent } from '@leap/commands';
import { fold, schoolYearStart } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError } from '@leap/http';
import { DistrictPriority } from '@leap/identification';
import type { DistrictFactors } from '../domain/allocate';
import {
  DISTRICT_FUNDING_PREFIX,
  districtFundingDecider,
  fundsSpent,
  type ExpenditureRecorded,
} from '../domain/expenditures';
import { VISITS_HELD, type DateRange, type VisitsHeldCounter } from '../performance/visits-held';

export type SelectedDistrict = DistrictFactors & { name: string; regionId: string };

/**
 * Gathers each selected district's factors from their one source each: enrollment and the need
 * index from the district priority (the state's ranking over every district profile, with the
 * state's saved weights — the same figures `GET /v1/districts/priority` shows), funds spent from the
 * districts' expenditure reports, visits held from the visits-held counter.
 */
@Injectable()
export class AllocationFactors {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly priority: DistrictPriority,
    @Inject(VISITS_HELD) private readonly visits: VisitsHeldCounter,
  ) {}

  async of(
    principal: Principal,
    districtIds: readonly string[] | undefined,
    performanceSchoolYear: string | null,
  ): Promise<SelectedDistrict[]> {
    const ranking = await this.priority.rank(principal, undefined);
    const profiled = new Map(ranking.districts.map((district) => [district.districtId, district]));
    const selected = districtIds ?? [...profiled.keys()];
    const unknown = selected
      .map((districtId, index) => ({ districtId, index }))
      .filter(({ districtId }) => !profiled.has(districtId));
    if (unknown.length > 0)
      throw new RequestValidationError(
        unknown.map(({ index }) => ({
          path: `districtIds.${index}`,
          reason: 'names no district with a district profile',
        })),
      );
    const [spent, visits] = await Promise.all([
      this.fundsSpentByDistrict(performanceSchoolYear),
      this.visits.visitsHeldByDistrict(schoolYearDates(performanceSchoolYear)),
    ]);
    return selected.map((districtId) => {
      const district = profiled.get(districtId)!;
      return {
        districtId,
        name: district.name,
        regionId: district.regionId,
        values: {
          enrollment: district.figures.enrollment,
          needIndex: district.needIndex,
          fundsSpent: spent.get(districtId) ?? 0,
          visitsHeld: visits.get(districtId) ?? 0,
        },
      };
    });
  }

  /** Every district's reports, folded per stream (a few reports per district and quarter). */
  private async fundsSpentByDistrict(schoolYear: string | null): Promise<Map<string, number>> {
    const byDistrict = new Map<string, ExpenditureRecorded[]>();
    const events = await this.store.readAll({
      filter: { streamPrefixes: [DISTRICT_FUNDING_PREFIX], eventTypes: ['ExpenditureRecorded.v1'] },
    });
    for (const event of events) {
      const recorded = toDomainEvent<ExpenditureRecorded>(event);
      const list = byDistrict.get(recorded.data.districtId) ?? [];
      list.push(recorded);
      byDistrict.set(recorded.data.districtId, list);
    }
    return new Map(
      [...byDistrict].map(([districtId, history]) => [
        districtId,
        fundsSpent(fold(districtFundingDecider, history), schoolYear),
      ]),
    );
  }
}

/** A school year's dates, July 1 to June 30; null (no year): every date. */
function schoolYearDates(schoolYear: string | null): DateRange {
  if (schoolYear === null) return null;
  const start = schoolYearStart(schoolYear)!;
  return { from: `${start}-07-01`, to: `${start + 1}-06-30` };
}
