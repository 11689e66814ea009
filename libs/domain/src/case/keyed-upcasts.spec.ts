import { fold } from '../decider';
import { event, fakePseudonymize, history, legacyEvent } from './case.fixtures';
import { evolveCase, initialCaseState } from './evolve';
import { keyedCaseUpcasts, upcastStudentIdentifiedV1 } from './keyed-upcasts';

describe('when an identification written by an earlier version is read', () => {
  it('reads it as StudentIdentified.v2: pseudonyms in clear, the real ids in pii beside the names', () => {
    expect(upcastStudentIdentifiedV1(legacyEvent.studentIdentifiedV1(), fakePseudonymize)).toEqual({
      type: 'StudentIdentified.v2',
      data: {
        caseId: 'case-1',
        student: fakePseudonymize('student', 'student-1'),
        districtId: 'district-1',
        schoolId: 'school-1',
        schoolYear: '2024-25',
        grade: '7',
        identifiedOn: '2024-10-01',
        baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 3, tier: 'chronic' },
        flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
        homeLanguage: 'es',
        household: fakePseudonymize('household', 'household-1'),
        targetingApproach: 'school_subset',
        pii: { studentId: 'student-1', householdId: 'household-1', studentName: 'Ana', guardianName: 'Rosa' },
      },
    });
  });

  it('gives no household pseudonym, and no household id in pii, when none was given', () => {
    const upcast = upcastStudentIdentifiedV1(
      legacyEvent.studentIdentifiedV1({ householdId: null, pii: {} }),
      fakePseudonymize,
    );
    expect(upcast.data.household).toBeNull();
    expect(upcast.data.pii).toEqual({ studentId: 'student-1' });
  });

  it('reads exactly as the identification the current version writes', () => {
    expect(upcastStudentIdentifiedV1(legacyEvent.studentIdentifiedV1(), fakePseudonymize)).toEqual(
      event.studentIdentified(),
    );
  });

  it('leaves no real id outside pii', () => {
    const { pii, ...clear } = upcastStudentIdentifiedV1(
      legacyEvent.studentIdentifiedV1({ studentId: '1234567890', householdId: 'HH-77' }),
      fakePseudonymize,
    ).data;
    expect(JSON.stringify(clear)).not.toMatch(/1234567890|HH-77/);
    expect(pii).toMatchObject({ studentId: '1234567890', householdId: 'HH-77' });
  });

  it('folds a case identified by v1 into the same state as one identified today', () => {
    const upcasts = keyedCaseUpcasts(fakePseudonymize);
    const v1 = legacyEvent.studentIdentifiedV1();
    const read = upcasts[v1.type]!;
    const asRead = { type: read.to, data: read.upcast(v1.data) } as ReturnType<
      typeof event.studentIdentified
    >;
    const stateOf = (events: Parameters<typeof evolveCase>[1][]) =>
      fold({ evolve: evolveCase, initialState: initialCaseState }, events);
    const [, ...rest] = history.consenting();
    expect(stateOf([asRead, ...rest])).toEqual(stateOf(history.consenting()));
  });

  it('offers a store-boundary upcast for every keyed legacy type, and for nothing else', () => {
    expect(Object.keys(keyedCaseUpcasts(fakePseudonymize))).toEqual(['StudentIdentified.v1']);
  });
});
