/**
 * One attendance import in a process of its own, as the CLI runs it when no server is running:
 * the configured store (LEAP_DATA_DIR), the CSV reader and the attendance importer. Prints one JSON
 * line with the outcome's counts, the import's elapsed time and the process's peak RSS.
 *
 *   LEAP_DATA_DIR=… npx tsx bench/attendance-import-process.ts <file.csv> <districtId>
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadPseudonymKey } from '../libs/privacy/src/pseudonym-key';
import { createPseudonymizer } from '../libs/privacy/src/pseudonyms';
import { openApplicationEventStore } from '../libs/privacy/src/stored-events/application-event-store';
import { attendanceImporter } from '../libs/intake/src/attendance/attendance-importer';
import { runImport } from '../libs/intake/src/reader/run-import';

async function main(): Promise<void> {
  const [file, districtId] = process.argv.slice(2);
  if (!file || !districtId) throw new Error('usage: attendance-import-process <file.csv> <districtId>');
  const store = openApplicationEventStore(process.env);
  const pseudonymize = createPseudonymizer(loadPseudonymKey(process.env));
  const importId = randomUUID();
  const started = performance.now();
  const outcome = await runImport({
    importer: attendanceImporter,
    input: createReadStream(file),
    importId,
    districtId,
    context: {
      actor: { id: 'bench', role: 'coordinator' },
      commandId: importId,
      correlationId: importId,
      causationId: importId,
      receivedAt: new Date(),
    },
    env: { store, pseudonymize, today: new Date().toISOString().slice(0, 10) },
  });
  const elapsedMs = performance.now() - started;
  await store.close();
  if (outcome.error) console.error(outcome.error);
  console.log(
    JSON.stringify({
      status: outcome.status,
      reason: outcome.reason,
      counts: outcome.counts,
      elapsedMs,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
