import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { READ_MODELS, generationTable, type ReadModels } from '@leap/projections';
import type { StudentAttendanceDoc } from './domain/student-attendance-doc';
import { STUDENT_ATTENDANCE } from './student-attendance.projection';

/** Reads the active generation of the student-attendance read model. */
@Injectable()
export class StudentAttendanceReader {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  /** The table of the active generation; 503 `read_model_behind` before the first build. Call inside a snapshot. */
  activeTable(): string {
    const active = this.readModels.checkpoints.active(STUDENT_ATTENDANCE);
    if (!active) {
      throw new ServiceUnavailableException({
        code: 'read_model_behind',
        message: 'The student attendance read model is not built yet',
      });
    }
    return generationTable(STUDENT_ATTENDANCE, active.generation);
  }

  /**
   * Every student of the district (those of `schoolIds` only, when given), in pseudonym order.
   * Call inside `ReadModels.snapshot` when other tables are read with it.
   */
  studentsOf(districtId: string, schoolIds: readonly string[] | null): StudentAttendanceDoc[] {
    const table = this.activeTable();
    const db = this.readModels.db;
    const rows =
      schoolIds === null
        ? db
            .prepare<[string], string>(`SELECT document FROM ${table} WHERE district_id = ? ORDER BY key`)
            .pluck()
            .all(districtId)
        : db
            .prepare<[string, string], string>(
              `SELECT document FROM ${table} WHERE district_id = ? AND school_id IN (SELECT value FROM json_each(?)) ORDER BY key`,
            )
            .pluck()
            .all(districtId, JSON.stringify(schoolIds));
    return rows.map((json) => JSON.parse(json) as StudentAttendanceDoc);
  }
}
