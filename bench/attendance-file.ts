/**
 * The attendance benchmark's data: a district with schools and a roster of students appended
 * straight to the store (as the schools and roster imports would leave them), and a daily Ed-Fi file
 * of every student's school days, sorted by date as a student information system extracts a whole
 * district (the order that holds every student's month open at once).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededUniform as random, settingsOf, studentStreamOf, type Pseudonymize } from '../libs/domain/src';
import type { EventStore, EventToAppend } from '../libs/event-store/src/event-store.port';

export const DISTRICT_ID = 'bench-d1';
export const SCHOOLS = Array.from({ length: 20 }, (_, index) => `sch-${index}`);

export const stateStudentId = (index: number): string => `CT${String(1_000_000 + index)}`;

/** Weekdays from 2025-09-02 on: `count` school days of the 2025-26 school year. */
export function schoolDays(count: number): string[] {
  const days: string[] = [];
  for (
    const date = new Date(Date.UTC(2025, 8, 2));
    days.length < count;
    date.setUTCDate(date.getUTCDate() + 1)
  ) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

export async function seedDistrictAndRoster(store: EventStore, students: number, pseudonymize: Pseudonymize) {
  const metadata = { districtId: DISTRICT_ID, schoolId: null, correlationId: 'bench-seed', actorId: 'bench' };
  await store.appendToStream(
    `district-${DISTRICT_ID}`,
    [
      {
        id: randomUUID(),
        type: 'DistrictRegistered.v1',
        data: {
          districtId: DISTRICT_ID,
          name: 'Bench district',
          regionId: 'CREC',
          timeZone: 'America/New_York',
          settings: settingsOf({}),
        },
        metadata,
      },
      ...SCHOOLS.map((schoolId) => ({
        id: randomUUID(),
        type: 'SchoolAdded.v1',
        data: { districtId: DISTRICT_ID, schoolId, name: schoolId, grades: ['K', '1', '2', '3', '4', '5'] },
        metadata,
      })),
    ],
    'any',
  );
  const appends: Promise<unknown>[] = [];
  for (let index = 0; index < students; index += 1) {
    const student = pseudonymize('student', stateStudentId(index));
    const schoolId = SCHOOLS[index % SCHOOLS.length]!;
    const event: EventToAppend = {
      id: randomUUID(),
      type: 'StudentRostered.v1',
      data: {
        student,
        districtId: DISTRICT_ID,
        schoolId,
        grade: '3',
        flags: {
          englishLearner: index % 7 === 0,
          freeReducedLunch: index % 3 === 0,
          housingInsecure: false,
          iep: false,
        },
        homeLanguage: null,
        pii: { studentId: stateStudentId(index), guardianName: 'Guardian', guardianPhone: '860-555-0100' },
      },
      metadata: { ...metadata, schoolId },
    };
    appends.push(store.appendToStream(studentStreamOf(student), [event], 'any'));
    if (appends.length === 64) await Promise.all(appends.splice(0));
  }
  await Promise.all(appends);
}

/**
 * Writes `students × days` daily rows. Each student has a persistent absence level (a quarter of them
 * chronically absent, as after the pandemic); most days are In Attendance, absences split between
 * excused and unexcused, a few tardy, early departure and partial days.
 */
export async function writeDailyFile(file: string, students: number, days: number): Promise<number> {
  const next = random(7);
  const absenceLevel = Array.from({ length: students }, () =>
    next() < 0.25 ? 0.1 + next() * 0.2 : next() * 0.08,
  );
  const out = createWriteStream(file);
  out.write('student_id,school_id,date,category\n');
  let rows = 0;
  for (const date of schoolDays(days)) {
    let chunk = '';
    for (let index = 0; index < students; index += 1) {
      const roll = next();
      const level = absenceLevel[index]!;
      const category =
        roll < level * 0.45
          ? 'Excused Absence'
          : roll < level
            ? 'Unexcused Absence'
            : roll < level + 0.03
              ? 'Tardy'
              : roll < level + 0.04
                ? 'Early departure'
                : roll < level + 0.045
                  ? 'Partial'
                  : 'In Attendance';
      chunk += `${stateStudentId(index)},${SCHOOLS[index % SCHOOLS.length]},${date},${category}\n`;
      rows += 1;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
