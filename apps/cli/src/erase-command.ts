import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import type { ErasureTools } from '../../../libs/cases/src/erasure/erase-cases';
import { eraseCases } from '../../../libs/cases/src/erasure/erase-cases';
import { closedCasesDue, scanClosures } from '../../../libs/cases/src/erasure/closed-cases';
import { deterministicUuid } from '../../../libs/commands/src/deterministic-id';
import type { ErasureReason } from '../../../libs/domain/src/vocabulary';
import { progressBar } from './progress-bar';

export interface EraseOptions {
  districtId: string;
  /** Cases closed strictly before this business date. */
  closedBefore: string;
  reasonCode: ErasureReason;
  dryRun: boolean;
  /** The business date recorded on each erasure (today). */
  erasedOn: string;
}

/**
 * `npm run leap -- erase --district d1 --closed-before 2024-07-01 [--dry-run]`: finds the district's
 * closed, not yet erased cases closed before the date (one scan of codes and dates: no key is
 * opened), then erases them one by one (key destroyed, then `FamilyDataErased.v1` as the `system`
 * actor), with a progress bar on stderr. Prints how many and which cases (system-made ids, no
 * personal data) would be or were erased. Stopping half-way is safe: running it again finishes.
 */
export async function eraseCommand(
  store: EventStore,
  tools: () => ErasureTools,
  options: EraseOptions,
  out: NodeJS.WriteStream = process.stdout,
): Promise<string[]> {
  const label = `erase ${options.districtId}`;
  const scanBar = progressBar();
  const started = Date.now();
  const closures = await scanClosures(store, (done) =>
    scanBar.update({ projection: `${label}: scan`, done, total: null, elapsedMs: Date.now() - started }),
  );
  const due = closedCasesDue(closures, options.districtId, (closedOn) => closedOn < options.closedBefore);
  const what = `closed before ${options.closedBefore} in district ${options.districtId}`;
  if (options.dryRun) {
    out.write(
      `dry run: ${due.length} case(s) ${what} would be erased\n${due.map((id) => `${id}\n`).join('')}`,
    );
    return due;
  }
  const erasure = tools();
  const bar = progressBar();
  const erasing = Date.now();
  for (const [done, caseId] of due.entries()) {
    const commandId = deterministicUuid('cli-erase', options.districtId, options.closedBefore, caseId);
    await eraseCases(
      erasure,
      {
        caseIds: [caseId],
        authorize: (id, state) => {
          if (state.status !== 'none' && state.districtId !== options.districtId)
            throw new Error(`Case ${id} is not in district ${options.districtId}`);
        },
      },
      {
        actor: { id: 'system', role: 'system' },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: new Date(),
      },
      { reasonCode: options.reasonCode, erasedOn: options.erasedOn },
    );
    bar.update({
      projection: label,
      done: done + 1,
      total: due.length,
      elapsedMs: Date.now() - erasing,
      unit: 'cases',
    });
  }
  bar.done({
    projection: label,
    done: due.length,
    total: due.length,
    elapsedMs: Date.now() - erasing,
    unit: 'cases',
  });
  out.write(`${due.length} case(s) ${what} erased\n${due.map((id) => `${id}\n`).join('')}`);
  return due;
}
