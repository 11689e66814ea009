import { districtTimeZone, localDate } from '@leap/http';

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
