import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@leap/projections';
import { ImportedStudents } from './imported-students.service';
import { StudentAttendanceReader } from './student-attendance.reader';
import { studentAttendanceProjection } from './student-attendance.projection';

/**
 * Students' imported roster and attendance: the `student_attendance` read model (tiers per month
 * and year to date are computed from it when read), and the reader identifications take imported
 * facts from.
 */
@Module({
  imports: [ProjectionsModule.forFeature([studentAttendanceProjection])],
  providers: [StudentAttendanceReader, ImportedStudents],
  exports: [StudentAttendanceReader, ImportedStudents],
})
export class AttendanceModule {}
