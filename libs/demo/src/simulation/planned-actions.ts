import type {
  CallOutcome,
  ClosureReason,
  ConsentChannel,
  ConsentRefusalReason,
  Barrier,
  ReferralOutcome,
  ResourceType,
  StrengthCode,
  VisitLocation,
  VisitNotHeldReason,
} from '@leap/domain';
import type { DemoDistrict } from './population';

/** What happens on a case, in business-date order; who does it is the coordinator, a visitor or the system. */
export type CaseAction = { date: string } & (
  | { kind: 'identify' }
  | { kind: 'assign'; visitorIds: string[] }
  | { kind: 'offer'; channel: ConsentChannel }
  | {
      kind: 'respond';
      decision: 'granted' | 'declined' | 'withdrawn';
      reasonCode: ConsentRefusalReason | null;
    }
  | { kind: 'schedule'; visitId: string; visitDate: string; location: VisitLocation; visitorIds: string[] }
  | { kind: 'not_held'; visitId: string; reasonCode: VisitNotHeldReason }
  | {
      kind: 'held';
      visitId: string;
      location: VisitLocation;
      visitorIds: string[];
      barriers: Barrier[];
      strengthCodes: StrengthCode[];
      familyWantsToContinue: boolean;
    }
  | { kind: 'call'; callId: string; outcome: CallOutcome }
  | { kind: 'refer'; referralId: string; resourceType: ResourceType; partnerId: string | null }
  | { kind: 'referral_outcome'; referralId: string; outcome: ReferralOutcome }
  | { kind: 'check'; checkId: string; asOf: string; daysEnrolled: number; daysAbsent: number }
  | { kind: 'transfer'; toSchoolId: string }
  | { kind: 'close'; reason: ClosureReason }
);

export type VisitorOrganizationMix = 'school' | 'community' | 'mixed';

export interface FirstVisit {
  date: string;
  location: VisitLocation;
  organization: VisitorOrganizationMix;
}

export interface CasePlan {
  actions: CaseAction[];
  /** The family consented and visit #1 was held: the student is served from then on. */
  firstVisit: FirstVisit | null;
  /** When the case closes early (declined, withdrawn, unreachable), else null. */
  closedEarly: { date: string; reason: ClosureReason } | null;
}

export interface PlanInput {
  caseId: string;
  identifiedOn: string;
  district: DemoDistrict;
  /** Probability that the family consents (see `consentProbability`). */
  consent: number;
  /** Visits wait for school to be in session: a date in July or August moves to this day. */
  nextSchoolDay: (date: string) => string | null;
}
