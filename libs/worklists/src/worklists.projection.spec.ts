import { event, fakePseudonymize } from '../../domain/src/case/case.fixtures';
import { due, openWorklists, type WorklistsUnderTest } from './testing/worklists-fixtures';

const DUE = '2024-10-06T04:00:00.000Z';
const followUpIds = (w: WorklistsUnderTest, caseId = 'case-1') => w.items(caseId).map((r) => r.follow_up_id);

describe('when case events are folded into worklist items', () => {
  let w: WorklistsUnderTest;
  beforeEach(() => (w = openWorklists()));
  afterEach(() => w.close());

  it('turns a raised follow-up into an item with the case’s scope, tier, reason and the events behind it', () => {
    w.apply('case-1', event.studentIdentified(), event.visitorsAssigned(), due('f-1', DUE));
    expect(w.items('case-1')).toEqual([
      {
        key: 'case-1',
        follow_up_id: 'f-1',
        district_id: 'district-1',
        school_id: 'school-1',
        severity: 1,
        open_from: DUE,
        state: 'open',
        assignee: null,
        tier: 'chronic',
        rule: 'offer_consent',
        reason: 'reason of f-1',
        due_at: DUE,
        snoozed_until: null,
        trigger_event_id: 'trigger-f-1',
        raised_by_event_id: 'case-case-1-2',
        raised_by_revision: 2,
        entry_id: null,
        student: fakePseudonymize('student', 'student-1'),
        student_id: 'student-1',
        student_name: 'Ana',
        candidate_id: null,
      },
    ]);
    expect(w.subjects('case-1')).toEqual(['sub-a']);
  });

  it('writes nothing for a case with no follow-ups, or for events before an identification', () => {
    w.apply('case-0', due('f-0', DUE));
    w.apply('case-1', event.studentIdentified(), event.consentOffered());
    expect([w.items(), w.document('case-0')]).toEqual([[], undefined]);
  });

  it('records the claim as the assignee and a snooze as the instant the item is open from', () => {
    w.apply('case-1', event.studentIdentified(), due('f-1', DUE));
    w.apply('case-1', { type: 'FollowUpClaimed.v1', data: { followUpId: 'f-1', claimedBy: 'team-a' } });
    expect(w.items('case-1')[0]).toMatchObject({ assignee: 'team-a', state: 'open', open_from: DUE });
    w.apply('case-1', {
      type: 'FollowUpSnoozed.v1',
      data: { followUpId: 'f-1', until: '2024-10-08T12:00:00Z' },
    });
    expect(w.items('case-1')[0]).toMatchObject({
      assignee: 'team-a',
      state: 'snoozed',
      snoozed_until: '2024-10-08T12:00:00Z',
      open_from: '2024-10-08T12:00:00.000Z',
      due_at: DUE,
    });
  });

  it('drops a completed item and keeps the others of the case', () => {
    w.apply('case-1', event.studentIdentified(), due('f-1', DUE), due('f-2', DUE, 'no_contact'));
    w.apply('case-1', {
      type: 'FollowUpCompleted.v1',
      data: { followUpId: 'f-1', outcome: 'called', completedOn: '2024-10-07', completedBy: 'team-a' },
    });
    expect(followUpIds(w)).toEqual(['f-2']);
  });

  it('drops an item once the action it waited for is recorded, by whichever path', () => {
    w.apply(
      'case-1',
      event.studentIdentified(),
      event.resourceReferred({ referralId: 'r-1' }),
      event.resourceReferred({ referralId: 'r-2' }),
      due('f-offer', DUE, 'offer_consent'),
      due('f-r1', DUE, 'referral_outcome', 'r-1'),
      due('f-r2', DUE, 'referral_outcome', 'r-2'),
    );
    w.apply('case-1', event.consentOffered());
    expect(followUpIds(w)).toEqual(['f-r1', 'f-r2']);
    w.apply('case-1', event.referralOutcomeRecorded({ referralId: 'r-1' }));
    // Voiding the referral the item waits on resolves it too: there is no outcome left to wait for.
    w.apply('case-1', event.entryVoided({ entryId: 'r-2', entryKind: 'referral' }));
    expect(w.items()).toEqual([]);
  });

  it('moves items with a transferred case, and drops them all when the case closes', () => {
    w.apply('case-1', event.studentIdentified(), due('f-1', DUE), due('f-2', DUE, 'no_contact'));
    w.apply('case-1', event.caseTransferred({ toSchoolId: 'school-2' }));
    expect(w.items('case-1').map((r) => r.school_id)).toEqual(['school-2', 'school-2']);
    w.apply('case-1', event.caseClosed(), event.caseReopened());
    expect(w.items()).toEqual([]);
  });

  it('re-ranks items when an attendance check changes the tier, and back when the check is voided', () => {
    w.apply('case-1', event.studentIdentified(), due('f-1', DUE, 'no_contact'));
    w.apply('case-1', event.attendanceChecked({ checkId: 'c-1', tier: 'severe_chronic' }));
    expect(w.items('case-1')[0]).toMatchObject({ tier: 'severe_chronic', severity: 0 });
    w.apply('case-1', event.attendanceChecked({ checkId: 'c-2', asOf: '2024-11-30', tier: 'at_risk' }));
    expect(w.items('case-1')[0]).toMatchObject({ tier: 'at_risk', severity: 2 });
    w.apply('case-1', event.entryVoided({ entryId: 'c-2', entryKind: 'attendance_check' }));
    expect(w.items('case-1')[0]).toMatchObject({ tier: 'severe_chronic', severity: 0 });
  });

  it('resolves an attendance escalation once the tier is no longer chronic', () => {
    w.apply(
      'case-1',
      event.studentIdentified(),
      due('f-esc', DUE, 'attendance_escalation', 'visit-1'),
      event.attendanceChecked({ checkId: 'c-1', tier: 'satisfactory' }),
    );
    expect(w.items()).toEqual([]);
  });

  it('follows the visitor assignment: the new set replaces the old one', () => {
    w.apply('case-1', event.studentIdentified(), event.visitorsAssigned(), due('f-1', DUE));
    w.apply('case-1', event.visitorsAssigned({ visitors: [{ visitorId: 'visitor-c', subject: 'sub-c' }] }));
    expect(w.subjects('case-1')).toEqual(['sub-c']);
  });

  it('keeps the folded case, its revision and which event raised each follow-up as the document', () => {
    w.apply('case-1', event.studentIdentified(), { type: 'SomethingNew.v1', data: {} }, due('f-1', DUE));
    expect(w.document('case-1')).toMatchObject({
      revision: 2,
      raisedBy: { 'f-1': { eventId: 'case-case-1-2', revision: 2 } },
      state: { caseId: 'case-1', followUps: [{ followUpId: 'f-1', state: 'open' }] },
    });
  });
});

describe('when a family’s data is erased, worklist items', () => {
  let w: WorklistsUnderTest;
  beforeEach(() => (w = openWorklists()));
  afterEach(() => w.close());

  it('leave the worklist (nothing is left to follow up), and the document keeps no name', () => {
    w.apply('case-1', event.studentIdentified(), event.visitorsAssigned(), due('f-1', DUE));
    expect(w.items('case-1').map((item) => [item.follow_up_id, item.student_name])).toEqual([['f-1', 'Ana']]);
    w.apply('case-1', event.familyDataErased());
    expect(w.items('case-1')).toEqual([]);
    expect(JSON.stringify(w.document('case-1'))).not.toContain('Ana');
  });
});

describe('when the personal data of a case on the worklist is sealed', () => {
  let w: WorklistsUnderTest;
  beforeEach(() => (w = openWorklists()));
  afterEach(() => w.close());

  const sealed = { $sealed: 'aes-256-gcm/v1', key: 'case-case-1', iv: 'i', data: 'd', tag: 't' };
  const identified = () => {
    const identification = event.studentIdentified();
    return { ...identification, data: { ...identification.data, pii: sealed } };
  };
  const reader = (pii: Record<string, unknown>) => ({ open: () => Promise.resolve(pii) });

  it('names the item’s student from the opened identification and keeps no pii in the document', async () => {
    const pii = reader({ studentName: 'Zoë Quist', studentId: 'ST-77', address: '9 Wren Rd' });
    await w.applyPrepared(pii, 'case-1', identified(), due('f-1', DUE));
    expect(w.items('case-1')[0]).toMatchObject({ student_name: 'Zoë Quist', student_id: 'ST-77' });
    const document = JSON.stringify(w.document('case-1'));
    expect(document).not.toMatch(/\$sealed|Wren/);
  });

  it('keeps the item, without a name, once the key is destroyed; the family’s erasure resolves it', async () => {
    await w.applyPrepared(reader({ erased: true }), 'case-1', identified(), due('f-1', DUE));
    expect(w.items('case-1')[0]).toMatchObject({ follow_up_id: 'f-1', student_name: null, student_id: null });

    await w.applyPrepared(reader({ studentName: 'Ana' }), 'case-2', identified(), due('f-2', DUE));
    w.apply('case-2', event.familyDataErased());
    expect(w.items('case-2')).toEqual([]);
    expect(JSON.stringify(w.document('case-2'))).not.toContain('Ana');
  });
});
