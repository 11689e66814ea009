import { conflict, notFound } from '../decider';
import { REQUIRED_TRAINING, type RegisteredVisitor, type VisitorState } from '../visitor/visitor';
import type { ResourceType } from '../vocabulary';
import { DEFAULT_DISTRICT_SETTINGS, type DistrictState, type RegisteredDistrict } from './district';
import type { PartnerState } from './partner';

/**
 * What a case may refer to, checked against the registry before a case command is decided: the
 * district and school it is opened in or moved to, the visitors it names, the partner it refers a
 * family to. The registry's states are read by the caller and passed in; these checks stay pure.
 */
export function requireDistrict(district: DistrictState, districtId: string): RegisteredDistrict {
  if (district.status === 'none') throw notFound('district_not_found', `There is no district ${districtId}`);
  return district;
}

/** A case is opened in, or moved to, a school of its district. */
export function requireSchool(district: DistrictState, districtId: string, schoolId: string): void {
  const registered = requireDistrict(district, districtId);
  if (!registered.schools.some((school) => school.schoolId === schoolId)) {
    throw notFound('school_not_found', `District ${districtId} has no school ${schoolId}`);
  }
}

/** Visitors a case names (assigned, or at a visit) are registered in the case's district. */
export function requireCaseVisitors(
  visitors: readonly { visitorId: string; state: VisitorState }[],
  districtId: string,
): RegisteredVisitor[] {
  return visitors.map(({ visitorId, state }) => {
    if (state.status === 'none' || state.districtId !== districtId) {
      throw conflict('visitor_not_found', `Visitor ${visitorId} is not registered in district ${districtId}`);
    }
    return state;
  });
}

/**
 * Assigned visitors completed LEAP 101 on or before the assignment date, unless the case's district
 * allows untrained visitors. A district not in the registry keeps the default (trained visitors only).
 */
export function requireTrainedVisitors(
  visitors: readonly RegisteredVisitor[],
  assignedOn: string,
  district: DistrictState,
): void {
  const settings = district.status === 'none' ? DEFAULT_DISTRICT_SETTINGS : district.settings;
  if (settings.allowUntrainedVisitors) return;
  // ISO `YYYY-MM-DD` strings order like the dates they name.
  const trained = (visitor: RegisteredVisitor) =>
    visitor.trainings.some((t) => t.training === REQUIRED_TRAINING && t.completedOn <= assignedOn);
  const untrained = visitors.find((visitor) => !trained(visitor));
  if (untrained) {
    throw conflict(
      'visitor_not_trained',
      `Visitor ${untrained.visitorId} had not completed ${REQUIRED_TRAINING} by ${assignedOn}`,
    );
  }
}

/**
 * A referral names an active partner of the case's district that offers the resource type. A
 * partner of another district answers like an unknown one.
 */
export function requireReferralPartner(
  partner: PartnerState,
  partnerId: string,
  districtId: string,
  resourceType: ResourceType,
): void {
  if (partner.status === 'none' || partner.districtId !== districtId || !partner.active) {
    throw conflict('partner_not_found', `There is no active partner ${partnerId} in district ${districtId}`);
  }
  if (!partner.resourceTypes.includes(resourceType)) {
    throw conflict('resource_type_not_offered', `Partner ${partnerId} does not offer ${resourceType}`);
  }
}
