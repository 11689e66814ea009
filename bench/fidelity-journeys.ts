import type { EventToAppend } from '../libs/event-store/src/event-store.port';

/**
 * Deterministic case journeys for the fidelity bench, spread over two school years (identified
 * September 2024 to May 2026): identification, assignment, offer, a decision (70% granted, 20%
 * declined, 10% no answer yet), then for consenting families one to eight held visits two weeks
 * apart with follow-up calls between, two referrals with outcomes, monthly attendance checks and a
 * follow-up raised and completed. Every twentieth family has its first visit voided. Shapes and
 * sizes follow what the API writes (`pii` included, full command metadata).
 */
type Planned = Omit<EventToAppend, 'id'>;

const DISTRICTS = 10;
const SCHOOLS = 5;
const VISITORS = 400;
const DAY_MS = 86_400_000;
const START = Date.parse('2024-09-03T00:00:00Z');
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const metadataOf = (districtId: string, schoolId: string, recordedOn: string, commandType: string) => ({
  actorId: 'u-7d1e2f3a-visitor',
  role: 'coordinator',
  scope: { districtId, schoolId },
  commandId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  correlationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  causationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  commandType,
  recordedAt: `${recordedOn}T14:03:11.123Z`,
});

export function fidelityRegistry(): Array<[string, Planned[]]> {
  const streams: Array<[string, Planned[]]> = [];
  for (let d = 0; d < DISTRICTS; d++) {
    const districtId = `d${d}`;
    const meta = metadataOf(districtId, '', '2024-08-01', 'RegisterDistrict');
    const events: Planned[] = [
      {
        type: 'DistrictRegistered.v1',
        data: {
          districtId,
          name: `District ${d}`,
          regionId: ['ACES', 'CES', 'CREC', 'EASTCONN', 'EdAdvance', 'LEARN'][d % 6],
          timeZone: 'America/New_York',
          settings: {},
        },
        metadata: meta,
      },
      ...Array.from({ length: SCHOOLS }, (_, s) => ({
        type: 'SchoolAdded.v1',
        data: { districtId, schoolId: `s${d}-${s}`, name: `School ${s}`, grades: ['6', '7', '8'] },
        metadata: meta,
      })),
    ];
    streams.push([`district-${districtId}`, events]);
  }
  for (let v = 0; v < VISITORS; v++) {
    const visitorId = `v${v}`;
    const districtId = `d${v % DISTRICTS}`;
    const meta = metadataOf(districtId, '', '2024-08-15', 'RegisterVisitor');
    const organization = { type: v % 3 === 0 ? 'community' : 'school', name: 'Organisation' };
    const events: Planned[] = [
      {
        type: 'VisitorRegistered.v1',
        data: {
          visitorId,
          name: `Visitor ${v}`,
          subject: null,
          role: 'family_liaison',
          organization,
          districtId,
          languages: ['en'],
        },
        metadata: meta,
      },
    ];
    if (v % 5 !== 0)
      events.push({
        type: 'VisitorTrainingCompleted.v1',
        data: { visitorId, training: 'LEAP_101', completedOn: addDays('2024-08-20', (v * 37) % 400) },
        metadata: meta,
      });
    streams.push([`visitor-${visitorId}`, events]);
  }
  return streams;
}

export function fidelityJourney(n: number): Planned[] {
  const d = n % DISTRICTS;
  const districtId = `d${d}`;
  const schoolId = `s${d}-${Math.floor(n / DISTRICTS) % SCHOOLS}`;
  const identifiedOn = new Date(START + ((n * 7919) % 620) * DAY_MS).toISOString().slice(0, 10);
  const events: Planned[] = [];
  const add = (type: string, on: string, data: Record<string, unknown>) =>
    events.push({ type, data, metadata: metadataOf(districtId, schoolId, addDays(on, n % 3), type) });
  const by = 'u-7d1e2f3a-visitor';
  add('StudentIdentified.v2', identifiedOn, {
    caseId: `c${n}`,
    student: `stu_${n}`,
    districtId,
    schoolId,
    schoolYear: '2024-25',
    grade: String(1 + (n % 12)),
    identifiedOn,
    baseline: { asOf: addDays(identifiedOn, -1), daysEnrolled: 20, daysAbsent: 3, tier: 'chronic' },
    flags: { englishLearner: n % 3 === 0, freeReducedLunch: true, housingInsecure: false, iep: false },
    homeLanguage: 'es',
    household: `hh_${n}`,
    targetingApproach: 'district_wide',
    pii: {
      studentId: `st-${n}`,
      studentName: `Student ${n}`,
      guardianName: `Guardian ${n}`,
      guardianPhone: '+1 860 555 0101',
      address: '1 Elm St',
    },
  });
  const visitors = [`v${(n * 2) % VISITORS}`, `v${(n * 2 + 1) % VISITORS}`];
  add('VisitorsAssigned.v1', addDays(identifiedOn, 1), {
    assignedOn: addDays(identifiedOn, 1),
    visitors: visitors.map((visitorId) => ({ visitorId, subject: null })),
  });
  const offeredOn = addDays(identifiedOn, 3 + (n % 8));
  add('ConsentOffered.v1', offeredOn, { offeredOn, channel: 'phone' });
  const decision = n % 10;
  const respondedOn = addDays(offeredOn, 2);
  if (decision === 9) return events;
  if (decision >= 7) {
    add('ConsentDeclined.v2', respondedOn, { respondedOn, reasonCode: null, pii: { reason: 'Not now' } });
    return events;
  }
  add('ConsentGranted.v1', respondedOn, { respondedOn });
  const visits = 1 + (n % 8);
  for (let k = 0; k < visits; k++) {
    const date = addDays(respondedOn, 5 + 14 * k);
    const pairVisit = (n + k) % 4 !== 0;
    add('VisitHeld.v2', date, {
      visitId: `c${n}-v${k}`,
      visitNumber: k + 1,
      date,
      location: ['home', 'home', 'school', 'community', 'virtual', 'phone'][(n + k) % 6],
      visitorIds: pairVisit ? visitors : [visitors[0]],
      pair: pairVisit,
      householdVisitId: null,
      barriers: [['transportation', 'food', 'housing', 'health'][(n + k) % 4]],
      strengthCodes: ['family_engagement'],
      familyWantsToContinue: true,
      pii: { notes: 'met at the kitchen table', strengths: ['engaged'], aspirations: ['nurse'] },
      recordedBy: by,
    });
    if (k === 0 && n % 20 === 0)
      add('EntryVoided.v2', date, {
        entryId: `c${n}-v0`,
        entryKind: 'visit',
        voidedOn: date,
        reasonCode: null,
        pii: { reason: 'wrong case' },
        recordedBy: by,
      });
    if (k < visits - 1)
      add('FollowUpCallMade.v1', addDays(date, 7), {
        callId: `c${n}-c${k}`,
        calledOn: addDays(date, 7),
        outcome: 'reached',
        pii: {},
        recordedBy: by,
      });
  }
  for (let r = 0; r < 2; r++) {
    const referredOn = addDays(respondedOn, 6 + r);
    add('ResourceReferred.v2', referredOn, {
      referralId: `c${n}-r${r}`,
      referredOn,
      resourceType: ['food', 'housing', 'transportation'][(n + r) % 3],
      partnerId: `p${(n + r) % 30}`,
      pii: {},
      recordedBy: by,
    });
    add('ReferralOutcomeRecorded.v1', addDays(referredOn, 20), {
      referralId: `c${n}-r${r}`,
      recordedOn: addDays(referredOn, 20),
      outcome: ['connected', 'pending', 'declined'][(n + r) % 3],
      recordedBy: by,
    });
  }
  for (let m = 1; m <= 4; m++) {
    const asOf = addDays(respondedOn, 30 * m);
    add('AttendanceChecked.v1', asOf, {
      checkId: `c${n}-k${m}`,
      asOf,
      daysEnrolled: 20,
      daysAbsent: 2,
      tier: 'at_risk',
      recordedBy: by,
    });
  }
  const dueOn = addDays(respondedOn, 21);
  events.push({
    type: 'FollowUpDue.v1',
    data: {
      followUpId: `c${n}-f`,
      rule: 'consent_no_first_visit',
      reason: 'r',
      dueAt: `${dueOn}T13:00:00.000Z`,
      triggerEventId: 'e',
      entryId: null,
    },
    metadata: metadataOf(districtId, schoolId, dueOn, 'RaiseFollowUp'),
  });
  add('FollowUpCompleted.v2', addDays(dueOn, 2), {
    followUpId: `c${n}-f`,
    resolution: null,
    completedOn: addDays(dueOn, 2),
    completedBy: by,
    pii: { outcome: 'called' },
  });
  return events;
}
