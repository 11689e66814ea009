export * from './domain/student-attendance-doc';
export * from './domain/attendance-figures';
export * from './domain/evolve-student-attendance';
export * from './domain/imported-student';
export * from './student-attendance.projection';
export * from './student-attendance.reader';
export * from './imported-students.service';
export * from './attendance.module';
