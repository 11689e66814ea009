import fc from 'fast-check';
import { daysAgo, identifyBody, registerVisitorBody } from '../journey-fixtures';
import { seedRegistry } from '../registry-seed';
import type { Hints } from './openapi-routes';

async function post(baseUrl: string, token: string, path: string, body: unknown): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * A family's journey so far, for path parameters that name real things: a trained visitor (linked
 * to the home visitor's login), a case with consent, a held visit, a call and a referral.
 */
export async function seedJourney(
  baseUrl: string,
  coordinatorToken: string,
  visitorSubject: string,
): Promise<Record<string, string[]>> {
  const send = (path: string, body: unknown) => post(baseUrl, coordinatorToken, path, body);
  await seedRegistry(baseUrl);
  const { partnerId } = await send('/v1/partners', {
    districtId: 'd1',
    name: 'Food bank',
    resourceTypes: ['food'],
    languages: ['en'],
  });
  const { visitorId } = await send('/v1/visitors', registerVisitorBody({ subject: visitorSubject }));
  await send(`/v1/visitors/${visitorId}/trainings`, { training: 'LEAP_101', completedOn: daysAgo(90) });
  const { caseId } = await send('/v1/cases', identifyBody());
  const on = `/v1/cases/${caseId}`;
  await send(`${on}/visitor-assignments`, { visitorIds: [visitorId], assignedOn: daysAgo(50) });
  await send(`${on}/consent-offers`, { offeredOn: daysAgo(49), channel: 'phone' });
  await send(`${on}/consent-responses`, { respondedOn: daysAgo(48), decision: 'granted' });
  const { visitId } = await send(`${on}/visits`, {
    status: 'held',
    date: daysAgo(40),
    location: 'home',
    visitorIds: [visitorId],
  });
  const { callId } = await send(`${on}/follow-up-calls`, { calledOn: daysAgo(30), outcome: 'reached' });
  const { referralId } = await send(`${on}/referrals`, {
    referredOn: daysAgo(20),
    resourceType: 'food',
    partnerId,
  });
  return {
    caseId: [caseId],
    visitorId: [visitorId],
    visitId: [visitId],
    referralId: [referralId],
    entryId: [visitId, callId, referralId],
    followUpId: ['no-such-follow-up'],
    districtId: ['d1', 'd2'],
    partnerId: [partnerId],
  };
}

const dates = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -400, max: 120 }).map((days) => daysAgo(days)) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '1999-12-31', '9999-12-31', '2026-02-30', 'today') },
);

/** Plausible values for fields a random string would never pass, so generated bodies reach the handlers. */
export function fuzzHints(ids: Record<string, string[]>): Hints {
  const dateFields = [
    'identifiedOn',
    'asOf',
    'assignedOn',
    'offeredOn',
    'respondedOn',
    'date',
    'calledOn',
    'referredOn',
    'recordedOn',
    'voidedOn',
    'transferredOn',
    'closedOn',
    'reopenedOn',
    'completedOn',
  ];
  return {
    ...Object.fromEntries(dateFields.map((field) => [field, dates])),
    until: fc
      .integer({ min: -2, max: 120 })
      .map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
    visitorIds: fc.array(fc.constantFrom(...(ids.visitorId ?? []), 'v-unknown'), {
      minLength: 1,
      maxLength: 2,
    }),
    studentId: fc.uuid(),
    districtId: fc.constantFrom('d1', 'd2'),
    schoolId: fc.constantFrom('sch-1', 'sch-2'),
    toSchoolId: fc.constantFrom('sch-1', 'sch-2'),
    schoolYear: fc.constantFrom('2026-27', '2025-26', '2019-27'),
    training: fc.constantFrom('LEAP_101', 'not a code'),
    after: fc.constantFrom('P3D', 'PT2S', 'P0D', 'soon'),
    homeLanguage: fc.constantFrom('es', 'en', 'x'),
  };
}
