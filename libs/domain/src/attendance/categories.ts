/**
 * Ed-Fi attendance event category descriptors, as daily attendance files name them, and how each
 * counts. Excused and unexcused absences both count as absent, whatever the reason; tardy and early
 * departure count as present; partial attendance counts as the district decides (present by default,
 * district setting `partialAttendanceCountsAs`).
 */
export const ATTENDANCE_CATEGORIES = [
  'in_attendance',
  'excused_absence',
  'unexcused_absence',
  'tardy',
  'early_departure',
  'partial',
] as const;
export type AttendanceCategory = (typeof ATTENDANCE_CATEGORIES)[number];

/** The descriptor text of each category, as Ed-Fi writes it (matched ignoring case and spaces). */
export const ED_FI_DESCRIPTORS: Record<AttendanceCategory, string> = {
  in_attendance: 'In Attendance',
  excused_absence: 'Excused Absence',
  unexcused_absence: 'Unexcused Absence',
  tardy: 'Tardy',
  early_departure: 'Early departure',
  partial: 'Partial',
};

export type PartialCountsAs = 'present' | 'absent';
export const PARTIAL_COUNTS_AS: readonly PartialCountsAs[] = ['present', 'absent'];

const BY_DESCRIPTOR = new Map<string, AttendanceCategory>(
  ATTENDANCE_CATEGORIES.flatMap((category) => [
    [normaliseDescriptor(ED_FI_DESCRIPTORS[category]), category],
    [normaliseDescriptor(category), category],
  ]),
);

/** The category a file's descriptor names (`Excused Absence`, `excused absence`, `excused_absence`), else null. */
export function categoryOfDescriptor(text: string): AttendanceCategory | null {
  return BY_DESCRIPTOR.get(normaliseDescriptor(text)) ?? null;
}

function normaliseDescriptor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

export function countsAsAbsent(category: AttendanceCategory, partialCountsAs: PartialCountsAs): boolean {
  if (category === 'excused_absence' || category === 'unexcused_absence') return true;
  if (category === 'partial') return partialCountsAs === 'absent';
  return false;
}

/**
 * One character per category, for a month's days written as a string (see `month-days.ts`):
 * `.` is a day with no record (not enrolled, weekend, holiday, or not imported yet).
 */
export const DAY_CODES: Record<AttendanceCategory, string> = {
  in_attendance: 'P',
  excused_absence: 'E',
  unexcused_absence: 'U',
  tardy: 'T',
  early_departure: 'D',
  partial: 'X',
};
export const NO_RECORD = '.';
const CATEGORY_OF_CODE = new Map<string, AttendanceCategory>(
  ATTENDANCE_CATEGORIES.map((category) => [DAY_CODES[category], category]),
);

export function categoryOfDayCode(code: string): AttendanceCategory | null {
  return CATEGORY_OF_CODE.get(code) ?? null;
}
