import { deterministicUuid, handleCommand } from '@leap/commands';
import {
  DomainError,
  districtDecider,
  type AddSchool,
  type DistrictCommand,
  type DistrictEvent,
  type DistrictState,
  type School,
  districtStreamId,
} from '@leap/domain';

import type { Importer } from '../importer';
import { DistrictLookup } from './district-lookup';
import { parseGrades, parseId } from './field-values';
import { RowFields, inScope, rejected, text } from './row-fields';

export const SCHOOL_COLUMNS = ['district_id', 'school_id', 'school_name', 'grades'] as const;

/**
 * Registers a district's schools in bulk (`AddSchool` on the district's stream, as the API does).
 * A school already registered with the same name and grades is accepted and left unchanged; with a
 * different name or grades it is rejected (`school_exists`: the registry does not rename schools).
 */
export const schoolsImporter: Importer = {
  kind: 'schools',
  shapes: [{ name: 'schools', required: SCHOOL_COLUMNS, optional: [] }],
  async run(rows, job, env, progress) {
    const districts = new DistrictLookup(env.store);
    const seen = new Set<string>();
    for await (const row of rows) {
      const fields = new RowFields(row, job.columns);
      const districtId = fields.required('district_id', parseId);
      const schoolId = fields.required('school_id', parseId);
      const name = fields.required('school_name', text);
      const grades = fields.required('grades', parseGrades);
      if (!fields.rejection && !inScope(job, districtId)) fields.reject('district_id', 'wrong_district');
      if (rejected(fields, row, progress)) continue;
      const key = `${districtId}\u0000${schoolId}`;
      if (seen.has(key)) {
        progress.reject({ line: row.line, column: 'school_id', reason: 'duplicate_row' });
        continue;
      }
      seen.add(key);
      const district = await districts.registered(districtId);
      if (!district) {
        progress.reject({ line: row.line, column: 'district_id', reason: 'district_not_found' });
        continue;
      }
      const school: School = { schoolId, name, grades };
      const existing = district.schools.find((known) => known.schoolId === schoolId);
      if (existing) {
        if (sameSchool(existing, school)) progress.accept();
        else progress.reject({ line: row.line, column: 'school_id', reason: 'school_exists' });
        continue;
      }
      const command: AddSchool = { type: 'AddSchool', data: school, actorId: job.context.actor.id };
      try {
        const outcome = await handleCommand<DistrictCommand, DistrictEvent, DistrictState>({
          store: env.store,
          streamId: districtStreamId(districtId),
          decider: districtDecider,
          context: {
            ...job.context,
            commandId: deterministicUuid(job.importId, 'school', districtId, schoolId),
          },
          command,
          scopeOf: () => ({ districtId, schoolId: null }),
        });
        districts.remember(districtId, outcome.state);
        progress.accept();
        progress.appended(outcome.appended.length);
      } catch (error) {
        // Another writer added the school meanwhile: the row conflicts like any registered school.
        if (!(error instanceof DomainError)) throw error;
        progress.reject({ line: row.line, column: 'school_id', reason: error.code });
      }
    }
  },
};

const sameSchool = (a: School, b: School): boolean =>
  a.name === b.name &&
  a.grades.length === b.grades.length &&
  a.grades.every((grade, i) => grade === b.grades[i]);
