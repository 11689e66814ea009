import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import { metricsOf } from '../../../libs/fidelity/src/domain/metrics';
import { replayFacts } from '../../../libs/fidelity/src/replay/replay-facts';
import { textReport } from '../../../libs/fidelity/src/report/text-report';
import { progressBar } from './progress-bar';

export interface ReplayOptions {
  districtId: string;
  onDate: string;
  /** An instant with its offset, or null. */
  knownAt: string | null;
}

/**
 * `npm run leap -- replay --district d1 --on-date 2025-10-31 [--known-at <instant>]`: replays the
 * store through the fidelity fold (no read model is read or written), with a progress bar over the
 * events on stderr, and prints the report `GET /v1/fidelity?districtId=&onDate=&knownAt=` answers.
 * Answers false (nothing printed but the reason) when the district is not in the registry.
 */
export async function replayCommand(
  store: EventStore,
  options: ReplayOptions,
  out: NodeJS.WriteStream = process.stdout,
): Promise<boolean> {
  const bar = progressBar();
  const started = Date.now();
  const label = `replay ${options.districtId}`;
  const knownAt = options.knownAt === null ? undefined : Date.parse(options.knownAt);
  const { facts, eventsRead } = await replayFacts(store, {
    knownAt,
    onProgress: (done) =>
      bar.update({ projection: label, done, total: null, elapsedMs: Date.now() - started }),
  });
  bar.done({ projection: label, done: eventsRead, total: null, elapsedMs: Date.now() - started });
  if (!facts.districts.has(options.districtId)) {
    process.stderr.write(`No district ${options.districtId} in the registry\n`);
    return false;
  }
  const metrics = metricsOf(facts, { districtId: options.districtId, onDate: options.onDate, knownAt });
  out.write(textReport(metrics, { ...options, eventsRead }));
  return true;
}
