import { event, fakePseudonymize } from '../../domain/src/case/case.fixtures';
import { openSummaries, type Summaries } from './testing/summaries-fixtures';

describe('when case events are folded into case summaries', () => {
  let summaries: Summaries;
  beforeEach(() => (summaries = openSummaries()));
  afterEach(() => summaries.close());

  it('turns an identified student into a summary row with the case’s scope and baseline tier', () => {
    summaries.apply('case-1', event.studentIdentified());
    expect(summaries.row('case-1')).toMatchObject({
      district_id: 'district-1',
      school_id: 'school-1',
      student: fakePseudonymize('student', 'student-1'),
      student_id_search: 'student-1',
      student_name_search: 'ana',
      status: 'open',
      stage: 'identified',
      tier: 'chronic',
      identified_on: '2024-10-01',
      last_contact_on: null,
      visit_count: 0,
      open_follow_ups: 0,
    });
  });

  it('keeps writing a case whose personal data cannot be read, with nothing to search by', () => {
    // What a reader holding no key for the case's `pii` folds (sealed or erased personal data).
    const sealed = event.studentIdentified();
    (sealed.data as { pii: unknown }).pii = { sealed: 'v1:opaque' };
    summaries.apply('case-1', sealed, event.consentOffered());
    expect(summaries.row('case-1')).toMatchObject({
      student: fakePseudonymize('student', 'student-1'),
      student_id_search: null,
      student_name_search: null,
      stage: 'offered',
    });
    (sealed.data as { pii: unknown }).pii = 'erased';
    summaries.apply('case-2', sealed);
    expect(summaries.row('case-2')).toMatchObject({ student_id_search: null, student_name_search: null });
  });

  it('writes nothing for events that come before an identification', () => {
    summaries.apply('case-1', event.consentOffered(), event.consentGranted());
    expect(summaries.rows()).toEqual([]);
  });

  it('follows the stage through consent, visits, closure and reopening', () => {
    const stages: unknown[] = [];
    const step = (...events: Parameters<Summaries['apply']>[1][]) => {
      summaries.apply('case-1', ...events);
      stages.push(summaries.row('case-1')?.stage);
    };
    step(event.studentIdentified());
    step(event.consentOffered());
    step(event.consentGranted());
    step(event.visitHeld());
    step(event.caseClosed());
    step(event.caseReopened());
    expect(stages).toEqual(['identified', 'offered', 'consented', 'visiting', 'closed', 'visiting']);
    expect(summaries.row('case-1')).toMatchObject({
      status: 'open',
      visit_count: 1,
      last_contact_on: '2024-10-10',
    });
  });

  it('records a declined or withdrawn consent as its own stage', () => {
    summaries.apply('declined', event.studentIdentified(), event.consentOffered(), event.consentDeclined());
    summaries.apply(
      'withdrawn',
      event.studentIdentified(),
      event.consentOffered(),
      event.consentGranted(),
      event.consentWithdrawn(),
    );
    expect([summaries.row('declined')?.stage, summaries.row('withdrawn')?.stage]).toEqual([
      'declined',
      'withdrawn',
    ]);
  });

  it('drops voided visits and calls from the visit count and the last contact', () => {
    summaries.apply(
      'case-1',
      event.studentIdentified(),
      event.consentOffered(),
      event.consentGranted(),
      event.visitHeld({ visitId: 'visit-1', date: '2024-10-10' }),
      event.visitHeld({ visitId: 'visit-2', visitNumber: 2, date: '2024-10-20' }),
      event.followUpCallMade({ callId: 'call-1', calledOn: '2024-10-25' }),
    );
    expect(summaries.row('case-1')).toMatchObject({ visit_count: 2, last_contact_on: '2024-10-25' });
    summaries.apply('case-1', event.entryVoided({ entryId: 'call-1', entryKind: 'follow_up_call' }));
    summaries.apply('case-1', event.entryVoided({ entryId: 'visit-2', entryKind: 'visit' }));
    expect(summaries.row('case-1')).toMatchObject({
      visit_count: 1,
      last_contact_on: '2024-10-10',
      stage: 'visiting',
    });
  });

  it('moves a transferred case to its new school and takes the tier of the latest attendance check', () => {
    summaries.apply(
      'case-1',
      event.studentIdentified(),
      event.caseTransferred({ toSchoolId: 'school-2' }),
      event.attendanceChecked({ tier: 'at_risk' }),
    );
    expect(summaries.row('case-1')).toMatchObject({ school_id: 'school-2', tier: 'at_risk' });
  });

  it('replaces the assigned visitors when the assignment changes', () => {
    summaries.apply('case-1', event.studentIdentified(), event.visitorsAssigned());
    expect(summaries.visitors('case-1')).toEqual([
      { visitor_id: 'visitor-a', subject: 'sub-a' },
      { visitor_id: 'visitor-b', subject: null },
    ]);
    summaries.apply(
      'case-1',
      event.visitorsAssigned({ visitors: [{ visitorId: 'visitor-c', subject: 'sub-c' }] }),
    );
    expect(summaries.visitors('case-1')).toEqual([{ visitor_id: 'visitor-c', subject: 'sub-c' }]);
  });

  it('counts follow-ups that still need someone: open or snoozed, not completed or resolved', () => {
    const due = (followUpId: string, rule: string, entryId: string | null = null) => ({
      type: 'FollowUpDue.v1',
      data: {
        followUpId,
        rule,
        reason: 'timer ran out',
        dueAt: '2024-10-09T12:00:00Z',
        triggerEventId: 'e-1',
        entryId,
      },
    });
    summaries.apply(
      'case-1',
      event.studentIdentified(),
      due('f-1', 'offer_consent'),
      due('f-2', 'referral_outcome', 'referral-9'),
    );
    expect(summaries.row('case-1')?.open_follow_ups).toBe(2);
    summaries.apply('case-1', {
      type: 'FollowUpSnoozed.v1',
      data: { followUpId: 'f-2', until: '2024-10-20T12:00:00Z' },
    });
    expect(summaries.row('case-1')?.open_follow_ups).toBe(2);
    summaries.apply('case-1', event.consentOffered());
    expect(summaries.row('case-1')?.open_follow_ups).toBe(1);
    summaries.apply('case-1', {
      type: 'FollowUpCompleted.v1',
      data: { followUpId: 'f-2', outcome: 'called', completedOn: '2024-10-21', completedBy: 'team-1' },
    });
    expect(summaries.row('case-1')?.open_follow_ups).toBe(0);
  });

  it('keeps the folded state and the stream revision as the document, ignoring unknown event types', () => {
    summaries.apply(
      'case-1',
      event.studentIdentified(),
      { type: 'SomethingNew.v1', data: {} },
      event.consentOffered(),
    );
    const doc = JSON.parse(String(summaries.row('case-1')?.document));
    expect(doc).toMatchObject({
      revision: 2,
      state: { caseId: 'case-1', consent: 'offered', pii: { studentName: 'Ana' } },
    });
  });
});
