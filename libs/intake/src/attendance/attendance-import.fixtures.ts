import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { settingsOf, studentStreamOf, type PartialCountsAs, type RejectedRow } from '@leap/domain';
import { SqliteEventStore, type EventStore } from '@leap/event-store';
import { EventStoreDbEventStore } from '@leap/event-store/eventstoredb';
import {
  AesGcmPiiCipher,
  createPseudonymizer,
  masterKeyOf,
  SealingEventStore,
  SqliteKeyStore,
} from '@leap/privacy';
import { runImport, type ImportOutcome } from '../reader/run-import';
import { attendanceImporter } from './attendance-importer';

export const TODAY = '2026-03-15';

/** An application store as the import meets it: sealing `pii`, over a raw store of either kind. */
export interface StoreUnderTest {
  store: EventStore;
  raw: EventStore;
  cleanup(): Promise<void>;
}

export async function sealingStoreOver(rawStore: (dir: string) => EventStore): Promise<StoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-attendance-import-'));
  const raw = rawStore(dir);
  const keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), masterKeyOf(randomBytes(32)));
  const store = new SealingEventStore(raw, new AesGcmPiiCipher(keys));
  return {
    store,
    raw,
    async cleanup() {
      await store.close();
      await keys.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export const sqliteStore = (dir: string): EventStore => new SqliteEventStore(join(dir, 'events.sqlite'));
export const eventStoreDb = (connectionString: string) => (): EventStore =>
  new EventStoreDbEventStore(connectionString);

/** One test's world: its own district ids and student ids, so tests can share a store. */
export class AttendanceWorld {
  readonly prefix = randomUUID().slice(0, 8);
  readonly pseudonymize = createPseudonymizer(randomBytes(32));

  constructor(private readonly store: EventStore) {}

  district = (name: string): string => `${this.prefix}-${name}`;
  stateId = (name: string): string => `ST${this.prefix}${name}`;
  pseudonymOf = (name: string): string => this.pseudonymize('student', this.stateId(name));

  async registerDistrict(name: string, schoolIds: string[], partialCountsAs: PartialCountsAs = 'present') {
    const districtId = this.district(name);
    const metadata = { districtId, schoolId: null, correlationId: 'seed' };
    await this.store.appendToStream(
      `district-${districtId}`,
      [
        {
          id: randomUUID(),
          type: 'DistrictRegistered.v1',
          data: {
            districtId,
            name,
            regionId: 'CREC',
            timeZone: 'America/New_York',
            settings: settingsOf({ partialAttendanceCountsAs: partialCountsAs }),
          },
          metadata,
        },
        ...schoolIds.map((schoolId) => ({
          id: randomUUID(),
          type: 'SchoolAdded.v1',
          data: { districtId, schoolId, name: schoolId, grades: ['6'] },
          metadata,
        })),
      ],
      'no_stream',
    );
  }

  async roster(name: string, district: string, schoolId: string): Promise<void> {
    const districtId = this.district(district);
    const student = this.pseudonymOf(name);
    await this.store.appendToStream(
      studentStreamOf(student),
      [
        {
          id: randomUUID(),
          type: 'StudentRostered.v1',
          data: {
            student,
            districtId,
            schoolId,
            grade: '6',
            flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
            homeLanguage: null,
            pii: {
              studentId: this.stateId(name),
              guardianName: 'Rosa Delacroix',
              guardianPhone: '860-555-0100',
            },
          },
          metadata: { districtId, schoolId, correlationId: 'seed' },
        },
      ],
      'any',
    );
  }

  /** Imports a CSV text (header included) through the CSV reader, for `district` (null: a state-wide caller). */
  async import(
    csv: string,
    district: string | null,
    schoolYear: string | null = null,
  ): Promise<ImportReport> {
    const outcome = await this.attempt(csv, district, schoolYear);
    if (outcome.status !== 'completed') throw new Error(`The import failed: ${outcome.reason}`);
    return {
      importId: outcome.importId,
      rejected: outcome.rejectedRows,
      accepted: outcome.counts.accepted,
      appendedEvents: outcome.counts.appended,
    };
  }

  /** The reader's outcome, whether the import completed or stopped. */
  attempt(csv: string, district: string | null, schoolYear: string | null = null): Promise<ImportOutcome> {
    const importId = randomUUID();
    return runImport({
      importer: attendanceImporter,
      input: Readable.from([Buffer.from(csv)]),
      importId,
      districtId: district === null ? null : this.district(district),
      schoolYear,
      context: {
        actor: { id: 'coord-1', role: 'coordinator' },
        commandId: importId,
        correlationId: importId,
        causationId: importId,
        receivedAt: new Date(),
      },
      env: { store: this.store, pseudonymize: this.pseudonymize, today: TODAY },
    });
  }
}

export interface ImportReport {
  importId: string;
  rejected: RejectedRow[];
  accepted: number;
  appendedEvents: number;
}
