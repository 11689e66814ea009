import type Database from 'better-sqlite3';
import { generationTable, type ReadModels } from '@leap/projections';
import { CASE_SUMMARIES } from './case-summaries.projection';

/**
 * The pseudonyms of the district's students who have an open case, from the active generation of
 * the case summaries; null before their first build. Read it inside the caller's `snapshot` when
 * it is combined with another read model of the same file.
 */
export function openCaseStudents(readModels: ReadModels, districtId: string): Set<string> | null {
  const active = readModels.checkpoints.active(CASE_SUMMARIES);
  if (!active) return null;
  const table = generationTable(CASE_SUMMARIES, active.generation);
  const db: Database.Database = readModels.db;
  const students = db
    .prepare<[string], string>(
      `SELECT DISTINCT student FROM ${table} WHERE district_id = ? AND status = 'open'`,
    )
    .pluck()
    .all(districtId);
  return new Set(students);
}
