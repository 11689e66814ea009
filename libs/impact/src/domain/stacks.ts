import { tierOf } from '@leap/domain';
import {
  FIRST_EVENT_MONTH,
  LAST_EVENT_MONTH,
  PRE_PERIOD,
  schoolMonthIndex,
  type GradeBand,
  type PanelStudent,
} from './panel';

/** A pre-period with fewer enrolled days than this matches nobody: its tier would be noise. */
export const MIN_PRE_PERIOD_DAYS = 10;
export const EVENT_MONTHS = LAST_EVENT_MONTH - FIRST_EVENT_MONTH + 1;

interface MonthFigures {
  enrolled: number;
  absent: number;
  schoolId: string;
  gradeBand: GradeBand;
}

/**
 * The stacked design laid flat. For every cohort (the school month of a first visit) each student
 * enters once: as treated when first visited that month, as a comparison when not (yet) served.
 * Each entry contributes, per event month k, the change of its monthly attendance rate (points)
 * from its own pre-period (cohort months −3 … −1) to cohort month + k, into a cell of its cohort,
 * k, district, school, grade band, English-learner status and tier in each pre-period month. A
 * comparison counts at k only while still unserved in that calendar month.
 */
export interface Stacks {
  students: readonly PanelStudent[];
  cells: number;
  treated: Contributions;
  comparison: Contributions;
}

export interface Contributions {
  student: Int32Array;
  eventIndex: Int32Array;
  cell: Int32Array;
  change: Float64Array;
  length: number;
}

class Growing {
  student: number[] = [];
  eventIndex: number[] = [];
  cell: number[] = [];
  change: number[] = [];
  push(student: number, eventIndex: number, cell: number, change: number): void {
    this.student.push(student);
    this.eventIndex.push(eventIndex);
    this.cell.push(cell);
    this.change.push(change);
  }
  done(): Contributions {
    return {
      student: Int32Array.from(this.student),
      eventIndex: Int32Array.from(this.eventIndex),
      cell: Int32Array.from(this.cell),
      change: Float64Array.from(this.change),
      length: this.student.length,
    };
  }
}

export interface StackOptions {
  /** Only students first visited between these dates (`YYYY-MM-DD`, inclusive) are counted as served. */
  firstVisitFrom?: string;
  firstVisitTo?: string;
}

export function buildStacks(students: readonly PanelStudent[], options: StackOptions = {}): Stacks {
  const figures = students.map(monthsByIndex);
  const cohortOf = students.map((s) =>
    s.firstVisit ? schoolMonthIndex(s.firstVisit.date.slice(0, 7)) : Number.POSITIVE_INFINITY,
  );
  const inRange = (date: string) =>
    (options.firstVisitFrom === undefined || date >= options.firstVisitFrom) &&
    (options.firstVisitTo === undefined || date <= options.firstVisitTo);
  const cohorts = [
    ...new Set(
      students.flatMap((s, i) => (s.firstVisit && inRange(s.firstVisit.date) ? [cohortOf[i]!] : [])),
    ),
  ].sort((a, b) => a - b);
  const matchIds = new Map<string, number>();
  const treated = new Growing();
  const comparison = new Growing();
  for (const cohort of cohorts) {
    const entries = students.flatMap((student, i) => {
      if (cohortOf[i]! < cohort) return [];
      const pre = prePeriod(figures[i]!, cohort);
      if (!pre) return [];
      const tiers = preTiers(figures[i]!, cohort);
      const match = `${cohort}|${student.districtId}|${pre.schoolId}|${pre.gradeBand}|${student.englishLearner}|${tiers}`;
      const served = cohortOf[i] === cohort;
      // Served that month but outside `from`…`to`: neither served in this answer nor a comparison.
      if (served && !inRange(student.firstVisit!.date)) return [];
      return [{ i, match, preRate: 1 - pre.absent / pre.enrolled, isTreated: served }];
    });
    // Comparisons only matter in cells where someone was served.
    for (const entry of entries)
      if (entry.isTreated && !matchIds.has(entry.match)) matchIds.set(entry.match, matchIds.size);
    for (const { i, match, preRate, isTreated } of entries) {
      const matchId = matchIds.get(match);
      if (matchId === undefined) continue;
      for (let k = FIRST_EVENT_MONTH; k <= LAST_EVENT_MONTH; k++) {
        const month = figures[i]!.get(cohort + k);
        if (!month || month.enrolled <= 0) continue;
        // Not yet served in that calendar month: a later first visit, or none.
        if (!isTreated && cohortOf[i]! <= cohort + k) continue;
        const eventIndex = k - FIRST_EVENT_MONTH;
        const change = 100 * (1 - month.absent / month.enrolled - preRate);
        (isTreated ? treated : comparison).push(i, eventIndex, matchId * EVENT_MONTHS + eventIndex, change);
      }
    }
  }
  return {
    students,
    cells: matchIds.size * EVENT_MONTHS,
    treated: treated.done(),
    comparison: comparison.done(),
  };
}

function monthsByIndex(student: PanelStudent): Map<number, MonthFigures> {
  const byIndex = new Map<number, MonthFigures>();
  for (const record of student.months) {
    const index = schoolMonthIndex(record.month);
    const sum = byIndex.get(index);
    if (sum) {
      sum.enrolled += record.daysEnrolled;
      sum.absent += record.daysAbsent;
    } else
      byIndex.set(index, {
        enrolled: record.daysEnrolled,
        absent: record.daysAbsent,
        schoolId: record.schoolId,
        gradeBand: record.gradeBand,
      });
  }
  return byIndex;
}

/** The pre-period's days summed, with the school and grade band of its latest month. */
function prePeriod(months: Map<number, MonthFigures>, cohort: number): MonthFigures | null {
  let sum: MonthFigures | null = null;
  for (const k of PRE_PERIOD) {
    const month = months.get(cohort + k);
    if (!month) continue;
    sum = sum
      ? { ...month, enrolled: sum.enrolled + month.enrolled, absent: sum.absent + month.absent }
      : { ...month };
  }
  return sum && sum.enrolled >= MIN_PRE_PERIOD_DAYS ? sum : null;
}

/**
 * The tier of each pre-period month (−3, −2, −1): under 10% absent (satisfactory and at risk
 * together), chronic (10 to under 20%) or severe chronic (20% or more); `none` for a month without
 * attendance. Students are identified after one chronically absent month, so the months' pattern,
 * not only their sum, tells a passing dip (that would have recovered anyway) from a lasting one.
 */
function preTiers(months: Map<number, MonthFigures>, cohort: number): string {
  return PRE_PERIOD.map((k) => {
    const month = months.get(cohort + k);
    if (!month || month.enrolled <= 0) return 'none';
    const tier = tierOf(month.enrolled, month.absent);
    return tier === 'satisfactory' || tier === 'at_risk' ? 'under_10_percent' : tier;
  }).join(',');
}
