import type { ImportedStudent } from '@leap/attendance';
import type { IdentifyStudent, StudentFlags, StudentPii, TargetingApproach } from '@leap/domain';
import { RequestValidationError, type FieldViolation } from '@leap/http';

type Complete = Omit<IdentifyStudent['data'], 'student' | 'household' | 'pii'> & {
  studentId: string;
  householdId: string | null;
  pii: StudentPii;
};

/**
 * An identification as requested: what the body may leave out when the student's district has
 * imported them (roster and attendance) is optional here. `flags` and `homeLanguage` are undefined
 * when the body omits them (not false / null), so imported values can fill them in.
 */
export type IdentifyStudentRequest = Omit<
  Complete,
  'schoolId' | 'grade' | 'baseline' | 'flags' | 'homeLanguage' | 'targetingApproach'
> &
  Partial<Pick<Complete, 'schoolId' | 'grade' | 'baseline' | 'targetingApproach'>> & {
    flags?: Partial<StudentFlags>;
    homeLanguage?: string | null;
  };

/** Whether the request leaves out anything the imported data would give. */
export const needsImportedData = (request: IdentifyStudentRequest): boolean =>
  request.schoolId === undefined ||
  request.grade === undefined ||
  request.baseline === undefined ||
  request.targetingApproach === undefined ||
  request.flags === undefined ||
  request.homeLanguage === undefined ||
  request.pii.guardianName === undefined ||
  request.pii.guardianPhone === undefined;

/**
 * The identification with what the body left out taken from the imported data (`imported`: the
 * student as the district's roster and attendance have them, null when not rostered there) and the
 * district's targeting approach. The body always wins. A required field neither gives is a 400
 * naming its path, as when the body lacked it before imports existed.
 */
export function completeIdentification(
  request: IdentifyStudentRequest,
  imported: ImportedStudent | null,
  districtApproach: TargetingApproach | null,
): Complete {
  const missing: FieldViolation[] = [];
  const required = <T>(path: string, value: T | undefined, why: string): T => {
    if (value === undefined) missing.push({ path, reason: `${path} is required: ${why}` });
    return value as T;
  };
  const noRoster = 'the district has no imported roster entry for this student';
  const schoolId = required('schoolId', request.schoolId ?? imported?.schoolId, noRoster);
  const grade = required('grade', request.grade ?? imported?.grade, noRoster);
  const baseline = required(
    'baseline',
    request.baseline ?? imported?.baseline ?? undefined,
    imported ? 'no imported attendance month had ended by identifiedOn' : noRoster,
  );
  const targetingApproach = required(
    'targetingApproach',
    request.targetingApproach ?? (imported ? (districtApproach ?? undefined) : undefined),
    noRoster,
  );
  if (missing.length > 0) throw new RequestValidationError(missing);
  const flags = { ...imported?.flags, ...definedOnly(request.flags ?? {}) };
  return {
    ...request,
    schoolId,
    grade,
    baseline,
    targetingApproach,
    flags: {
      englishLearner: flags.englishLearner ?? false,
      freeReducedLunch: flags.freeReducedLunch ?? false,
      housingInsecure: flags.housingInsecure ?? false,
      iep: flags.iep ?? false,
    },
    homeLanguage:
      request.homeLanguage !== undefined ? request.homeLanguage : (imported?.homeLanguage ?? null),
    pii: {
      ...(imported?.guardianName ? { guardianName: imported.guardianName } : {}),
      ...(imported?.guardianPhone ? { guardianPhone: imported.guardianPhone } : {}),
      ...definedOnly(request.pii),
    },
  };
}

/** Fields a DTO declares but the body left out read as undefined: they must not hide imported values. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
