import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { StudentAttendanceReader, type StudentAttendanceDoc } from '@leap/attendance';
import { ForbiddenError, type Principal, type Role } from '@leap/auth';
import { CASE_SUMMARIES, type CaseSummaryDoc } from '@leap/case-summaries';
import { readHistory, toDomainEvent } from '@leap/commands';
import {
  fold,
  notFound,
  visitorDecider,
  type OpenCase,
  type OrganizationType,
  type RegisteredDistrict,
  type VisitorEvent,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { READ_MODELS, generationTable, type ReadModels } from '@leap/projections';
import { RegistryReader } from '@leap/registry';
import { visitorStreamId } from '@leap/visitors';
import { estimateImpact } from './domain/impact';
import type { ImpactQuery, ImpactView } from './impact.dto';
import { panelOfReadModels } from './read-models/panel-of-read-models';
import { minTreatedFor } from './suppression-threshold';

/**
 * Fidelity monitors and coordinators read their district; admins and state analysts the state, a
 * region or a district. Everyone gets the same suppressed cells: numbers only where at least
 * `minTreated` served students were matched.
 */
export const IMPACT_READERS: readonly Role[] = ['fidelity_monitor', 'coordinator', 'admin', 'state_analyst'];

@Injectable()
export class ImpactEvaluation {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly students: StudentAttendanceReader,
    private readonly registry: RegistryReader,
  ) {}

  /** 403 for roles that do not read impact, before anything is waited for. */
  requireReader(principal: Principal): void {
    if (!IMPACT_READERS.includes(principal.role))
      throw new ForbiddenError('role_not_allowed', `Role ${principal.role} does not read impact estimates`);
  }

  async evaluate(principal: Principal, query: ImpactQuery): Promise<ImpactView> {
    this.requireReader(principal);
    const minTreated = minTreatedFor(principal);
    const districts = await this.districtsOf(principal, query);
    const { docs, cases } = this.readModels.snapshot(() => this.read(districts.map((d) => d.districtId)));
    const organizations = await this.visitorOrganizations(cases);
    const panel = panelOfReadModels(docs, cases, (visitorId) => organizations.get(visitorId) ?? null);
    const estimates = estimateImpact(panel, {
      minTreated,
      firstVisitFrom: query.from,
      firstVisitTo: query.to,
    });
    return {
      ...estimates,
      from: query.from ?? null,
      to: query.to ?? null,
      scope: { districtId: query.districtId ?? principal.districtId, regionId: query.regionId ?? null },
      suppression: { minTreated },
    };
  }

  /**
   * The districts the answer covers. A district token covers its own district only: naming another
   * district, or a region it is not in, is 404 (as if it did not exist).
   */
  private async districtsOf(principal: Principal, query: ImpactQuery): Promise<RegisteredDistrict[]> {
    const registered = (await this.registry.allDistricts()).filter(
      (d): d is RegisteredDistrict => d.status === 'registered',
    );
    const districtId = query.districtId ?? principal.districtId;
    if (principal.districtId !== null && districtId !== principal.districtId)
      throw notFound('district_not_found', `District ${districtId} not found`);
    const inRegion = registered.filter((d) => query.regionId === undefined || d.regionId === query.regionId);
    const regionKnown = inRegion.some((d) => principal.districtId === null || d.districtId === districtId);
    if (query.regionId !== undefined && !regionKnown)
      throw notFound('region_not_found', `Region ${query.regionId} not found`);
    if (districtId === null) return inRegion;
    const district = inRegion.filter((d) => d.districtId === districtId);
    if (district.length === 0) throw notFound('district_not_found', `District ${districtId} not found`);
    return district;
  }

  private read(districtIds: string[]): { docs: StudentAttendanceDoc[]; cases: OpenCase[] } {
    this.students.activeTable(); // 503 before the first build
    const active = this.readModels.checkpoints.active(CASE_SUMMARIES);
    if (!active)
      throw new ServiceUnavailableException({
        code: 'read_model_behind',
        message: 'The case summaries are not built yet',
      });
    const table = generationTable(CASE_SUMMARIES, active.generation);
    const select = this.readModels.db
      .prepare<[string], string>(`SELECT document FROM ${table} WHERE district_id = ? ORDER BY key`)
      .pluck();
    return {
      docs: districtIds.flatMap((districtId) => this.students.studentsOf(districtId, null)),
      cases: districtIds.flatMap((districtId) =>
        select.all(districtId).map((json) => (JSON.parse(json) as CaseSummaryDoc).state),
      ),
    };
  }

  /** The organisation type of every visitor of a held visit, from the visitor registry's streams. */
  private async visitorOrganizations(cases: OpenCase[]): Promise<Map<string, OrganizationType>> {
    const visitorIds = new Set(
      cases.flatMap((c) =>
        c.visits.filter((visit) => visit.status === 'held').flatMap((visit) => visit.visitorIds),
      ),
    );
    const organizations = new Map<string, OrganizationType>();
    for (const visitorId of visitorIds) {
      const history = await readHistory(this.store, visitorStreamId(visitorId));
      const state = fold(visitorDecider, history.map(toDomainEvent<VisitorEvent>));
      if (state.status === 'registered') organizations.set(visitorId, state.organization.type);
    }
    return organizations;
  }
}
