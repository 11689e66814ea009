import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { buildMetadata, deterministicUuid, type CommandContext } from '@leap/commands';
import {
  GRADES,
  districtProfileStreamOf,
  studentStreamOf,
  type DistrictProfileRecorded,
  type Grade,
  type ImportKind,
  type StudentRostered,
} from '@leap/domain';
import { attendanceImporter, runImport, type Importer } from '@leap/intake';
import { stateAdmin, type DemoServices } from './demo-services';

/** A file the demo imports, as a district or the state would upload it. */
export interface DemoImport {
  importId: string;
  kind: ImportKind;
  /** The district the file is imported for; null for the state's district profiles. */
  districtId: string | null;
  csv: string;
  context: CommandContext;
  /** The simulated business date of the import: later dates would be `future_date`. */
  today: string;
}

/** Importers of `libs/intake` the demo goes through; kinds without one yet are applied below. */
const ROSTER_BATCH = 256;

const IMPORTERS: Partial<Record<ImportKind, Importer>> = { attendance: attendanceImporter };

/**
 * Applies one demo file. Kinds with an importer go through the CSV reader and the importer, exactly
 * as `npm run leap -- import` would, and a rejected row fails the demo (its files are all good).
 * Until the schools, roster and district-profile importers exist, those files are applied here: the
 * schools through the district registry's command, rosters and profiles as the events those
 * importers are specified to append.
 */
export async function applyImport(services: DemoServices, file: DemoImport): Promise<number> {
  const importer = IMPORTERS[file.kind];
  if (importer) {
    const outcome = await runImport({
      importer,
      input: Readable.from([file.csv]),
      importId: file.importId,
      districtId: file.districtId,
      context: file.context,
      env: { store: services.store, pseudonymize: services.pseudonymize, today: file.today },
    });
    if (outcome.status !== 'completed' || outcome.counts.rejected > 0)
      throw new Error(
        `Demo import ${file.kind} ${file.importId} ${outcome.status}: ${outcome.reason ?? ''} ${JSON.stringify(outcome.rejectedRows.slice(0, 3))}`,
      );
    return outcome.counts.rows;
  }
  const rows = parse(file.csv, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const context = { ...file.context, correlationId: file.importId, causationId: file.importId };
  const apply = (row: Record<string, string>, index: number) => {
    const rowContext = { ...context, commandId: deterministicUuid(file.importId, String(index)) };
    if (file.kind === 'schools') return addSchool(services, rowContext, row);
    if (file.kind === 'roster') return recordRoster(services, rowContext, row);
    return recordProfile(services, rowContext, row);
  };
  // Schools go to one district stream, in order; roster rows are students of their own, and go
  // in batches so the key store creates their data keys together.
  const batch = file.kind === 'schools' ? 1 : ROSTER_BATCH;
  for (let start = 0; start < rows.length; start += batch)
    await Promise.all(rows.slice(start, start + batch).map((row, offset) => apply(row, start + offset)));
  return rows.length;
}

function gradesOf(range: string): Grade[] {
  const [from, to] = range.split('-') as [Grade, Grade];
  return GRADES.slice(GRADES.indexOf(from), GRADES.indexOf(to) + 1);
}

async function addSchool(services: DemoServices, context: CommandContext, row: Record<string, string>) {
  await services.districts.addSchool(stateAdmin(), context, row.district_id!, {
    schoolId: row.school_id!,
    name: row.school_name!,
    grades: gradesOf(row.grades!),
  });
}

const yes = (value: string | undefined) => value === 'Y';

async function recordRoster(services: DemoServices, context: CommandContext, row: Record<string, string>) {
  const student = services.pseudonymize('student', row.student_id!);
  const districtId = row.district_id!;
  const event: StudentRostered = {
    type: 'StudentRostered.v1',
    data: {
      student,
      districtId,
      schoolId: row.school_id!,
      grade: row.grade as Grade,
      flags: {
        englishLearner: yes(row.english_learner),
        freeReducedLunch: yes(row.free_reduced_lunch),
        housingInsecure: yes(row.housing_insecure),
        iep: yes(row.iep),
      },
      homeLanguage: row.home_language || null,
      pii: {
        studentId: row.student_id!,
        guardianName: row.guardian_name!,
        guardianPhone: row.guardian_phone!,
      },
    },
  };
  const streamId = studentStreamOf(student);
  await services.store.appendToStream(
    streamId,
    [
      {
        id: deterministicUuid(context.commandId, streamId),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: buildMetadata(context, { districtId, schoolId: row.school_id! }, 'ImportRoster'),
      },
    ],
    'any',
  );
}

async function recordProfile(services: DemoServices, context: CommandContext, row: Record<string, string>) {
  const event: DistrictProfileRecorded = {
    type: 'DistrictProfileRecorded.v1',
    data: {
      districtId: row.district_id!,
      name: row.district_name!,
      regionId: row.resc_region!,
      enrollment: Number(row.enrollment),
      attendanceRate: Number(row.attendance_rate),
      freeReducedLunchShare: Number(row.free_reduced_lunch_share),
      englishLearnerShare: Number(row.english_learner_share),
      remoteLearningShare: Number(row.remote_learning_share),
    },
  };
  const streamId = districtProfileStreamOf(event.data.districtId);
  await services.store.appendToStream(
    streamId,
    [
      {
        id: deterministicUuid(context.commandId, streamId),
        type: event.type,
        data: event.data as unknown as Record<string, unknown>,
        metadata: buildMetadata(
          context,
          { districtId: event.data.districtId, schoolId: null },
          'ImportDistrictProfile',
        ),
      },
    ],
    'any',
  );
}
