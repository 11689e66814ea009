import { Injectable } from '@nestjs/common';
import {
  assertNever,
  requireCaseVisitors,
  requireReferralPartner,
  requireSchool,
  requireTrainedVisitors,
  type AssignedVisitor,
  type CaseCommand,
  type OpenCase,
  type RegisteredVisitor,
  type ResourceType,
  type TargetingApproach,
} from '@leap/domain';
import { RegistryReader } from '@leap/registry';
import { VisitorRegistry } from '@leap/visitors';

/**
 * Checks what a case command names against the registry: the school a case opens in or moves to,
 * the visitors it assigns or records at a visit, the partner it refers a family to. The registry is
 * read here; the rules are the domain's (`registry/case-references.ts`).
 */
@Injectable()
export class CaseReferences {
  constructor(
    private readonly registry: RegistryReader,
    private readonly visitors: VisitorRegistry,
  ) {}

  /** 404 `district_not_found` / `school_not_found`. */
  async requireSchool(districtId: string, schoolId: string): Promise<void> {
    requireSchool(await this.registry.district(districtId), districtId, schoolId);
  }

  /** The district's current targeting approach, or null when it is not registered. */
  async targetingApproachOf(districtId: string): Promise<TargetingApproach | null> {
    const district = await this.registry.district(districtId);
    return district.status === 'registered' ? district.settings.targeting.approach : null;
  }

  /** 409 `visitor_not_found` unless every visitor is registered in the district. */
  async requireVisitors(visitorIds: readonly string[], districtId: string): Promise<RegisteredVisitor[]> {
    return requireCaseVisitors(await this.visitors.lookup([...new Set(visitorIds)]), districtId);
  }

  /** Visitors to assign: registered in the district (409 `visitor_not_found`) and trained (409 `visitor_not_trained`). */
  async assignable(
    visitorIds: readonly string[],
    districtId: string,
    assignedOn: string,
  ): Promise<AssignedVisitor[]> {
    const [visitors, district] = await Promise.all([
      this.requireVisitors(visitorIds, districtId),
      this.registry.district(districtId),
    ]);
    requireTrainedVisitors(visitors, assignedOn, district);
    return visitors.map(({ visitorId, subject }) => ({ visitorId, subject }));
  }

  /** 409 `partner_not_found` / `resource_type_not_offered`. */
  async requirePartner(partnerId: string, districtId: string, resourceType: ResourceType): Promise<void> {
    requireReferralPartner(await this.registry.partner(partnerId), partnerId, districtId, resourceType);
  }

  /** What a command on an existing case names, checked against the registry of the case's district. */
  async check(command: CaseCommand, c: OpenCase): Promise<void> {
    switch (command.type) {
      case 'TransferCase':
        return this.requireSchool(c.districtId, command.data.toSchoolId);
      case 'ScheduleVisit':
      case 'RecordVisitHeld':
        await this.requireVisitors(command.data.visitorIds, c.districtId);
        return;
      case 'ReferResource': {
        const { partnerId, resourceType } = command.data;
        return partnerId === null ? undefined : this.requirePartner(partnerId, c.districtId, resourceType);
      }
      // Identification and assignment are checked by their own handlers; the rest name nothing registered.
      case 'IdentifyStudent':
      case 'AssignVisitors':
      case 'OfferConsent':
      case 'RecordConsentResponse':
      case 'RecordVisitNotHeld':
      case 'RecordFollowUpCall':
      case 'RecordReferralOutcome':
      case 'CheckAttendance':
      case 'RecordAttendanceCheck':
      case 'VoidEntry':
      case 'CloseCase':
      case 'ReopenCase':
      case 'RaiseFollowUp':
      case 'ClaimFollowUp':
      case 'CompleteFollowUp':
      case 'SnoozeFollowUp':
      case 'EraseFamilyData':
        return;
      default:
        return assertNever(command);
    }
  }
}
