import type { Grade, OrganizationType, ResourceType, TargetingSettings, VisitorRole } from '@leap/domain';
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

export const ELEMENTARY: Grade[] = ['K', '1', '2', '3', '4', '5'];
export const MIDDLE: Grade[] = ['6', '7', '8'];
export const HIGH: Grade[] = ['9', '10', '11', '12'];
const APPROACHES: TargetingSettings['approach'][] = [
  'district_wide',
  'transition_grade',
  'demographic_focus',
  'school_subset',
];
export const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Phone numbers in the 555-0100…0199 range, reserved for fiction. */
export const fictionalPhone = (random: Random) => `860-555-01${pad(random.int(0, 99))}`;

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
