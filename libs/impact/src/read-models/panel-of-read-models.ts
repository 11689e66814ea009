import { districtOfStudent, type StudentAttendanceDoc } from '@leap/attendance';
import { GRADES, type OpenCase, type OrganizationType } from '@leap/domain';
import {
  gradeBandOfGrade,
  type PanelFirstVisit,
  type PanelMonth,
  type PanelStudent,
  type VisitorOrganization,
} from '../domain/panel';

const REMOTE_LOCATIONS: readonly string[] = ['virtual', 'phone'];

/**
 * The estimator's panel from the read models: each student's attendance document (roster facts and
 * the latest figures of every school month, from `StudentRostered.v1` and the attendance imports)
 * and the case states of the same students (first held, not voided, visit; its location; its
 * visitors' organisation from the visitor registry). Students without a roster are left out: their
 * grade and English-learner status are unknown, so they match nobody.
 *
 * The roster holds the grade of the latest school year the student has attendance in; earlier school
 * years count back one grade each (a student in grade 6 this year was in grade 5 the year before).
 */
export function panelOfReadModels(
  docs: readonly StudentAttendanceDoc[],
  cases: readonly OpenCase[],
  organizationOf: (visitorId: string) => OrganizationType | null,
): PanelStudent[] {
  const firstVisits = new Map<string, PanelFirstVisit>();
  for (const c of cases) {
    const first = firstHeldVisit(c, organizationOf);
    const known = firstVisits.get(c.student);
    if (first && (!known || first.date < known.date)) firstVisits.set(c.student, first);
  }
  return docs.flatMap((doc) => {
    const districtId = districtOfStudent(doc);
    if (!doc.roster || districtId === null) return [];
    const years = Object.keys(doc.years).sort();
    const latestYear = years.at(-1);
    const rosterGrade = GRADES.indexOf(doc.roster.grade);
    const months: PanelMonth[] = years.flatMap((year) => {
      const grade = GRADES[Math.max(0, rosterGrade - yearsBetween(year, latestYear!))]!;
      return Object.values(doc.years[year] ?? {}).map((figures) => ({
        month: figures.month,
        schoolId: figures.schoolId,
        gradeBand: gradeBandOfGrade(grade),
        daysEnrolled: figures.daysEnrolled,
        daysAbsent: figures.daysAbsent,
      }));
    });
    months.sort((a, b) => a.month.localeCompare(b.month));
    return [
      {
        student: doc.student,
        districtId,
        englishLearner: doc.roster.flags.englishLearner,
        firstVisit: firstVisits.get(doc.student) ?? null,
        months,
      },
    ];
  });
}

/** `2024-25` to `2025-26` is one year. */
const yearsBetween = (from: string, to: string) => Number(to.slice(0, 4)) - Number(from.slice(0, 4));

function firstHeldVisit(
  c: OpenCase,
  organizationOf: (visitorId: string) => OrganizationType | null,
): PanelFirstVisit | null {
  const held = c.visits
    .filter((visit) => visit.status === 'held' && !visit.voided)
    .sort((a, b) => a.date.localeCompare(b.date));
  const first = held[0];
  if (!first) return null;
  const types = new Set(
    first.visitorIds.map(organizationOf).filter((type): type is OrganizationType => type !== null),
  );
  const organization: VisitorOrganization =
    types.size > 1 ? 'mixed' : types.has('community') ? 'community' : 'school';
  return {
    date: first.date,
    location: REMOTE_LOCATIONS.includes(first.location) ? 'remote' : 'in_person',
    organization,
  };
}
