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
      state: { caseId: 'case-1', consent: 'offered', pii: {} },
      personal: { studentName: 'Ana', studentId: 'student-1' },
    });
  });
});

describe('when the personal data of cases is sealed', () => {
  let summaries: Summaries;
  beforeEach(() => (summaries = openSummaries()));
  afterEach(() => summaries.close());

  const sealed = { $sealed: 'aes-256-gcm/v1', key: 'case-case-1', iv: 'x', data: 'y', tag: 'z' };
  /** Opens any sealed value as the given pii, and counts what it was asked to open. */
  const reader = (pii: Record<string, unknown> | { erased: true }) => {
    const opened: string[] = [];
    return {
      opened,
      open: (_value: unknown, context: { streamId: string; eventType: string }) => {
        opened.push(`${context.streamId} ${context.eventType}`);
        return Promise.resolve(pii);
      },
    };
  };
  const identified = () => {
    const identification = event.studentIdentified();
    return { ...identification, data: { ...identification.data, pii: sealed } };
  };

  it('opens only the identification, and keeps the name lower-cased for search, nothing else of pii', async () => {
    const pii = reader({ studentName: 'Zoë Quist-Álvarez', guardianName: 'Rosa', address: '1 Elm St' });
    const visit = event.visitHeld();
    await summaries.applyPrepared(
      pii,
      'case-1',
      identified(),
      event.consentOffered(),
      event.consentGranted(),
      { ...visit, data: { ...visit.data, pii: sealed } },
    );
    expect(pii.opened).toEqual(['case-case-1 StudentIdentified.v2']);
    const row = summaries.row('case-1')!;
    expect(row.student_name_search).toBe('zoë quist-álvarez');
    const document = String(row.document);
    expect(document).not.toMatch(/\$sealed|Rosa|Elm/);
    expect(JSON.parse(document).personal).toEqual({ studentName: 'Zoë Quist-Álvarez', studentId: null });
  });

  it('keeps a case whose key was destroyed, with no name, and the search by name finds nothing', async () => {
    await summaries.applyPrepared(reader({ erased: true }), 'case-1', identified(), event.consentOffered());
    expect(summaries.row('case-1')).toMatchObject({ student_name_search: null, stage: 'offered' });
    const scope = { districtId: 'district-1', schoolIds: null, assignedSubject: null, seesPii: true };
    expect(summaries.query(scope, { q: 'ana' }).documents).toEqual([]);
    expect(summaries.query(scope).documents).toHaveLength(1);
  });

  it('drops the name when the family’s data is erased', async () => {
    await summaries.applyPrepared(reader({ studentName: 'Ana' }), 'case-1', identified());
    summaries.apply('case-1', { type: 'FamilyDataErased.v1', data: {} });
    expect(JSON.parse(String(summaries.row('case-1')!.document)).personal).toEqual({
      studentName: null,
      studentId: null,
    });
  });
});
