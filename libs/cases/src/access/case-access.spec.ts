import { ROLES } from '@leap/auth';
import { maySendCaseCommand } from './case-access';

describe('when someone works a follow-up', () => {
  it.each(['ClaimFollowUp', 'CompleteFollowUp', 'SnoozeFollowUp'] as const)(
    'lets team roles %s, and refuses read-only roles',
    (command) => {
      const allowed = ROLES.filter((role) => maySendCaseCommand(role, command));
      expect(allowed.sort()).toEqual(['admin', 'attendance_team', 'coordinator', 'home_visitor']);
    },
  );

  it('never lets a person raise a follow-up: only the system worker does', () => {
    expect(ROLES.filter((role) => maySendCaseCommand(role, 'RaiseFollowUp'))).toEqual([]);
  });
});

describe('when someone erases a family’s data', () => {
  it('lets only coordinators and admins do it', () => {
    expect(ROLES.filter((role) => maySendCaseCommand(role, 'EraseFamilyData')).sort()).toEqual([
      'admin',
      'coordinator',
    ]);
  });
});
