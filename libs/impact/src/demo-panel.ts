import type { DemoWorld } from '@leap/demo';
import {
  FIRST_EVENT_MONTH,
  LAST_EVENT_MONTH,
  gradeBandOfGrade,
  schoolMonthIndex,
  type PanelStudent,
} from './domain/panel';

const REMOTE = ['virtual', 'phone'];

/**
 * The demo generator's world as the estimator's panel, without the store: what the events of the
 * demo would say (recorded attendance, roster facts, the first held visit), nothing they would not.
 */
export function panelOfDemo(world: DemoWorld): PanelStudent[] {
  const firstVisits = new Map(world.cases.map((c) => [c.student, c.plan.firstVisit]));
  const panel: PanelStudent[] = world.students.map((student) => {
    const first = firstVisits.get(student.index) ?? null;
    return {
      student: `s${student.index}`,
      districtId: world.districts[student.districtIndex]!.districtId,
      englishLearner: student.flags.englishLearner,
      firstVisit: first && {
        date: first.date,
        location: REMOTE.includes(first.location) ? 'remote' : 'in_person',
        organization: first.organization,
      },
      months: [],
    };
  });
  for (const record of world.months)
    (panel[record.student]!.months as PanelStudent['months'][number][]).push({
      month: record.month,
      schoolId: record.schoolId,
      gradeBand: gradeBandOfGrade(record.grade),
      daysEnrolled: record.daysEnrolled,
      daysAbsent: record.daysAbsent,
    });
  return panel;
}

/**
 * What the program did, on the estimator's school-month axis: per event month, the mean over served
 * students observed that month of (rate with the program − rate without), in points, for the served
 * students `which` selects. The demo knows both rates; an evaluation only ever sees the first.
 */
export function realisedBySchoolMonth(
  world: DemoWorld,
  which: (student: PanelStudent) => boolean = () => true,
): Map<number, number> {
  const panel = panelOfDemo(world);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const record of world.months) {
    const student = panel[record.student]!;
    if (!student.firstVisit || !which(student) || record.daysEnrolled === 0) continue;
    const k = schoolMonthIndex(record.month) - schoolMonthIndex(student.firstVisit.date.slice(0, 7));
    if (k < FIRST_EVENT_MONTH || k > LAST_EVENT_MONTH) continue;
    const entry = sums.get(k) ?? { sum: 0, n: 0 };
    entry.sum += (100 * (record.daysAbsentWithout - record.daysAbsent)) / record.daysEnrolled;
    entry.n += 1;
    sums.set(k, entry);
  }
  return new Map([...sums].map(([k, { sum, n }]) => [k, sum / n]));
}
