import type { Grade, StudentFlags } from '@leap/domain';
import { FIRST_NAMES, LAST_NAMES } from './names';
import {
  ELEMENTARY,
  HIGH,
  MIDDLE,
  fictionalPhone,
  gradeBandOf,
  type DemoDistrict,
  type DemoSchool,
} from './population';
import { Random } from './random';

export interface DemoStudent {
  index: number;
  /** The state student id (personal data: it goes into `pii` only). */
  studentId: string;
  districtIndex: number;
  /** Grade and school in each school year; null the second year after grade 12. */
  grades: [Grade, Grade | null];
  schoolIds: [string, string | null];
  flags: StudentFlags;
  homeLanguage: string;
  guardianName: string;
  guardianPhone: string;
  /** The student's persistent share of days absent, before seasons and month-to-month noise. */
  level: number;
}

const NEXT_GRADE: Record<Grade, Grade | null> = {
  PK: 'K',
  K: '1',
  '1': '2',
  '2': '3',
  '3': '4',
  '4': '5',
  '5': '6',
  '6': '7',
  '7': '8',
  '8': '9',
  '9': '10',
  '10': '11',
  '11': '12',
  '12': null,
};

export function createStudents(seed: number, districts: DemoDistrict[]): DemoStudent[] {
  const students: DemoStudent[] = [];
  for (const district of districts) {
    const random = Random.of(seed, 'students', district.index);
    const frlShare = 0.3 + random.next() * 0.5;
    const elShare = 0.05 + random.next() * 0.2;
    const districtLevel = 0.8 + random.next() * 0.5;
    for (let i = 0; i < district.size; i++) {
      const grade = random.weighted<Grade>(
        (['PK', ...ELEMENTARY, ...MIDDLE, ...HIGH] as Grade[]).map((g) => [g, g === 'PK' ? 0.5 : 1] as const),
      );
      const school = random.pick(district.schools.filter((s) => s.grades.includes(grade)));
      const next = NEXT_GRADE[grade];
      const nextSchool =
        next === null ? null : school.grades.includes(next) ? school : schoolFor(district, next, i);
      const flags: StudentFlags = {
        englishLearner: random.chance(elShare),
        freeReducedLunch: random.chance(frlShare),
        housingInsecure: random.chance(0.05),
        iep: random.chance(0.15),
      };
      const homeLanguage = flags.englishLearner
        ? random.weighted([
            ['es', 70],
            ['pt', 8],
            ['ht', 7],
            ['ar', 5],
            ['pl', 4],
            ['zh', 3],
            ['vi', 3],
          ])
        : random.chance(0.1)
          ? 'es'
          : 'en';
      students.push({
        index: students.length,
        studentId: String(7_000_000_000 + (seed % 1000) * 1_000_000 + students.length),
        districtIndex: district.index,
        grades: [grade, next],
        schoolIds: [school.schoolId, nextSchool?.schoolId ?? null],
        flags,
        homeLanguage,
        guardianName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
        guardianPhone: fictionalPhone(random),
        level: absenceLevel(random, grade, flags) * districtLevel,
      });
    }
  }
  return students;
}

/** A school of the district teaching `grade`, spread by student. */
function schoolFor(district: DemoDistrict, grade: Grade, spread: number): DemoSchool {
  const schools = district.schools.filter((s) => s.grades.includes(grade));
  return schools[spread % schools.length]!;
}

/** Log-normal around 3.5% absent, higher with poverty, housing insecurity, disability and in high school. */
function absenceLevel(random: Random, grade: Grade, flags: StudentFlags): number {
  let level = 0.035 * Math.exp(0.75 * random.normal());
  if (flags.freeReducedLunch) level *= 1.35;
  if (flags.housingInsecure) level *= 1.7;
  if (flags.iep) level *= 1.2;
  if (gradeBandOf(grade) === '9-12') level *= 1.35;
  if (grade === 'PK' || grade === 'K') level *= 1.15;
  return Math.min(level, 0.6);
}
