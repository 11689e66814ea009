import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { DomainError } from '@leap/domain';
import { SqliteEventStore, type JsonObject } from '@leap/event-store';
import { createPseudonymizer, protectEventStore } from '@leap/privacy';
import { event, legacyEvent } from '../../../domain/src/case/case.fixtures';
import { openTestCipher } from '../../../privacy/src/testing/test-cipher';
import { caseStreamId, legacyStudentSlotStreamId, studentSlotStreamId } from '../case-streams';
import { PENDING_CLAIM_MS, StudentSlots, type SlotClaim } from './student-slots.service';

const coordinator = (districtId: string): Principal => ({
  issuer: 'leap-case-embedded',
  sub: `coord-${districtId}`,
  name: null,
  role: 'coordinator',
  districtId,
  schoolIds: null,
});

describe('when a case claims a student’s slot in a district', () => {
  let dir: string;
  let store: SqliteEventStore;
  let slots: StudentSlots;
  const pseudonymize = createPseudonymizer(randomBytes(32));

  const claim = (caseId: string, overrides: Partial<SlotClaim> = {}, at = new Date()): Promise<void> => {
    const context: CommandContext = {
      actor: { id: 'coord-d1', role: 'coordinator' },
      commandId: randomUUID(),
      correlationId: 'corr',
      causationId: 'cause',
      receivedAt: at,
    };
    return slots.claim({
      student: pseudonymize('student', 's-1'),
      legacyStudentId: 's-1',
      districtId: 'd1',
      schoolId: 'sch-1',
      caseId,
      context,
      principal: coordinator('d1'),
      ...overrides,
    });
  };
  const refusal = async (promise: Promise<void>) => {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };
  const writeCase = (caseId: string, districtId = 'd1', schoolId = 'sch-1', version: 'v1' | 'v2' = 'v2') => {
    const identified: { type: string; data: unknown } =
      version === 'v2'
        ? event.studentIdentified({
            caseId,
            student: pseudonymize('student', 's-1'),
            districtId,
            schoolId,
            pii: { studentId: 's-1' },
          })
        : legacyEvent.studentIdentifiedV1({ caseId, studentId: 's-1', districtId, schoolId });
    return store.appendToStream(
      caseStreamId(caseId),
      [
        {
          id: randomUUID(),
          type: identified.type,
          data: identified.data as unknown as JsonObject,
          metadata: {},
        },
      ],
      'no_stream',
    );
  };

  let keys: ReturnType<typeof openTestCipher>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-slots-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = openTestCipher(dir);
    // As the application reads it: cases identified by v1 come out as v2.
    slots = new StudentSlots(protectEventStore(store, { pseudonymize, cipher: keys.cipher }));
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keys the slot by district and pseudonym, never by the student id in clear', async () => {
    await claim('case-1');
    const slot = await store.readStream(studentSlotStreamId('d1', pseudonymize('student', 's-1')));
    expect(slot.map((e) => e.type)).toEqual(['StudentCaseOpened.v2']);
    expect(
      JSON.stringify(slot.map(({ streamId, data, metadata }) => ({ streamId, data, metadata }))),
    ).not.toContain('s-1');
  });

  it('honours a claim without its case for 60 seconds (the claiming command is still writing it)', async () => {
    const claimedAt = new Date();
    await claim('case-1', {}, claimedAt);
    const justBefore = new Date(claimedAt.getTime() + PENDING_CLAIM_MS - 2_000);
    expect((await refusal(claim('case-2', {}, justBefore))).code).toBe('case_already_open');
  });

  it('frees a claim whose case never came (a crash between the two appends) after 60 seconds', async () => {
    const claimedAt = new Date();
    await claim('case-1', {}, claimedAt);
    await expect(claim('case-2', {}, new Date(claimedAt.getTime() + PENDING_CLAIM_MS + 2_000))).resolves.toBe(
      undefined,
    );
  });

  it('lets the same student hold one open case in each district', async () => {
    await claim('case-1');
    await writeCase('case-1');
    await claim('case-2', { districtId: 'd2', principal: coordinator('d2') });
    expect((await refusal(claim('case-3'))).code).toBe('case_already_open');
  });

  it('names the open case only to a principal who could read it', async () => {
    await claim('case-1');
    await writeCase('case-1', 'd1', 'sch-1');
    const named = await refusal(claim('case-2'));
    expect(named.message).toContain('case-1');
    const otherSchool: Principal = {
      issuer: 'leap-case-embedded',
      sub: 'team-2',
      name: null,
      role: 'attendance_team',
      districtId: 'd1',
      schoolIds: ['sch-2'],
    };
    const unnamed = await refusal(claim('case-3', { principal: otherSchool, schoolId: 'sch-2' }));
    expect(unnamed.code).toBe('case_already_open');
    expect(unnamed.message).not.toContain('case-1');
  });

  it('still counts an open case held in the one-slot-per-student stream of earlier versions, in its district only', async () => {
    await writeCase('case-old', 'd1', 'sch-1', 'v1');
    await store.appendToStream(
      legacyStudentSlotStreamId('s-1'),
      [
        {
          id: randomUUID(),
          type: 'StudentCaseOpened.v1',
          data: { studentId: 's-1', caseId: 'case-old' },
          metadata: {},
        },
      ],
      'no_stream',
    );
    expect((await refusal(claim('case-new'))).code).toBe('case_already_open');
    await expect(claim('case-elsewhere', { districtId: 'd2', principal: coordinator('d2') })).resolves.toBe(
      undefined,
    );
  });

  it('looks for no slot of earlier versions when the state student id is not known', async () => {
    await writeCase('case-old', 'd1', 'sch-1', 'v1');
    await store.appendToStream(
      legacyStudentSlotStreamId('s-1'),
      [
        {
          id: randomUUID(),
          type: 'StudentCaseOpened.v1',
          data: { studentId: 's-1', caseId: 'case-old' },
          metadata: {},
        },
      ],
      'no_stream',
    );
    await expect(claim('case-new', { legacyStudentId: null })).resolves.toBe(undefined);
  });
});
