import type {
  Grade,
  OrganizationType,
  ResourceType,
  StudentFlags,
  TargetingSettings,
  VisitorRole,
} from '@leap/domain';
import { DEFAULT_TARGETING } from '@leap/domain';
import { FIRST_NAMES, LAST_NAMES, PARTNER_KINDS, RESC_REGIONS, SCHOOL_NAMES, TOWNS } from './names';
import { Random } from './random';

export type GradeBand = 'PK-5' | '6-8' | '9-12';
export const gradeBandOf = (grade: Grade): GradeBand =>
  ['6', '7', '8'].includes(grade) ? '6-8' : ['9', '10', '11', '12'].includes(grade) ? '9-12' : 'PK-5';

export interface DemoSchool {
  schoolId: string;
  name: string;
  grades: Grade[];
}

export interface DemoVisitor {
  visitorId: string;
  name: string;
  /** The login subject of the visitor (their token's `sub`). */
  subject: string;
  role: VisitorRole;
  organization: { type: OrganizationType; name: string };
  languages: string[];
  /** When LEAP 101 was completed, or null for an untrained visitor. */
  trainedOn: string | null;
}

export interface DemoPartner {
  partnerId: string;
  name: string;
  resourceTypes: ResourceType[];
  languages: string[];
  contact: { phone: string | null; url: string | null };
}

export interface DemoDistrict {
  index: number;
  districtId: string;
  name: string;
  regionId: string;
  timeZone: string;
  targeting: TargetingSettings;
  allowUntrainedVisitors: boolean;
  /** Share of the students chronically absent in a month whom the team identifies the next month. */
  identificationRate: number;
  remoteLearningShare: number;
  schools: DemoSchool[];
  visitors: DemoVisitor[];
  partners: DemoPartner[];
  /** Login subjects of the district coordinator and the attendance team members. */
  coordinator: string;
  team: string[];
  /** How many students the district enrols in the demo. */
  size: number;
}

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

const ELEMENTARY: Grade[] = ['K', '1', '2', '3', '4', '5'];
const MIDDLE: Grade[] = ['6', '7', '8'];
const HIGH: Grade[] = ['9', '10', '11', '12'];
const APPROACHES: TargetingSettings['approach'][] = [
  'district_wide',
  'transition_grade',
  'demographic_focus',
  'school_subset',
];
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Phone numbers in the 555-0100…0199 range, reserved for fiction. */
const fictionalPhone = (random: Random) => `860-555-01${pad(random.int(0, 99))}`;

export function createDistricts(
  seed: number,
  count: number,
  students: number,
  trainingDate: string,
): DemoDistrict[] {
  const random = Random.of(seed, 'districts');
  const towns = random.sample(TOWNS, Math.min(count, TOWNS.length));
  const weights = Array.from({ length: count }, () => 0.6 + random.next() * 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  // Each district's share of the students; the last takes what rounding left.
  const sizes = weights.map((weight) => Math.max(1, Math.round((students * weight) / total)));
  sizes[count - 1] = Math.max(1, students - sizes.slice(0, -1).reduce((a, b) => a + b, 0));
  return weights.map((_, index) => {
    const districtId = `d${pad(index + 1)}`;
    const town = towns[index] ?? `District ${index + 1}`;
    const size = sizes[index]!;
    const schools = createSchools(Random.of(seed, 'schools', index), districtId, size);
    const approach = APPROACHES[index % APPROACHES.length]!;
    return {
      index,
      districtId,
      name: `${town} Public Schools`,
      regionId: random.pick(RESC_REGIONS),
      timeZone: 'America/New_York',
      targeting: {
        ...DEFAULT_TARGETING,
        approach,
        schoolIds:
          approach === 'school_subset' ? schools.filter((_, i) => i % 2 === 0).map((s) => s.schoolId) : [],
      },
      allowUntrainedVisitors: index % 3 === 2,
      identificationRate: 0.15 + random.next() * 0.12,
      remoteLearningShare: Math.round((2 + random.next() * 10) * 10) / 10,
      schools,
      visitors: createVisitors(Random.of(seed, 'visitors', index), districtId, town, size, trainingDate),
      partners: createPartners(Random.of(seed, 'partners', index), districtId, town),
      coordinator: `coordinator.${districtId}@demo.leap`,
      team: [1, 2, 3].map((n) => `team${n}.${districtId}@demo.leap`),
      size,
    };
  });
}

function createSchools(random: Random, districtId: string, students: number): DemoSchool[] {
  const names = random.sample(SCHOOL_NAMES, SCHOOL_NAMES.length);
  const counts = [
    Math.max(1, Math.round(students / 450)),
    Math.max(1, Math.round(students / 900)),
    Math.max(1, Math.round(students / 1200)),
  ];
  const schools: DemoSchool[] = [];
  const add = (name: string, grades: Grade[]) =>
    schools.push({ schoolId: `${districtId}-s${pad(schools.length + 1)}`, name, grades });
  for (let i = 0; i < counts[0]!; i++)
    add(
      `${names[schools.length % names.length]} Elementary School`,
      i === 0 || random.chance(0.4) ? ['PK', ...ELEMENTARY] : ELEMENTARY,
    );
  for (let i = 0; i < counts[1]!; i++) add(`${names[schools.length % names.length]} Middle School`, MIDDLE);
  for (let i = 0; i < counts[2]!; i++) add(`${names[schools.length % names.length]} High School`, HIGH);
  return schools;
}

function createVisitors(
  random: Random,
  districtId: string,
  town: string,
  students: number,
  trainingDate: string,
): DemoVisitor[] {
  const count = Math.max(4, Math.round(students / 80));
  return Array.from({ length: count }, (_, i) => {
    const community = random.chance(0.35);
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    return {
      visitorId: `${districtId}-v${pad(i + 1)}`,
      name,
      subject: `visitor${pad(i + 1)}.${districtId}@demo.leap`,
      role: community
        ? 'community_partner'
        : random.weighted<VisitorRole>([
            ['teacher', 4],
            ['support_staff', 3],
            ['family_liaison', 2],
            ['administrator', 1],
          ]),
      organization: community
        ? { type: 'community', name: `${town} Family Partnership` }
        : { type: 'school', name: `${town} Public Schools` },
      languages: random.chance(0.4) ? ['en', random.pick(['es', 'pt', 'ht', 'pl'])] : ['en'],
      // Most visitors took LEAP 101 the summer before; a few never did.
      trainedOn: random.chance(0.85) ? trainingDate : null,
    };
  });
}

function createPartners(random: Random, districtId: string, town: string): DemoPartner[] {
  return PARTNER_KINDS.map((kind, i) => ({
    partnerId: `${districtId}-p${pad(i + 1)}`,
    name: `${town} ${kind.name}`,
    resourceTypes: [...kind.resources],
    languages: random.chance(0.5) ? ['en', 'es'] : ['en'],
    contact: { phone: `860-555-01${pad(random.int(0, 99))}`, url: null },
  }));
}

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
