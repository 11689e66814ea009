import type { CandidateEvent } from '@leap/domain';
import { openWorklists, type WorklistsUnderTest } from './testing/worklists-fixtures';

const STREAM = 'candidate-d1-stu_abc';
const DUE = '2024-11-03T10:00:00.000Z';
const raised: CandidateEvent = {
  type: 'CandidateFollowUpDue.v1',
  data: {
    followUpId: 'fu-c1',
    rule: 'new_candidate',
    reason: 'chronic in 2024-25 so far',
    dueAt: DUE,
    triggerEventId: 'attendance-event-1',
    entryId: null,
    districtId: 'd1',
    schoolId: 'sch-1',
    student: 'stu_abc',
    yearToDate: { schoolYear: '2024-25', daysEnrolled: 40, daysAbsent: 10, rate: 75, tier: 'severe_chronic' },
  },
};

describe('when a candidate is listed on the worklist', () => {
  let w: WorklistsUnderTest;
  beforeEach(() => (w = openWorklists()));
  afterEach(() => w.close());

  it('turns the candidate follow-up into an item with its candidate id, scope and year-to-date tier', () => {
    w.applyOnStream(STREAM, raised);
    expect(w.items(STREAM)).toEqual([
      expect.objectContaining({
        key: STREAM,
        candidate_id: 'd1-stu_abc',
        follow_up_id: 'fu-c1',
        district_id: 'd1',
        school_id: 'sch-1',
        severity: 0,
        tier: 'severe_chronic',
        rule: 'new_candidate',
        open_from: DUE,
        state: 'open',
        assignee: null,
        raised_by_event_id: `${STREAM}-0`,
        raised_by_revision: 0,
        student: 'stu_abc',
        student_id: null,
      }),
    ]);
    expect(w.subjects(STREAM)).toEqual([]);
  });

  it('follows a claim, and drops the item once dismissed or identified', () => {
    w.applyOnStream(STREAM, raised, {
      type: 'CandidateFollowUpClaimed.v1',
      data: { followUpId: 'fu-c1', claimedBy: 'team-a' },
    });
    expect(w.items(STREAM)).toEqual([expect.objectContaining({ assignee: 'team-a' })]);
    w.applyOnStream(STREAM, {
      type: 'CandidateIdentified.v1',
      data: { followUpId: 'fu-c1', caseId: 'case-1', identifiedOn: '2024-11-05' },
    });
    expect(w.items(STREAM)).toEqual([]);
  });
});
