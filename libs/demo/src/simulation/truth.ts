import type { DemoParameters } from './parameters';
import { gradeBandOf } from './population';
import type { DemoStudent } from './students';
import { monthsBetween } from './school-calendar';
import type { DemoCase, StudentMonth } from './simulate';

export interface RealisedEffect {
  eventMonth: number;
  /** Mean over served students observed that month of (rate with program − rate without), in points. */
  effect: number;
  students: number;
}

export type Breakdown = Record<string, RealisedEffect[]>;

/** What was planted and what it came to: the answer an evaluation is checked against. */
export interface DemoTruth {
  parameters: DemoParameters;
  realised: {
    pooled: RealisedEffect[];
    breakdowns: {
      gradeBand: Breakdown;
      englishLearner: Breakdown;
      firstVisitLocation: Breakdown;
      visitorOrganization: Breakdown;
    };
  };
}

export const FIRST_EVENT_MONTH = -3;
export const LAST_EVENT_MONTH = 9;

const rate = (enrolled: number, absent: number) => (enrolled - absent) / enrolled;

interface ServedMonth {
  eventMonth: number;
  effect: number;
  groups: {
    gradeBand: string;
    englishLearner: string;
    firstVisitLocation: string;
    visitorOrganization: string;
  };
}

/**
 * Realised effects by month relative to the month of the first visit (−3…9): both rates are
 * simulated from the same daily draws, so their difference is what the program did, after the cap
 * at 100% attendance. Months without attendance (summer) observe nobody.
 */
export function realisedTruth(
  parameters: DemoParameters,
  students: DemoStudent[],
  cases: DemoCase[],
  byStudent: Map<number, StudentMonth[]>,
): DemoTruth {
  const servedMonths: ServedMonth[] = [];
  for (const c of cases) {
    const first = c.plan.firstVisit;
    if (!first) continue;
    const student = students[c.student]!;
    const groups = {
      gradeBand: gradeBandOf(c.grade),
      englishLearner: String(student.flags.englishLearner),
      firstVisitLocation: first.location,
      visitorOrganization: first.organization,
    };
    for (const record of byStudent.get(c.student) ?? []) {
      const eventMonth = monthsBetween(first.date.slice(0, 7), record.month);
      if (eventMonth < FIRST_EVENT_MONTH || eventMonth > LAST_EVENT_MONTH || record.daysEnrolled === 0)
        continue;
      const effect =
        100 *
        (rate(record.daysEnrolled, record.daysAbsent) - rate(record.daysEnrolled, record.daysAbsentWithout));
      servedMonths.push({ eventMonth, effect, groups });
    }
  }
  const breakdown = (key: keyof ServedMonth['groups']): Breakdown => {
    const values = [...new Set(servedMonths.map((m) => m.groups[key]))].sort();
    return Object.fromEntries(
      values.map((value) => [value, series(servedMonths.filter((m) => m.groups[key] === value))]),
    );
  };
  return {
    parameters,
    realised: {
      pooled: series(servedMonths),
      breakdowns: {
        gradeBand: breakdown('gradeBand'),
        englishLearner: breakdown('englishLearner'),
        firstVisitLocation: breakdown('firstVisitLocation'),
        visitorOrganization: breakdown('visitorOrganization'),
      },
    },
  };
}

function series(months: ServedMonth[]): RealisedEffect[] {
  const out: RealisedEffect[] = [];
  for (let eventMonth = FIRST_EVENT_MONTH; eventMonth <= LAST_EVENT_MONTH; eventMonth++) {
    const observed = months.filter((m) => m.eventMonth === eventMonth);
    const mean = observed.length === 0 ? 0 : observed.reduce((s, m) => s + m.effect, 0) / observed.length;
    out.push({ eventMonth, effect: Math.round(mean * 100) / 100, students: observed.length });
  }
  return out;
}

/**
 * What a served-only before/after comparison reports at `eventMonth`: the served students' rate that
 * month minus their rate in the month that got them identified (their baseline), in points. It
 * ignores everyone not served, so regression to the mean passes for an effect.
 */
export function servedBeforeAfter(
  world: { cases: DemoCase[]; months: StudentMonth[] },
  eventMonth: number,
): number {
  const byStudent = new Map<number, StudentMonth[]>();
  for (const record of world.months)
    byStudent.set(record.student, [...(byStudent.get(record.student) ?? []), record]);
  const diffs: number[] = [];
  for (const c of world.cases) {
    const first = c.plan.firstVisit;
    if (!first) continue;
    const record = (byStudent.get(c.student) ?? []).find(
      (r) => monthsBetween(first.date.slice(0, 7), r.month) === eventMonth && r.daysEnrolled > 0,
    );
    if (!record) continue;
    const { daysEnrolled, daysAbsent } = c.baseline;
    diffs.push(100 * (rate(record.daysEnrolled, record.daysAbsent) - rate(daysEnrolled, daysAbsent)));
  }
  return diffs.reduce((s, d) => s + d, 0) / Math.max(1, diffs.length);
}
