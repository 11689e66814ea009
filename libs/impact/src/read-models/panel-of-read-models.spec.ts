import type { StudentAttendanceDoc } from '@leap/attendance';
import type { OpenCase, OrganizationType, VisitEntry } from '@leap/domain';
import { panelOfReadModels } from './panel-of-read-models';

const figures = (schoolId: string, month: string, daysAbsent = 2) => ({
  [`${schoolId}|${month}`]: { schoolId, month, daysEnrolled: 20, daysAbsent },
});

const doc = (student: string, grade: '5' | '6', rostered = true): StudentAttendanceDoc => ({
  student,
  roster: rostered
    ? {
        districtId: 'd1',
        schoolId: 's-middle',
        grade,
        flags: { englishLearner: true, freeReducedLunch: false, housingInsecure: false, iep: false },
        homeLanguage: null,
      }
    : null,
  studentId: null,
  attendanceDistrictId: 'd1',
  years: {
    '2024-25': { ...figures('s-elem', '2025-05'), ...figures('s-elem', '2025-06') },
    '2025-26': figures('s-middle', '2025-09', 5),
  },
});

const visit = (date: string, fields: Partial<VisitEntry> = {}): VisitEntry =>
  ({
    visitId: date,
    status: 'held',
    voided: false,
    date,
    location: 'home',
    visitorIds: ['v-school'],
    ...fields,
  }) as VisitEntry;
const caseOf = (student: string, visits: VisitEntry[]) => ({ student, visits }) as unknown as OpenCase;
const ORGANIZATIONS: Record<string, OrganizationType> = { 'v-school': 'school', 'v-community': 'community' };
const organizationOf = (id: string) => ORGANIZATIONS[id] ?? null;

describe('the panel read from the attendance and case read models', () => {
  it("gives each rostered student their months, the earlier school year one grade below the roster's", () => {
    const [student] = panelOfReadModels([doc('stu_1', '6')], [], organizationOf);
    expect(student).toEqual({
      student: 'stu_1',
      districtId: 'd1',
      englishLearner: true,
      firstVisit: null,
      months: [
        { month: '2025-05', schoolId: 's-elem', gradeBand: 'PK-5', daysEnrolled: 20, daysAbsent: 2 },
        { month: '2025-06', schoolId: 's-elem', gradeBand: 'PK-5', daysEnrolled: 20, daysAbsent: 2 },
        { month: '2025-09', schoolId: 's-middle', gradeBand: '6-12', daysEnrolled: 20, daysAbsent: 5 },
      ],
    });
  });

  it('leaves out students without a roster: their grade and flags are unknown', () => {
    expect(panelOfReadModels([doc('stu_1', '6', false)], [], organizationOf)).toEqual([]);
  });

  it('dates the first visit by the earliest held one, not voided, missed or cancelled', () => {
    const [student] = panelOfReadModels(
      [doc('stu_1', '6')],
      [
        caseOf('stu_1', [
          visit('2025-01-10', { voided: true }),
          visit('2025-01-12', { status: 'missed' }),
          visit('2025-02-20', { location: 'phone', visitorIds: ['v-school', 'v-community'] }),
          visit('2025-03-05'),
        ]),
      ],
      organizationOf,
    );
    expect(student!.firstVisit).toEqual({ date: '2025-02-20', location: 'remote', organization: 'mixed' });
  });

  it('takes the earliest first visit over a student’s cases, and the community organisation of its visitors', () => {
    const [student] = panelOfReadModels(
      [doc('stu_1', '6')],
      [
        caseOf('stu_1', [visit('2025-04-01')]),
        caseOf('stu_1', [visit('2025-03-01', { location: 'community', visitorIds: ['v-community'] })]),
      ],
      organizationOf,
    );
    expect(student!.firstVisit).toEqual({
      date: '2025-03-01',
      location: 'in_person',
      organization: 'community',
    });
  });
});
