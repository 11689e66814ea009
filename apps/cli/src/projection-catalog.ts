import type { AnyProjection } from '../../../libs/projections/src/projection';
import { accessLogProjection } from '../../../libs/access-log/src/access-log.projection';
import { caseSummariesProjection } from '../../../libs/case-summaries/src/case-summaries.projection';
import { worklistsProjection } from '../../../libs/worklists/src/worklists.projection';
import { studentAttendanceProjection } from '../../../libs/attendance/src/student-attendance.projection';
import { fidelityFactsProjection } from '../../../libs/fidelity/src/read-models/fidelity-facts.projection';

/**
 * The projections the CLI rebuilds and runs: the same objects the API's feature modules register
 * with `ProjectionsModule.forFeature`. Adding a projection adds one line here.
 */
export const PROJECTIONS: readonly AnyProjection[] = [
  caseSummariesProjection,
  worklistsProjection,
  accessLogProjection,
  studentAttendanceProjection,
  fidelityFactsProjection,
];

export function selectProjections(name: string | undefined): AnyProjection[] {
  if (name === undefined) return [...PROJECTIONS];
  const projection = PROJECTIONS.find((candidate) => candidate.name === name);
  if (!projection) {
    throw new Error(`No projection named ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  }
  return [projection];
}
