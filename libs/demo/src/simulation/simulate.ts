import { deterministicUuid } from '@leap/commands';
import { isTargeted, type Grade, type TargetingApproach } from '@leap/domain';
import { drawMonth, monthAbsence } from './attendance-model';
import {
  consentProbability,
  planCase,
  REMOTE_LOCATIONS,
  REMOTE_SHARE,
  type CaseAction,
  type CasePlan,
} from './case-plan';
import { plantedEffectAt, type DemoParameters, type PlantedEffect } from './parameters';
import { createDistricts, gradeBandOf, type DemoDistrict } from './population';
import { createStudents, type DemoStudent } from './students';
import { Random } from './random';
import { demoCalendar, monthsBetween, type SchoolYearCalendar } from './school-calendar';
import { realisedTruth, type DemoTruth } from './truth';
import { finalActions } from './case-course';

/** One student's month in one school, as recorded (with the program) and as it would have been without. */
export interface StudentMonth {
  student: number;
  schoolYear: string;
  month: string;
  schoolId: string;
  grade: Grade;
  /** The month's school days; `codes` has one day code per day. */
  days: readonly string[];
  codes: string;
  daysEnrolled: number;
  daysAbsent: number;
  daysAbsentWithout: number;
}

export interface DemoCase {
  caseId: string;
  student: number;
  districtIndex: number;
  schoolId: string;
  schoolYear: string;
  grade: Grade;
  targetingApproach: TargetingApproach;
  identifiedOn: string;
  /** The month that made the team act: its figures are the case's baseline. */
  baseline: { month: string; asOf: string; daysEnrolled: number; daysAbsent: number };
  plan: CasePlan;
  /** Every action, in business-date order, ending with the closure. */
  actions: CaseAction[];
}

export interface DemoWorld {
  parameters: DemoParameters;
  calendars: [SchoolYearCalendar, SchoolYearCalendar];
  districts: DemoDistrict[];
  students: DemoStudent[];
  /** Month by month, then student by student. */
  months: StudentMonth[];
  cases: DemoCase[];
  truth: DemoTruth;
}

/** The effect multiplier of a served student, before normalisation. */
export function effectMultiplier(
  effect: PlantedEffect,
  grade: Grade,
  englishLearner: boolean,
  remote: boolean,
): number {
  return (
    (gradeBandOf(grade) === 'PK-5' ? 1 : effect.secondary) *
    (englishLearner ? effect.englishLearner : 1) *
    (remote ? effect.remote : 1)
  );
}

/**
 * The whole demo state as a pure function of the parameters: the same parameters give the same
 * world. Months are simulated in order; at the end of each month of the first school year the
 * districts' teams identify some of the targeted students who were chronically absent that month,
 * and each case's course is drawn then. A served student's later months carry the planted effect.
 */
export function simulate(parameters: DemoParameters): DemoWorld {
  const { seed, effect } = parameters;
  const calendars = demoCalendar(parameters.through);
  const districts = createDistricts(
    seed,
    parameters.districts,
    parameters.students,
    `${calendars[0].firstDay.slice(0, 4)}-08-15`,
  );
  const students = createStudents(seed, districts);
  const schoolDays = calendars.flatMap((c) => [...c.months.values()].flat());
  const nextSchoolDay = (date: string) => schoolDays.find((day) => day >= date) ?? null;

  // Multipliers are scaled so that, over the population, the pooled planted effect is the parameter.
  const norm =
    students.reduce(
      (sum, s) =>
        sum +
        effectMultiplier(effect, s.grades[0], s.flags.englishLearner, false) * (1 - REMOTE_SHARE) +
        effectMultiplier(effect, s.grades[0], s.flags.englishLearner, true) * REMOTE_SHARE,
      0,
    ) / Math.max(1, students.length);
  const served = new Map<number, { month: string; multiplier: number }>();
  const draws = students.map((s) => Random.of(seed, 'attendance', s.index));
  const months: StudentMonth[] = [];
  const cases: DemoCase[] = [];
  const history = students.map(() => ({ enrolled: 0, absent: 0 }));
  /** A student is identified at most once (one case each). */
  const identified = new Set<number>();

  calendars.forEach((calendar, year) => {
    const monthList = [...calendar.months.entries()];
    monthList.forEach(([month, days], m) => {
      const monthRecords: StudentMonth[] = [];
      for (const student of students) {
        const grade = student.grades[year];
        const schoolId = student.schoolIds[year];
        if (!grade || !schoolId) continue;
        const random = draws[student.index]!;
        const absence = monthAbsence(random, student.level, month);
        const treated = served.get(student.index);
        const eventMonth = treated ? monthsBetween(treated.month, month) : 0;
        const reduction = treated
          ? (plantedEffectAt(effect, eventMonth) * treated.multiplier) / norm / 100
          : 0;
        const drawn = drawMonth(random, days.length, absence, reduction);
        const record = {
          student: student.index,
          schoolYear: calendar.schoolYear,
          month,
          schoolId,
          grade,
          days,
          ...drawn,
        };
        monthRecords.push(record);
        if (year === 0) {
          history[student.index]!.enrolled += drawn.daysEnrolled;
          history[student.index]!.absent += drawn.daysAbsent;
        }
      }
      months.push(...monthRecords);
      const next = monthList[m + 1];
      // Teams identify from the first year's months, the month after they see them (not in June).
      if (year !== 0 || !next || m >= monthList.length - 2) return;
      for (const record of monthRecords) identify(record, next[1]);
    });
  });

  function identify(record: StudentMonth, nextDays: string[]): void {
    const student = students[record.student]!;
    const district = districts[student.districtIndex]!;
    if (identified.has(student.index)) return;
    if (record.daysEnrolled < 10 || record.daysAbsent / record.daysEnrolled < 0.1) return;
    const target = { schoolId: record.schoolId, grade: record.grade, flags: student.flags };
    if (!isTargeted(target, district.targeting)) return;
    const random = Random.of(seed, 'case', student.index, record.month);
    // Teams reach the worst months first: the worse the month, the likelier the student is identified.
    const severity = Math.min(2, record.daysAbsent / record.daysEnrolled / 0.15);
    if (!random.chance(district.identificationRate * severity)) return;
    const identifiedOn = nextDays[random.int(0, Math.min(11, nextDays.length - 1))]!;
    const caseId = deterministicUuid('demo-case', String(seed), String(student.index));
    const before = history[student.index]!;
    const attendanceBefore = before.enrolled === 0 ? 1 : 1 - before.absent / before.enrolled;
    const plan = planCase(random, {
      caseId,
      identifiedOn,
      district,
      consent: consentProbability(parameters.selection, attendanceBefore, student.flags),
      nextSchoolDay,
    });
    if (plan.firstVisit) {
      const remote = REMOTE_LOCATIONS.includes(plan.firstVisit.location);
      const multiplier = effectMultiplier(effect, record.grade, student.flags.englishLearner, remote);
      served.set(student.index, { month: plan.firstVisit.date.slice(0, 7), multiplier });
    }
    identified.add(student.index);
    cases.push({
      caseId,
      student: student.index,
      districtIndex: district.index,
      schoolId: record.schoolId,
      schoolYear: record.schoolYear,
      grade: record.grade,
      targetingApproach: district.targeting.approach,
      identifiedOn,
      baseline: {
        month: record.month,
        asOf: record.days.at(-1)!,
        daysEnrolled: record.daysEnrolled,
        daysAbsent: record.daysAbsent,
      },
      plan,
      actions: [],
    });
  }

  const byStudent = new Map<number, StudentMonth[]>();
  for (const record of months)
    byStudent.set(record.student, [...(byStudent.get(record.student) ?? []), record]);
  for (const c of cases)
    c.actions = finalActions(c, students[c.student]!, byStudent.get(c.student) ?? [], calendars);
  const truth = realisedTruth(parameters, students, cases, byStudent);
  return { parameters, calendars, districts, students, months, cases, truth };
}
