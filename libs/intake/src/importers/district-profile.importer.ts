import { deterministicUuid, handleCommand } from '@leap/commands';
import { districtProfileStreamOf } from '@leap/domain';
import type { Importer } from '../importer';
import { districtProfileDecider } from '../domain/district-profile-entry';
import { parseCount, parseId, parsePercent } from './field-values';
import { RowFields, inScope, rejected, text } from './row-fields';

export const DISTRICT_PROFILE_COLUMNS = [
  'district_id',
  'district_name',
  'resc_region',
  'enrollment',
  'attendance_rate',
  'free_reduced_lunch_share',
  'english_learner_share',
  'remote_learning_share',
] as const;

/**
 * The state's figures per district (`DistrictProfileRecorded.v1` on `districtprofile-<districtId>`),
 * for every district the state ranks, registered or not. The same figures again append nothing.
 */
export const districtProfileImporter: Importer = {
  kind: 'district-profile',
  shapes: [{ name: 'district-profile', required: DISTRICT_PROFILE_COLUMNS, optional: [] }],
  async run(rows, job, env, progress) {
    const seen = new Set<string>();
    for await (const row of rows) {
      const fields = new RowFields(row, job.columns);
      const districtId = fields.required('district_id', parseId);
      const name = fields.required('district_name', (value) => (value.length <= 200 ? value : undefined));
      const regionId = fields.required('resc_region', parseId);
      const enrollment = fields.required('enrollment', parseCount);
      const attendanceRate = fields.required('attendance_rate', parsePercent);
      const freeReducedLunchShare = fields.required('free_reduced_lunch_share', parsePercent);
      const englishLearnerShare = fields.required('english_learner_share', parsePercent);
      const remoteLearningShare = fields.required('remote_learning_share', parsePercent);
      if (!fields.rejection && !inScope(job, districtId)) fields.reject('district_id', 'wrong_district');
      if (rejected(fields, row, progress)) continue;
      if (seen.has(districtId)) {
        progress.reject({ line: row.line, column: 'district_id', reason: 'duplicate_row' });
        continue;
      }
      seen.add(districtId);
      const outcome = await handleCommand({
        store: env.store,
        streamId: districtProfileStreamOf(districtId),
        decider: districtProfileDecider,
        context: {
          ...job.context,
          commandId: deterministicUuid(job.importId, 'district-profile', districtId),
        },
        command: {
          type: 'RecordDistrictProfile',
          data: {
            districtId,
            name: text(name),
            regionId,
            enrollment,
            attendanceRate,
            freeReducedLunchShare,
            englishLearnerShare,
            remoteLearningShare,
          },
        },
        scopeOf: () => ({ districtId, schoolId: null }),
      });
      progress.accept();
      progress.appended(outcome.appended.length);
    }
  },
};
