import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { command, event, history } from './case.fixtures';
import { evolveCase, initialCaseState } from './evolve';
import type { AttendanceChecked, CaseEvent } from './events';
import { redactField } from './privacy';

const automatic = (data: Partial<AttendanceChecked['data']> = {}): CaseEvent => ({
  type: 'AttendanceChecked.v1',
  data: {
    checkId: 'auto-check-1',
    asOf: '2024-10-31',
    daysEnrolled: 20,
    daysAbsent: 3,
    tier: 'chronic',
    recordedBy: 'system',
    month: '2024-10',
    rate: 85,
    yearToDate: {
      schoolYear: '2024-25',
      through: '2024-10',
      daysEnrolled: 40,
      daysAbsent: 5,
      rate: 87.5,
      tier: 'chronic',
    },
    ...data,
  },
});

describe('when an ended month is checked automatically', () => {
  it('records the month’s figures, tier and rate, and the year to date with its own', () => {
    given(caseDecider, history.identified()).when(command.recordAttendanceCheck()).then([automatic()]);
  });

  it('records nothing when the month’s last automatic check has the same figures', () => {
    given(caseDecider, [...history.identified(), automatic()])
      .when(command.recordAttendanceCheck({ checkId: 'auto-check-2' }))
      .then([]);
  });

  it('records a new check when the month was corrected', () => {
    given(caseDecider, [...history.identified(), automatic()])
      .when(
        command.recordAttendanceCheck({
          checkId: 'auto-check-2',
          daysAbsent: 5,
          yearToDate: { schoolYear: '2024-25', through: '2024-10', daysEnrolled: 40, daysAbsent: 7 },
        }),
      )
      .then([
        automatic({
          checkId: 'auto-check-2',
          daysAbsent: 5,
          tier: 'severe_chronic',
          rate: 75,
          yearToDate: {
            schoolYear: '2024-25',
            through: '2024-10',
            daysEnrolled: 40,
            daysAbsent: 7,
            rate: 82.5,
            tier: 'chronic',
          },
        }),
      ]);
  });

  it('is refused on a closed case', () => {
    given(caseDecider, [...history.identified(), event.caseClosed()])
      .when(command.recordAttendanceCheck())
      .thenThrows('case_closed', 'conflict');
  });

  it('still folds checks recorded before months and the year to date were kept', () => {
    const state = [...history.identified(), event.attendanceChecked()].reduce(evolveCase, initialCaseState());
    expect(state.status === 'open' && state.attendanceChecks[0]).toMatchObject({
      checkId: 'check-1',
      tier: 'chronic',
    });
    expect(state.status === 'open' && state.attendanceChecks[0]?.yearToDate).toBeUndefined();
  });
});

describe('when an automatic check is shown to a role without personal data', () => {
  it('names the system as who recorded it, and pseudonymises a login', () => {
    const pseudonymize = (kind: string, id: string) => `${kind}:${id}`;
    expect(redactField('AttendanceChecked.v1', 'recordedBy', 'system', pseudonymize)).toBe('system');
    expect(redactField('AttendanceChecked.v1', 'recordedBy', 'coord-1', pseudonymize)).toBe(
      'subject:coord-1',
    );
  });
});
