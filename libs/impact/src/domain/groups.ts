import { schoolMonthIndex, type PanelStudent } from './panel';

/** The breakdowns of the response, each a coded property of a served student. */
export const BREAKDOWNS = [
  'gradeBand',
  'englishLearner',
  'firstVisitLocation',
  'visitorOrganization',
  'district',
] as const;
export type BreakdownName = (typeof BREAKDOWNS)[number];

/** The values every response lists even when nobody falls in them (districts list what they find). */
const FIXED_VALUES: Record<Exclude<BreakdownName, 'district'>, readonly string[]> = {
  gradeBand: ['PK-5', '6-12'],
  englishLearner: ['yes', 'no'],
  firstVisitLocation: ['in_person', 'remote'],
  visitorOrganization: ['school', 'community', 'mixed'],
};

export interface Group {
  breakdown: BreakdownName | null;
  value: string;
}

/**
 * Group 0 is every served student (the pooled estimate); the others are one breakdown value each.
 * `of(student)` lists a served student's groups, pooled first. The grade band is the one of the
 * latest month up to the first visit (students move up a band over the summer).
 */
export function groupsOf(students: readonly PanelStudent[]): {
  groups: Group[];
  of: (student: PanelStudent) => number[];
} {
  const groups: Group[] = [{ breakdown: null, value: 'pooled' }];
  const ids = new Map<string, number>();
  const add = (breakdown: BreakdownName, value: string) => {
    ids.set(`${breakdown}|${value}`, groups.length);
    groups.push({ breakdown, value });
  };
  for (const [breakdown, values] of Object.entries(FIXED_VALUES))
    for (const value of values) add(breakdown as BreakdownName, value);
  const districts = [...new Set(students.filter((s) => s.firstVisit).map((s) => s.districtId))].sort();
  for (const districtId of districts) add('district', districtId);
  const id = (breakdown: BreakdownName, value: string) => ids.get(`${breakdown}|${value}`)!;
  return {
    groups,
    of: (student) => {
      const first = student.firstVisit;
      if (!first) return [];
      return [
        0,
        id('gradeBand', gradeBandAtFirstVisit(student)),
        id('englishLearner', student.englishLearner ? 'yes' : 'no'),
        id('firstVisitLocation', first.location),
        id('visitorOrganization', first.organization),
        id('district', student.districtId),
      ];
    },
  };
}

function gradeBandAtFirstVisit(student: PanelStudent): string {
  const visited = schoolMonthIndex(student.firstVisit!.date.slice(0, 7));
  let best: { index: number; band: string } | null = null;
  for (const record of student.months) {
    const index = schoolMonthIndex(record.month);
    if (index <= visited && (!best || index > best.index)) best = { index, band: record.gradeBand };
  }
  return best?.band ?? student.months[0]?.gradeBand ?? 'PK-5';
}
