import { deterministicUuid } from '@leap/commands';
import type { CaseAction } from './case-plan';
import { addDays, type SchoolYearCalendar } from './school-calendar';
import type { DemoCase, StudentMonth } from './simulate';
import type { DemoStudent } from './students';

/**
 * The plan cut at the case's closure: early when the family declined, withdrew or could not be
 * reached, at the end of the first year for seniors (graduated), else at the end of the second
 * year. Adds the monthly attendance checks of the months the case was open, and a transfer when the
 * student changes school over the summer.
 */
export function finalActions(
  c: DemoCase,
  student: DemoStudent,
  records: StudentMonth[],
  [first, second]: [SchoolYearCalendar, SchoolYearCalendar],
): CaseAction[] {
  const yearEnd = student.grades[1] === null ? first.lastDay : second.lastDay;
  const early = c.plan.closedEarly;
  const closedOn = early && early.date < yearEnd ? early.date : yearEnd;
  const lastMonths = records.filter((r) => r.month <= closedOn).slice(-2);
  const recentRate =
    1 -
    lastMonths.reduce((s, r) => s + r.daysAbsent, 0) /
      Math.max(
        1,
        lastMonths.reduce((s, r) => s + r.daysEnrolled, 0),
      );
  const reason =
    early && early.date < yearEnd
      ? early.reason
      : student.grades[1] === null
        ? 'graduated'
        : recentRate >= 0.9
          ? 'attendance_improved'
          : 'other';
  const actions: CaseAction[] = [...c.plan.actions];
  for (const record of records) {
    if (record.month < c.identifiedOn.slice(0, 7)) continue;
    const date = addDays(`${record.month}-01`, 35).slice(0, 8) + '05';
    actions.push({
      kind: 'check',
      date,
      checkId: deterministicUuid('demo-check', c.caseId, record.month),
      asOf: record.days.at(-1)!,
      daysEnrolled: record.daysEnrolled,
      daysAbsent: record.daysAbsent,
    });
  }
  const moved = student.schoolIds[1];
  if (moved && moved !== c.schoolId && second.firstDay < closedOn)
    actions.push({ kind: 'transfer', date: second.firstDay, toSchoolId: moved });
  const kept = actions
    .filter((a) => a.kind === 'identify' || a.date < closedOn)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [...kept, { kind: 'close', date: closedOn, reason }];
}
