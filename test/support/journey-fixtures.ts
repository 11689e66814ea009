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

/** The calendar date before `date`, or `fallback` when `date` is not one. */
function dayBefore(date: unknown, fallback: string): string {
  const time = typeof date === 'string' ? Date.parse(`${date}T12:00:00Z`) : Number.NaN;
  return Number.isNaN(time) ? fallback : new Date(time - 86_400_000).toISOString().slice(0, 10);
}

/** An identification (its school year derived from `identifiedOn`; the baseline measured the day before). */
export function identifyBody(overrides: Record<string, unknown> = {}) {
  const identifiedOn = overrides.identifiedOn ?? daysAgo(60);
  return {
    studentId: nextStudentId(),
    districtId: 'd1',
    schoolId: 'sch-1',
    grade: '7',
    identifiedOn,
    baseline: { asOf: dayBefore(identifiedOn, daysAgo(61)), daysEnrolled: 20, daysAbsent: 4 },
    flags: { englishLearner: true, freeReducedLunch: true, housingInsecure: false, iep: false },
    homeLanguage: 'es',
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
