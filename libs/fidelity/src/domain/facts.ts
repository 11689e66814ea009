import type {
  Barrier,
  CallOutcome,
  OrganizationType,
  ReferralOutcome,
  ResourceType,
  StrengthCode,
  VisitLocation,
} from '@leap/domain';

/**
 * The facts the fidelity metrics are computed from: a compact, coded digest of the events, one
 * document per stream (`case-`, `visitor-`, `district-`). Every fact keeps both clocks: `on`, its
 * business date (`YYYY-MM-DD`, when it happened), and `at`, when the store recorded the event
 * (epoch milliseconds), so one set of facts answers a business-date cut (`onDate`) and a
 * recorded-time cut (`knownAt`) alike. No personal data and no free text is ever copied here.
 */
export interface Stamp {
  /** Business date, `YYYY-MM-DD`. */
  on: string;
  /** Recorded-at instant of the event, epoch milliseconds. */
  at: number;
}

/** An entry that may be voided (recorded in error): the void's stamp, or null. */
export interface Voidable {
  voided: Stamp | null;
}

export interface VisitFact extends Stamp, Voidable {
  visitId: string;
  /** The school the case was in when the visit was recorded. */
  schoolId: string;
  /** What counts once per household: `household:<householdVisitId>`, else `case:<caseId>:<visitId>`. */
  key: string;
  location: VisitLocation;
  visitorIds: string[];
  pair: boolean;
  barriers: Barrier[];
  strengths: StrengthCode[];
}

export interface CallFact extends Stamp, Voidable {
  callId: string;
  schoolId: string;
  outcome: CallOutcome;
}

export interface ReferralFact extends Stamp, Voidable {
  referralId: string;
  schoolId: string;
  resourceType: ResourceType;
  partnerId: string | null;
  /** Every outcome recorded, in stream order: the latest one inside a cut is the referral's outcome. */
  outcomes: Array<Stamp & { outcome: ReferralOutcome }>;
}

export interface CheckFact extends Stamp, Voidable {
  checkId: string;
  schoolId: string;
}

export interface FollowUpFact {
  followUpId: string;
  schoolId: string;
  rule: string;
  /** When it fell due (epoch ms): its business date is taken in the district's time zone. */
  dueAt: number;
  /** Recorded-at of the `FollowUpDue` event. */
  at: number;
  completed: Stamp | null;
}

export type ConsentDecisionFact = Stamp & { decision: 'granted' | 'declined' | 'withdrawn' };

export interface CaseFacts {
  kind: 'case';
  caseId: string;
  districtId: string;
  /** The case's school now (after transfers); each fact keeps the school of its own time. */
  schoolId: string;
  identified: Stamp & { schoolId: string };
  offers: Array<Stamp & { schoolId: string }>;
  decisions: Array<ConsentDecisionFact & { schoolId: string }>;
  visits: VisitFact[];
  calls: CallFact[];
  referrals: ReferralFact[];
  checks: CheckFact[];
  followUps: FollowUpFact[];
}

export interface VisitorFacts {
  kind: 'visitor';
  visitorId: string;
  districtId: string;
  organization: OrganizationType;
  /** Recorded-at of the registration. */
  at: number;
  /** Completions of LEAP 101 (the required training), in stream order. */
  leap101: Stamp[];
}

export interface DistrictFacts {
  kind: 'district';
  districtId: string;
  regionId: string;
  timeZone: string;
  /** Recorded-at of the registration. */
  at: number;
  schools: Array<{ schoolId: string; at: number }>;
}

export type StreamFacts = CaseFacts | VisitorFacts | DistrictFacts;

/** Everything the metrics read, by id. */
export interface FidelityFacts {
  cases: ReadonlyMap<string, CaseFacts>;
  visitors: ReadonlyMap<string, VisitorFacts>;
  districts: ReadonlyMap<string, DistrictFacts>;
}
