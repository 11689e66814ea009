import type { ImportShape } from '../importer';

/** Ed-Fi style daily records: one row per student per enrolled school day. */
export const DAILY_SHAPE: ImportShape = {
  name: 'daily',
  required: ['student_id', 'school_id', 'date', 'category'],
  optional: [],
};

/** Period summaries: days enrolled and absent between two dates of one month (inclusive). */
export const PERIOD_SHAPE: ImportShape = {
  name: 'period',
  required: ['student_id', 'school_id', 'period_start', 'period_end', 'days_enrolled', 'days_absent'],
  optional: [],
};

export const ATTENDANCE_SHAPES: readonly ImportShape[] = [DAILY_SHAPE, PERIOD_SHAPE];
