import type { ImportedStudent } from '@leap/attendance';
import { RequestValidationError } from '@leap/http';
import {
  completeIdentification,
  needsImportedData,
  type IdentifyStudentRequest,
} from './imported-identification';

const request: IdentifyStudentRequest = {
  caseId: 'c1',
  studentId: 'S-1',
  districtId: 'd1',
  schoolYear: '2025-26',
  identifiedOn: '2025-11-15',
  householdId: null,
  pii: {},
};
const imported: ImportedStudent = {
  districtId: 'd1',
  schoolId: 'sch-1',
  grade: '6',
  flags: { englishLearner: true, freeReducedLunch: false, housingInsecure: false, iep: false },
  homeLanguage: 'es',
  guardianName: 'Rosa',
  guardianPhone: '555',
  baseline: { asOf: '2025-10-31', daysEnrolled: 40, daysAbsent: 5 },
};

describe('when an identification leaves out what the district imported', () => {
  it('takes school, grade, flags, language, baseline, approach and guardian contact from it', () => {
    expect(completeIdentification(request, imported, 'transition_grade')).toEqual({
      ...request,
      schoolId: 'sch-1',
      grade: '6',
      flags: imported.flags,
      homeLanguage: 'es',
      baseline: imported.baseline,
      targetingApproach: 'transition_grade',
      pii: { guardianName: 'Rosa', guardianPhone: '555' },
    });
  });

  it('keeps what the body gives, field by field, even where a declared field reads undefined', () => {
    const given = completeIdentification(
      {
        ...request,
        grade: '7',
        flags: { freeReducedLunch: true, englishLearner: undefined },
        homeLanguage: null,
        pii: { guardianName: 'Ana', guardianPhone: undefined },
      },
      imported,
      'district_wide',
    );
    expect(given).toMatchObject({
      grade: '7',
      flags: { englishLearner: true, freeReducedLunch: true },
      homeLanguage: null,
      pii: { guardianName: 'Ana', guardianPhone: '555' },
    });
  });

  it('names every required field neither the body nor imported data gives', () => {
    const refusal = (() => {
      try {
        completeIdentification(request, null, null);
      } catch (error) {
        return error as RequestValidationError;
      }
      throw new Error('accepted');
    })();
    expect(refusal.violations.map((v) => v.path)).toEqual([
      'schoolId',
      'grade',
      'baseline',
      'targetingApproach',
    ]);
  });

  it('reads nothing when the body gives everything', () => {
    const complete = {
      ...request,
      schoolId: 's',
      grade: '6' as const,
      baseline: imported.baseline!,
      targetingApproach: 'district_wide' as const,
      flags: {},
      homeLanguage: null,
      pii: { guardianName: 'A', guardianPhone: '1' },
    };
    expect(needsImportedData(complete)).toBe(false);
    expect(needsImportedData({ ...complete, flags: undefined })).toBe(true);
  });
});
