import type { FidelityEvent } from '../domain/evolve-facts';

/**
 * Hand-built events for the fidelity specs: only the fields the fold reads, recorded at noon UTC
 * of their business date unless `recordedAt` says otherwise.
 */
type Data = Record<string, unknown>;
const noon = (on: string) => `${on}T12:00:00.000Z`;
const event = (streamId: string, type: string, data: Data, recordedAt: string): FidelityEvent => ({
  streamId,
  type,
  data,
  recordedAt,
});

export const district = (districtId: string, regionId: string, schools: string[]): FidelityEvent[] => [
  event(
    `district-${districtId}`,
    'DistrictRegistered.v1',
    { districtId, regionId, timeZone: 'America/New_York', name: districtId },
    noon('2025-08-01'),
  ),
  ...schools.map((schoolId) =>
    event(
      `district-${districtId}`,
      'SchoolAdded.v1',
      { districtId, schoolId, name: schoolId, grades: [] },
      noon('2025-08-01'),
    ),
  ),
];

export const visitor = (
  visitorId: string,
  organization: 'school' | 'community',
  leap101On: string | null,
  districtId = 'd1',
): FidelityEvent[] => [
  event(
    `visitor-${visitorId}`,
    'VisitorRegistered.v1',
    { visitorId, districtId, organization: { type: organization, name: 'org' } },
    noon('2025-08-01'),
  ),
  ...(leap101On
    ? [
        event(
          `visitor-${visitorId}`,
          'VisitorTrainingCompleted.v1',
          { visitorId, training: 'LEAP_101', completedOn: leap101On },
          noon(leap101On),
        ),
      ]
    : []),
];

/** Events of one case, each `(type, data, on)` with an optional recorded-at. */
export class CaseEvents {
  readonly events: FidelityEvent[] = [];
  constructor(readonly caseId: string) {}

  private add(type: string, data: Data, on: string, recordedAt?: string): this {
    this.events.push(event(`case-${this.caseId}`, type, data, recordedAt ?? noon(on)));
    return this;
  }
  identified(on: string, schoolId = 's1', districtId = 'd1', recordedAt?: string) {
    return this.add(
      'StudentIdentified.v2',
      { caseId: this.caseId, districtId, schoolId, identifiedOn: on, pii: {} },
      on,
      recordedAt,
    );
  }
  offered(on: string) {
    return this.add('ConsentOffered.v1', { offeredOn: on, channel: 'phone' }, on);
  }
  granted(on: string) {
    return this.add('ConsentGranted.v1', { respondedOn: on }, on);
  }
  declined(on: string) {
    return this.add('ConsentDeclined.v2', { respondedOn: on, reasonCode: null, pii: {} }, on);
  }
  withdrawn(on: string) {
    return this.add('ConsentWithdrawn.v2', { respondedOn: on, reasonCode: null, pii: {} }, on);
  }
  visit(
    visitId: string,
    on: string,
    options: {
      location?: string;
      visitorIds?: string[];
      householdVisitId?: string;
      barriers?: string[];
      strengthCodes?: string[];
      recordedAt?: string;
    } = {},
  ) {
    const visitorIds = options.visitorIds ?? ['v1', 'v2'];
    return this.add(
      'VisitHeld.v2',
      {
        visitId,
        visitNumber: 0,
        date: on,
        location: options.location ?? 'home',
        visitorIds,
        pair: new Set(visitorIds).size >= 2,
        householdVisitId: options.householdVisitId ?? null,
        barriers: options.barriers ?? [],
        strengthCodes: options.strengthCodes ?? [],
        familyWantsToContinue: true,
        pii: { notes: 'words that must never reach a metric' },
        recordedBy: 'u1',
      },
      on,
      options.recordedAt,
    );
  }
  call(callId: string, on: string) {
    return this.add(
      'FollowUpCallMade.v1',
      { callId, calledOn: on, outcome: 'reached', pii: {}, recordedBy: 'u1' },
      on,
    );
  }
  referred(referralId: string, on: string, resourceType: string, partnerId: string | null) {
    return this.add(
      'ResourceReferred.v2',
      { referralId, referredOn: on, resourceType, partnerId, pii: {}, recordedBy: 'u1' },
      on,
    );
  }
  outcome(referralId: string, on: string, outcome: string) {
    return this.add(
      'ReferralOutcomeRecorded.v1',
      { referralId, recordedOn: on, outcome, recordedBy: 'u1' },
      on,
    );
  }
  checked(checkId: string, on: string) {
    return this.add(
      'AttendanceChecked.v1',
      { checkId, asOf: on, daysEnrolled: 20, daysAbsent: 2, tier: 'at_risk', recordedBy: 'u1' },
      on,
    );
  }
  voided(entryId: string, entryKind: string, on: string, recordedAt?: string) {
    return this.add(
      'EntryVoided.v2',
      { entryId, entryKind, voidedOn: on, reasonCode: null, pii: {}, recordedBy: 'u1' },
      on,
      recordedAt,
    );
  }
  transferred(toSchoolId: string, on: string) {
    return this.add('CaseTransferred.v1', { fromSchoolId: 'x', toSchoolId, transferredOn: on }, on);
  }
  due(followUpId: string, dueAt: string) {
    return this.add(
      'FollowUpDue.v1',
      { followUpId, rule: 'consent_no_first_visit', reason: 'r', dueAt, triggerEventId: 'e', entryId: null },
      dueAt.slice(0, 10),
      dueAt,
    );
  }
  completed(followUpId: string, on: string) {
    return this.add(
      'FollowUpCompleted.v2',
      { followUpId, resolution: null, completedOn: on, completedBy: 'u1', pii: {} },
      on,
    );
  }
  erased(on: string) {
    return this.add('FamilyDataErased.v1', { erasedOn: on, reasonCode: 'family_request' }, on);
  }
}
