import { districtTimeZone, localDate } from '@leap/http';
import type { Client } from './harness';

/** A date `days` before today in the district's time zone (business dates may not be in the future). */
export function daysAgo(days: number): string {
  const today = localDate(new Date(), districtTimeZone());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

let students = 0;
/** A unique state student id for each identification in a run. */
export const nextStudentId = () => `s-${process.pid}-${Date.now()}-${++students}`;

export function identifyBody(overrides: Record<string, unknown> = {}) {
  return {
    studentId: nextStudentId(),
    districtId: 'd1',
    schoolId: 'sch-1',
    grade: '7',
    identifiedOn: daysAgo(60),
    baseline: { asOf: daysAgo(61), daysEnrolled: 20, daysAbsent: 4 },
    flags: { englishLearner: true, freeReducedLunch: true, housingInsecure: false, iep: false },
    homeLanguage: 'es',
    schoolYear: '2026-27',
    targetingApproach: 'district_wide',
    pii: {
      studentName: 'Maya Lopez',
      guardianName: 'Rosa Lopez',
      guardianPhone: '+1 860 555 0101',
      address: '1 Elm St',
    },
    ...overrides,
  };
}

export function registerVisitorBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Ana Ruiz',
    role: 'family_liaison',
    organization: { type: 'school', name: 'Hartford Public Schools' },
    districtId: 'd1',
    languages: ['en', 'es'],
    ...overrides,
  };
}

/**
 * Registers a visitor and records LEAP_101 completed 90 days ago, so the visitor can be assigned to
 * families identified since. Answers the visitor's id; throws when either step is refused.
 */
export async function registerTrainedVisitor(
  client: Client,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const registered = await client.post('/v1/visitors', registerVisitorBody(overrides));
  if (registered.status !== 201)
    throw new Error(`Registering a visitor: ${registered.status} ${JSON.stringify(registered.body)}`);
  const visitorId: string = registered.body.visitorId;
  const trained = await client.post(`/v1/visitors/${visitorId}/trainings`, {
    training: 'LEAP_101',
    completedOn: daysAgo(90),
  });
  if (trained.status !== 201)
    throw new Error(`Recording LEAP_101: ${trained.status} ${JSON.stringify(trained.body)}`);
  return visitorId;
}
