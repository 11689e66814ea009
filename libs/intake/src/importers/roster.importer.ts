import { deterministicUuid, handleCommand } from '@leap/commands';
import {
  KeyDestroyedError,
  LANGUAGE_TAG,
  studentStreamOf,
  type Pseudonymize,
  type RosterPii,
} from '@leap/domain';

import type { Importer } from '../importer';
import { rosterEntryDecider, type RosteredData } from '../domain/roster-entry';
import { BoundedTasks } from './bounded-tasks';
import { DistrictLookup } from './district-lookup';
import { parseFlag, parseGrade, parseId } from './field-values';
import { RowFields, inScope, rejected } from './row-fields';

export const ROSTER_REQUIRED = [
  'student_id',
  'district_id',
  'school_id',
  'grade',
  'english_learner',
  'free_reduced_lunch',
  'housing_insecure',
  'iep',
] as const;
export const ROSTER_OPTIONAL = ['home_language', 'guardian_name', 'guardian_phone'] as const;

/** Students rostered at once (their reads and appends overlap). */
const ROSTER_CONCURRENCY = 32;

const studentId = (value: string) => (value.length <= 64 ? value : undefined);
const guardianName = (value: string) => (value.length <= 200 ? value : undefined);
/** Digits with the usual separators (`+1 (555) 010-0101`, `555.010.0101 x12`), 7 to 30 characters. */
const guardianPhone = (value: string) => (/^\+?[0-9][0-9 ().x-]{5,28}[0-9]$/.test(value) ? value : undefined);
const languageTag = (value: string) => (LANGUAGE_TAG.test(value) ? value : undefined);

/**
 * Rosters every student of a file on `student-<pseudonym>` (`StudentRostered.v1`): the state student
 * id and the guardian's name and phone go into `pii`, which the application store seals under the
 * stream's own key. A school the district does not have is rejected (`school_not_found`): a typo
 * never becomes a school. A row identical to the student's latest entry appends nothing; a student
 * twice in one file is a `duplicate_row` the second time.
 */
export const rosterImporter: Importer = {
  kind: 'roster',
  shapes: [{ name: 'roster', required: ROSTER_REQUIRED, optional: ROSTER_OPTIONAL }],
  async run(rows, job, env, progress) {
    const districts = new DistrictLookup(env.store);
    const seen = new Set<string>();
    // Rows of different students touch different streams: a duplicate is refused before it starts.
    const tasks = new BoundedTasks(ROSTER_CONCURRENCY);
    for await (const row of rows) {
      const fields = new RowFields(row, job.columns);
      const id = fields.required('student_id', studentId);
      const districtId = fields.required('district_id', parseId);
      const schoolId = fields.required('school_id', parseId);
      const grade = fields.required('grade', parseGrade);
      const englishLearner = fields.required('english_learner', parseFlag);
      const freeReducedLunch = fields.required('free_reduced_lunch', parseFlag);
      const housingInsecure = fields.required('housing_insecure', parseFlag);
      const iep = fields.required('iep', parseFlag);
      const homeLanguage = fields.optional('home_language', languageTag);
      const name = fields.optional('guardian_name', guardianName);
      const phone = fields.optional('guardian_phone', guardianPhone);
      if (!fields.rejection && !inScope(job, districtId)) fields.reject('district_id', 'wrong_district');
      if (rejected(fields, row, progress)) continue;

      const student = env.pseudonymize('student', id);
      if (seen.has(student)) {
        progress.reject({ line: row.line, column: 'student_id', reason: 'duplicate_row' });
        continue;
      }
      seen.add(student);
      await tasks.add(async () => {
        const district = await districts.registered(districtId);
        if (!district) {
          progress.reject({ line: row.line, column: 'district_id', reason: 'district_not_found' });
          return;
        }
        if (!district.schools.some((school) => school.schoolId === schoolId)) {
          progress.reject({ line: row.line, column: 'school_id', reason: 'school_not_found' });
          return;
        }
        const pii: RosterPii = {
          studentId: id,
          ...(name !== null ? { guardianName: name } : {}),
          ...(phone !== null ? { guardianPhone: phone } : {}),
        };
        const data: RosteredData = {
          student,
          districtId,
          schoolId,
          grade,
          flags: { englishLearner, freeReducedLunch, housingInsecure, iep },
          homeLanguage,
          piiDigest: piiDigestOf(env.pseudonymize, pii),
          pii,
        };
        try {
          const outcome = await handleCommand({
            store: env.store,
            streamId: studentStreamOf(student),
            decider: rosterEntryDecider,
            context: { ...job.context, commandId: deterministicUuid(job.importId, 'roster', student) },
            command: { type: 'RosterStudent', data },
            scopeOf: () => ({ districtId, schoolId }),
          });
          progress.accept();
          progress.appended(outcome.appended.length);
        } catch (error) {
          // The student's personal data was erased (its key destroyed): nothing new is written for them.
          if (!(error instanceof KeyDestroyedError)) throw error;
          progress.reject({ line: row.line, column: null, reason: 'student_erased' });
        }
      });
    }
    await tasks.drain();
  },
};

/** A keyed digest of the personal data (the install's pseudonym key): equal data, equal digest. */
function piiDigestOf(pseudonymize: Pseudonymize, pii: RosterPii): string {
  const text = JSON.stringify([pii.studentId, pii.guardianName ?? null, pii.guardianPhone ?? null]);
  return pseudonymize('subject', `roster-pii\u0000${text}`).replace(/^[a-z]+_/, '');
}
