import { redactEventData } from '../privacy/event-fields';
import { redactMetadata, type Pseudonymize } from '../privacy/field-classes';
import { event, freeTextV1, legacyEvent } from './case.fixtures';
import { CASE_EVENT_FIELDS, CASE_EVENT_TYPES, redactField } from './privacy';
import { upcastCaseEvent } from './upcast';

const pseudonymize: Pseudonymize = (kind, id) => `${kind}#${id.length}`;

describe('when events are shown to a role without personal data', () => {
  it('drops the pii object, the real student and household ids with it, and shows the pseudonyms as they are', () => {
    const identified = event.studentIdentified();
    const shown = redactEventData(identified.type, identified.data, pseudonymize);
    expect(shown).not.toHaveProperty('pii');
    expect(shown.student).toBe(identified.data.student);
    expect(shown.household).toBe(identified.data.household);
    expect(shown.baseline).toEqual(identified.data.baseline);
    expect(JSON.stringify(shown)).not.toContain(identified.data.pii.studentId);
    expect(JSON.stringify(shown)).not.toContain(identified.data.pii.householdId);
  });

  it('pseudonymises the clear student and household ids of a v1 identification read as stored', () => {
    const identified = legacyEvent.studentIdentifiedV1({ householdId: 'hh-9' });
    const shown = redactEventData(identified.type, identified.data, pseudonymize);
    expect(shown).not.toHaveProperty('pii');
    expect(shown.studentId).toBe(`student#${identified.data.studentId.length}`);
    expect(shown.householdId).toBe('household#4');
    const withoutHousehold = legacyEvent.studentIdentifiedV1({ householdId: null });
    expect(
      redactEventData(withoutHousehold.type, withoutHousehold.data, pseudonymize).householdId,
    ).toBeNull();
  });

  it('drops free text and pseudonymises login subjects inside arrays', () => {
    const assigned = {
      assignedOn: '2024-10-02',
      visitors: [{ visitorId: 'v-1', subject: 'ana@district.example' }],
    };
    expect(redactEventData('VisitorsAssigned.v1', assigned, pseudonymize)).toEqual({
      assignedOn: '2024-10-02',
      visitors: [{ visitorId: 'v-1', subject: 'subject#20' }],
    });
    const completed = {
      followUpId: 'f-1',
      outcome: 'Talked to Mr. Park',
      completedOn: '2024-11-01',
      completedBy: 'ana',
    };
    expect(redactEventData('FollowUpCompleted.v1', completed, pseudonymize)).toEqual({
      followUpId: 'f-1',
      completedOn: '2024-11-01',
      completedBy: 'subject#3',
    });
  });

  it('declares free text only on versions no longer written, each read as a version without it', () => {
    const withFreeText = CASE_EVENT_TYPES.filter((type) =>
      Object.values(CASE_EVENT_FIELDS[type]).includes('free_text'),
    );
    const legacy = [...Object.values(freeTextV1).map((build) => build()), legacyEvent.resourceReferredV1()];
    expect(withFreeText.sort()).toEqual(legacy.map((e) => e.type).sort());
    for (const stored of legacy) expect(withFreeText).not.toContain(upcastCaseEvent(stored).type);
  });

  it('keeps nothing of an event type it does not know', () => {
    expect(redactEventData('SomethingNew.v1', { name: 'Maya Lopez' }, pseudonymize)).toEqual({});
  });

  it('answers a single field for views built from state', () => {
    expect(redactField('StudentIdentified.v2', 'student', 'stu_1001', pseudonymize)).toBe('stu_1001');
    expect(
      redactField('StudentIdentified.v2', 'pii', { studentId: 's-1001', studentName: 'Maya' }, pseudonymize),
    ).toBeUndefined();
    expect(redactField('StudentIdentified.v2', 'grade', '7', pseudonymize)).toBe('7');
  });

  it('pseudonymises the acting login and drops client-chosen ids from metadata, but names the system as such', () => {
    const metadata = {
      actorId: 'ana',
      actorRole: 'home_visitor',
      idempotencyKey: 'visit-maya',
      commandId: 'c-1',
    };
    expect(redactMetadata(metadata, pseudonymize)).toEqual({
      actorId: 'subject#3',
      actorRole: 'home_visitor',
      commandId: 'c-1',
    });
    expect(redactMetadata({ actorId: 'system', actorRole: 'system' }, pseudonymize)).toEqual({
      actorId: 'system',
      actorRole: 'system',
    });
  });

  it('declares every case event type, the legacy versions the store still holds included', () => {
    expect(CASE_EVENT_TYPES).toEqual(
      expect.arrayContaining(['StudentIdentified.v1', 'StudentIdentified.v2']),
    );
    expect(CASE_EVENT_TYPES).toContain('FollowUpSnoozed.v1');
    expect(CASE_EVENT_TYPES).toEqual(expect.arrayContaining(['ResourceReferred.v1', 'ResourceReferred.v2']));
  });

  it('drops the notes of a referral and the free-text partner of a legacy one', () => {
    const referred = event.resourceReferred();
    expect(redactEventData(referred.type, referred.data, pseudonymize)).toEqual({
      referralId: 'referral-1',
      referredOn: '2024-10-10',
      resourceType: 'transportation',
      partnerId: 'partner-bus',
      recordedBy: 'subject#12',
    });
    const legacy = legacyEvent.resourceReferredV1();
    const shown = redactEventData(legacy.type, legacy.data, pseudonymize);
    expect(shown).not.toHaveProperty('partner');
    expect(JSON.stringify(shown)).not.toContain('Smith');
  });

  it('pseudonymises the login subject of a registered visitor and keeps the directory facts', () => {
    const registered = {
      visitorId: 'visitor-a',
      name: 'Ana Ruiz',
      subject: 'ana@district.example',
      role: 'family_liaison',
      organization: { type: 'school', name: 'Lincoln Middle' },
      districtId: 'd1',
      languages: ['es'],
    };
    expect(redactEventData('VisitorRegistered.v1', registered, pseudonymize)).toEqual({
      ...registered,
      subject: 'subject#20',
    });
    expect(redactEventData('VisitorRegistered.v1', { ...registered, subject: null }, pseudonymize)).toEqual({
      ...registered,
      subject: null,
    });
  });
});
