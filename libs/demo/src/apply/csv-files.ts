import { categoryOfDayCode, ED_FI_DESCRIPTORS } from '@leap/domain';
import { DISTRICT_PROFILE_COLUMNS, ROSTER_OPTIONAL, ROSTER_REQUIRED, SCHOOL_COLUMNS } from '@leap/intake';
import type { DemoWorld, StudentMonth } from '../simulation/simulate';

/**
 * The files a district (and the state) would send: the canonical columns of `examples/`, header
 * first. They are what the demo imports, through the same importers a user's files go through.
 */
const line = (values: readonly (string | number)[]): string =>
  values
    .map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v)))
    .join(',');
const yesNo = (value: boolean) => (value ? 'Y' : 'N');
const csv = (header: readonly string[], rows: (string | number)[][]) =>
  [header, ...rows].map(line).join('\n') + '\n';

/** A grade list as the schools file writes it: a range (`K-5`, `PK-5`, `9-12`). */
const gradeRange = (grades: string[]) => `${grades[0]}-${grades.at(-1)}`;

export function schoolsCsv(world: DemoWorld, districtIndex: number): string {
  const district = world.districts[districtIndex]!;
  return csv(
    SCHOOL_COLUMNS,
    district.schools.map((s) => [district.districtId, s.schoolId, s.name, gradeRange(s.grades)]),
  );
}

/** The roster of one school year (grade and school as they were that year). */
export function rosterCsv(world: DemoWorld, districtIndex: number, year: 0 | 1): string {
  const district = world.districts[districtIndex]!;
  const rows = world.students
    .filter((s) => s.districtIndex === districtIndex && s.grades[year] !== null)
    .map((s) => [
      s.studentId,
      district.districtId,
      s.schoolIds[year]!,
      s.grades[year]!,
      yesNo(s.flags.englishLearner),
      yesNo(s.flags.freeReducedLunch),
      yesNo(s.flags.housingInsecure),
      yesNo(s.flags.iep),
      s.homeLanguage,
      s.guardianName,
      s.guardianPhone,
    ]);
  return csv([...ROSTER_REQUIRED, ...ROSTER_OPTIONAL], rows);
}

/** One district's attendance of one month: a row per student and school day, or a period summary per student. */
export function attendanceCsv(
  world: DemoWorld,
  records: readonly StudentMonth[],
  shape: 'daily' | 'monthly',
): string {
  const idOf = (r: StudentMonth) => world.students[r.student]!.studentId;
  if (shape === 'monthly')
    return csv(
      ['student_id', 'school_id', 'period_start', 'period_end', 'days_enrolled', 'days_absent'],
      records.map((r) => [idOf(r), r.schoolId, r.days[0]!, r.days.at(-1)!, r.daysEnrolled, r.daysAbsent]),
    );
  const lines = ['student_id,school_id,date,category'];
  for (const r of records) {
    const id = idOf(r);
    for (let d = 0; d < r.days.length; d++)
      lines.push(`${id},${r.schoolId},${r.days[d]},${ED_FI_DESCRIPTORS[categoryOfDayCode(r.codes[d]!)!]}`);
  }
  return lines.join('\n') + '\n';
}

/** The state's profile of every district, from the first school year's figures. */
export function districtProfileCsv(world: DemoWorld): string {
  const firstYear = world.calendars[0].schoolYear;
  const rows = world.districts.map((d) => {
    const students = world.students.filter((s) => s.districtIndex === d.index);
    const records = world.months.filter(
      (r) => r.schoolYear === firstYear && world.students[r.student]!.districtIndex === d.index,
    );
    const enrolled = records.reduce((s, r) => s + r.daysEnrolled, 0);
    const absent = records.reduce((s, r) => s + r.daysAbsent, 0);
    const share = (flag: keyof (typeof students)[number]['flags']) =>
      round1((100 * students.filter((s) => s.flags[flag]).length) / Math.max(1, students.length));
    return [
      d.districtId,
      d.name,
      d.regionId,
      students.length,
      round1((100 * (enrolled - absent)) / Math.max(1, enrolled)),
      share('freeReducedLunch'),
      share('englishLearner'),
      d.remoteLearningShare,
    ];
  });
  return csv(DISTRICT_PROFILE_COLUMNS, rows);
}

const round1 = (value: number) => Math.round(value * 10) / 10;
