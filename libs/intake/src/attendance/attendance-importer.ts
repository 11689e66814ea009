import { attendanceStreamOf, type RejectedRow } from '@leap/domain';
import type { CsvRow, ImportEnvironment, ImportJob, ImportProgress, Importer } from '../importer';
import { AttendanceAccumulator, type StudentAccumulation } from './attendance-accumulator';
import { ATTENDANCE_SHAPES, PERIOD_SHAPE } from './attendance-shapes';
import { AttendanceValues, dayCount, isDateProblem } from './attendance-values';
import { chunksOf, importMetadata, recordStudentYear } from './record-student-years';
import { RosterDirectory } from './roster-directory';
import { rowsInBatches } from './rows-in-batches';

/**
 * How many attendance streams are read, decided and appended at a time once the file is read (one
 * `lastRevisions` call each). The
 * embedded store commits the appends of one event-loop turn together, so this is also about how
 * many streams share a commit: with 32 a million-row file paid for ~160 commits and as many WAL
 * rewrites of the same index pages; 256 takes a fifth off the writing for a few MB more.
 */
export const STREAM_CONCURRENCY = 256;

type Problem = Omit<RejectedRow, 'line'>;
const problem = (column: string | null, reason: string): Problem => ({ column, reason });
/** Where a student's rows go (or why they are rejected), for the school of the student's last row. */
type Verdict = { schoolId: string; student: StudentAccumulation | Problem };

/**
 * Attendance files, daily (Ed-Fi categories) or period summaries. Rows are checked as they come and
 * folded into one entry per student, school and month (memory bounded by students × months); once
 * the file is read, each student's school year is decided against its stream and appended at once.
 */
export const attendanceImporter: Importer = {
  kind: 'attendance',
  shapes: ATTENDANCE_SHAPES,
  async run(rows: AsyncIterable<CsvRow>, job: ImportJob, env: ImportEnvironment, progress: ImportProgress) {
    const directory = new RosterDirectory(env.store, (id) => env.pseudonymize('student', id));
    const values = new AttendanceValues(env.today, job.schoolYear);
    const months = new AttendanceAccumulator();
    const addRow = job.shape === PERIOD_SHAPE.name ? addPeriodRow : addDailyRow;
    // By state student id: one entry per student of the file, reused by each of the student's rows.
    const verdicts = new Map<string, Verdict>();
    const at = columnsOf(job);

    for await (const batch of rowsInBatches(rows)) {
      let lookedAhead = false;
      for (let index = 0; index < batch.length; index++) {
        const row = batch[index]!;
        const studentId = field(row, at.student_id);
        const schoolId = field(row, at.school_id);
        let verdict = verdicts.get(studentId);
        if (verdict === undefined || verdict.schoolId !== schoolId) {
          if (!lookedAhead) lookedAhead = lookUpNewStudents(batch, index, at, verdicts, directory);
          const found = await studentOf(studentId, schoolId, job, directory);
          verdict = { schoolId, student: 'reason' in found ? found : months.studentFor(found) };
          verdicts.set(studentId, verdict);
        }
        const student = verdict.student;
        const rejected = 'reason' in student ? student : addRow(row, at, schoolId, student, values, months);
        // Accepted rows are counted once their month is decided: a month refused as a whole
        // (`mixed_sources`, `overlapping_period`) does not count its rows as accepted.
        if (rejected) progress.reject({ line: row.line, ...rejected });
      }
    }

    const metadataOf = importMetadata(job);
    for (const years of chunksOf(months.studentYears(), STREAM_CONCURRENCY)) {
      // One call tells the streams the file starts (a first import: all of them) from those to read.
      const streamIds = years.map((year) => attendanceStreamOf(year.student, year.schoolYear));
      const revisions = await env.store.lastRevisions(streamIds);
      await Promise.all(
        years.map(async (year, index) => {
          const empty = revisions[index] === null;
          const outcome = await recordStudentYear(env.store, year, job, metadataOf, empty);
          for (const rejected of outcome.rejected) progress.reject(rejected);
          if (outcome.accepted > 0) progress.accept(outcome.accepted);
          if (outcome.appended > 0) progress.appended(outcome.appended);
        }),
      );
    }
  },
};

type Found = Parameters<AttendanceAccumulator['studentFor']>[0];

/**
 * Starts reading the roster of the batch's students not seen yet (from the first row naming one),
 * all at once, so a remote store answers them concurrently rather than one round trip per new
 * student as the rows reach them. Batches of students already seen never pay for this pass. A
 * failed lookup fails the import where its row awaits it. True: the batch has been looked ahead.
 */
function lookUpNewStudents(
  batch: readonly CsvRow[],
  from: number,
  at: AttendanceColumns,
  verdicts: Map<string, Verdict>,
  directory: RosterDirectory,
): true {
  for (let index = from + 1; index < batch.length; index++) {
    const studentId = field(batch[index]!, at.student_id);
    if (!studentId || verdicts.has(studentId)) continue;
    const lookup = directory.student(studentId);
    if (lookup instanceof Promise) lookup.catch(() => undefined);
  }
  return true;
}

/** The row's student, rostered in the caller's district, and a school of that district. */
async function studentOf(
  studentId: string,
  schoolId: string,
  job: ImportJob,
  directory: RosterDirectory,
): Promise<Found | Problem> {
  if (!studentId) return problem('student_id', 'missing_value');
  const rostered = await directory.student(studentId);
  if (rostered.districtId === null) return problem('student_id', 'unknown_student');
  if (job.districtId !== null && rostered.districtId !== job.districtId)
    return problem('student_id', 'wrong_district');
  if (!schoolId) return problem('school_id', 'missing_value');
  const district = await directory.district(rostered.districtId);
  if (!district?.schoolIds.has(schoolId)) return problem('school_id', 'school_not_found');
  return {
    student: rostered.student,
    districtId: rostered.districtId,
    partialCountsAs: district.partialCountsAs,
  };
}

function addDailyRow(
  row: CsvRow,
  at: AttendanceColumns,
  schoolId: string,
  student: StudentAccumulation,
  values: AttendanceValues,
  months: AttendanceAccumulator,
) {
  const dateText = field(row, at.date);
  if (!dateText) return problem('date', 'missing_value');
  const day = values.date(dateText);
  if (isDateProblem(day)) return problem('date', day);
  const categoryText = field(row, at.category);
  if (!categoryText) return problem('category', 'missing_value');
  const category = values.category(categoryText);
  if (!category) return problem('category', 'unknown_category');
  const added = months.addDay(student, schoolId, day, category, row.line);
  return added ? null : problem(null, 'duplicate_row');
}

function addPeriodRow(
  row: CsvRow,
  at: AttendanceColumns,
  schoolId: string,
  student: StudentAccumulation,
  values: AttendanceValues,
  months: AttendanceAccumulator,
) {
  const dates: Partial<Record<'period_start' | 'period_end', ReturnType<AttendanceValues['date']>>> = {};
  for (const column of ['period_start', 'period_end'] as const) {
    const text = field(row, at[column]);
    if (!text) return problem(column, 'missing_value');
    const date = values.date(text);
    if (isDateProblem(date)) return problem(column, date);
    dates[column] = date;
  }
  const start = dates.period_start;
  const end = dates.period_end;
  if (!start || isDateProblem(start) || !end || isDateProblem(end)) return problem(null, 'invalid_date');
  if (end.date < start.date) return problem('period_end', 'invalid_value');
  if (end.month !== start.month) return problem('period_end', 'period_spans_months');
  const counts: Partial<Record<'days_enrolled' | 'days_absent', number>> = {};
  for (const column of ['days_enrolled', 'days_absent'] as const) {
    const text = field(row, at[column]);
    if (!text) return problem(column, 'missing_value');
    const count = dayCount(text);
    if (count === null) return problem(column, 'invalid_value');
    counts[column] = count;
  }
  const daysEnrolled = counts.days_enrolled ?? 0;
  const daysAbsent = counts.days_absent ?? 0;
  if (daysEnrolled > end.day - start.day + 1) return problem('days_enrolled', 'invalid_value');
  if (daysAbsent > daysEnrolled) return problem('days_absent', 'absent_exceeds_enrolled');
  const period = { start: start.date, end: end.date, daysEnrolled, daysAbsent };
  const added = months.addPeriod(student, schoolId, start, period, row.line);
  return added ? null : problem(null, 'duplicate_row');
}

type AttendanceColumn =
  | 'student_id'
  | 'school_id'
  | 'date'
  | 'category'
  | 'period_start'
  | 'period_end'
  | 'days_enrolled'
  | 'days_absent';
/** Where each column sits in a row (-1: not a column of this file's shape). */
type AttendanceColumns = Record<AttendanceColumn, number>;

function columnsOf(job: ImportJob): AttendanceColumns {
  const at = (column: AttendanceColumn) => job.columns[column] ?? -1;
  return {
    student_id: at('student_id'),
    school_id: at('school_id'),
    date: at('date'),
    category: at('category'),
    period_start: at('period_start'),
    period_end: at('period_end'),
    days_enrolled: at('days_enrolled'),
    days_absent: at('days_absent'),
  };
}

/** A matched header gives every column of the shape a field; the reader trims around quotes, not inside. */
const field = (row: CsvRow, index: number): string => row.fields[index]?.trim() ?? '';
