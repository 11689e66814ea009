export * from './vocabulary';
export * from './vocabulary-codes';
export * from './identifiers';
export * from './decider';
export * from './attendance/tier';

export * from './case/events';
export type * from './case/events-v1';
export * from './case/commands';
export * from './case/calendar';
export * from './case/state';
export { caseDecider } from './case/case.decider';
export { decideCase } from './case/decide';
export { evolveCase, initialCaseState } from './case/evolve';
export { nextVisitNumber } from './case/visits';
export { findEntry, type FoundEntry } from './case/entries';
export { schoolMonthTrigger } from './case/follow-up-entries';
export { upcastCaseEvent } from './case/upcast';
export { businessDateOfEvent, CURRENT_CASE_EVENT_TYPES } from './case/business-date';
export { ERASED_PII } from './case/erasure';
export { reasonPii } from './case/upcast-free-text';
export * from './case/keyed-upcasts';
export * from './case/privacy';
export * from './privacy/field-classes';
export * from './privacy/key-destroyed';
export { redactEventData } from './privacy/event-fields';

export * from './visitor/visitor';
export { visitorDecider } from './visitor/visitor.decider';
export * from './visitor/visitor-login';
export { visitorLoginDecider } from './visitor/visitor-login.decider';

export * from './registry/district';
export * from './registry/registry-streams';
export { districtDecider } from './registry/district.decider';
export * from './registry/partner';
export { partnerDecider } from './registry/partner.decider';
export * from './registry/case-references';

export * from './student-registry/student-registry';
export { studentRegistryDecider } from './student-registry/student-registry.decider';

export * from './follow-ups';
export * from './registry/retention';

export * from './attendance/categories';
export * from './attendance/month-days';
export * from './attendance/student-attendance';
export * from './attendance/targeting';
export * from './attendance/district-profile';
export * from './attendance/imports';
export * from './attendance/month-checks';

export * from './candidate/candidate';
export { candidateDecider, evolveCandidate } from './candidate/candidate.decider';
export * from './seeded-uniform';
