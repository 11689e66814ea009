// times the two phases of the attendance import by wrapping the store
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadPseudonymKey } from '../libs/privacy/src/pseudonym-key';
import { createPseudonymizer } from '../libs/privacy/src/pseudonyms';
import { openApplicationEventStore } from '../libs/privacy/src/stored-events/application-event-store';
import { attendanceImporter } from '../libs/intake/src/attendance/attendance-importer';
import { runImport } from '../libs/intake/src/reader/run-import';
async function main() {
  const store = openApplicationEventStore(process.env);
  const pseudonymize = createPseudonymizer(loadPseudonymKey(process.env));
  const importId = randomUUID();
  const t0 = performance.now(); let firstAppend = 0; let appends = 0;
  const orig = store.appendToStream.bind(store);
  store.appendToStream = (s, e, x) => { if (!firstAppend && s.startsWith('attendance-')) firstAppend = performance.now(); appends++; return orig(s, e, x); };
  const cpu0 = process.cpuUsage();
  const outcome = await runImport({ importer: attendanceImporter, input: createReadStream(process.argv[2]!), importId, districtId: 'bench-d1',
    context: { actor: { id: 'b', role: 'coordinator' }, commandId: importId, correlationId: importId, causationId: importId, receivedAt: new Date() },
    env: { store, pseudonymize, today: '2026-11-29' } });
  const t1 = performance.now(); const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ total: t1 - t0, rowsPhase: firstAppend - t0, appendPhase: t1 - firstAppend, appends, cpuUser: cpu.user / 1000, cpuSys: cpu.system/1000, counts: outcome.counts }));
  await store.close();
}
void main();
