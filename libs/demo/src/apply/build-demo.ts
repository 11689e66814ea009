import type { DemoWorld, StudentMonth } from '../simulation/simulate';
import { addDays } from '../simulation/school-calendar';
import { caseActors, runCaseAction } from './case-actions';
import { attendanceCsv, rosterCsv } from './csv-files';
import type { DemoServices } from './demo-services';
import { DemoWriter, type DemoProgress, type DemoSummary } from './demo-writer';
import { followUpsDueBy } from './follow-ups';
import { writeRegistry } from './write-registry';

export type { DemoProgress, DemoSummary } from './demo-writer';

/** One thing done on one date; `lane` orders steps that must not overlap (a case's commands). */
type Step = { date: string; rank: number; lane: string; run: () => Promise<void> };

/**
 * Writes a simulated world into the store through the registry services, the importers and the
 * case command handlers, in business-date order: the registry first, then rosters before each
 * school year, each month's attendance on the first of the next month, and every case's commands
 * on their dates, each preceded by the follow-ups the simulated clock has made due by then.
 *
 * Every command carries an idempotency key derived from the seed, so its ids (cases, events) are
 * the same on every build, and building the same world again into the same store appends nothing.
 */
export async function buildDemo(
  world: DemoWorld,
  services: DemoServices,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoSummary> {
  const writer = new DemoWriter(world, services, onProgress);
  await writeRegistry(writer);
  const steps = [...importSteps(writer), ...caseSteps(writer)];
  // Stable: steps of one date keep the order they were listed in (a case's actions stay in order).
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank));
  let done = 0;
  for (let start = 0; start < steps.length;) {
    const { date, rank } = steps[start]!;
    let end = start;
    while (end < steps.length && steps[end]!.date === date && steps[end]!.rank === rank) end++;
    await runLanes(steps.slice(start, end));
    done += end - start;
    start = end;
    onProgress({ phase: 'timeline', done, total: steps.length, unit: 'steps' });
  }
  return writer.summary;
}

/** Each district's roster a week before each school year, and its attendance of each month on the first of the next. */
function importSteps(writer: DemoWriter): Step[] {
  const { world, summary } = writer;
  const steps: Step[] = [];
  world.calendars.forEach((calendar, year) => {
    const rosterDay = addDays(calendar.firstDay, -7);
    for (const district of world.districts) {
      const csv = () => rosterCsv(world, district.index, year as 0 | 1);
      const run = async () => {
        await writer.importFile(
          'roster',
          district.districtId,
          csv(),
          rosterDay,
          district.districtId,
          calendar.schoolYear,
        );
      };
      steps.push({ date: rosterDay, rank: 0, lane: 'imports', run });
    }
  });
  const byDistrictMonth = new Map<string, StudentMonth[]>();
  for (const record of world.months) {
    const key = `${world.students[record.student]!.districtIndex}|${record.month}`;
    const records = byDistrictMonth.get(key) ?? [];
    records.push(record);
    byDistrictMonth.set(key, records);
  }
  for (const [key, records] of byDistrictMonth) {
    const [districtIndex, month] = key.split('|') as [string, string];
    const { districtId } = world.districts[Number(districtIndex)]!;
    const importDay = `${addDays(`${month}-28`, 4).slice(0, 8)}01`;
    const run = async () => {
      const csv = attendanceCsv(world, records, world.parameters.attendance);
      const rows = await writer.importFile('attendance', districtId, csv, importDay, districtId, month);
      summary.attendanceRows += rows;
    };
    steps.push({ date: importDay, rank: 0, lane: 'imports', run });
  }
  return steps;
}

/** Every case's actions on their dates, each after the follow-ups due by then. */
function caseSteps(writer: DemoWriter): Step[] {
  const { world, services, context, summary } = writer;
  return world.cases.flatMap((c) => {
    const actors = caseActors(world, c);
    return c.actions.map((action, index) => ({
      date: action.date,
      rank: 1,
      lane: c.caseId,
      run: async () => {
        const raised = await followUpsDueBy(services, world, c, action.date, context);
        summary.followUpsRaised += raised;
        await runCaseAction(services, world, c, action, actors, (actor) =>
          context(actor, c.caseId, String(index)),
        );
      },
    }));
  });
}

/**
 * Runs one date's steps: each lane's steps in order, different lanes (cases) side by side. Cases are
 * independent streams, so each stream's events are the same whatever the interleaving (only their
 * global order across streams varies, like recorded times); running them together lets the key
 * store create their data keys in one transaction, which halves the build time.
 */
async function runLanes(steps: Step[]): Promise<void> {
  const lanes = new Map<string, Step[]>();
  for (const step of steps) lanes.set(step.lane, [...(lanes.get(step.lane) ?? []), step]);
  await Promise.all(
    [...lanes.values()].map(async (lane) => {
      for (const step of lane) await step.run();
    }),
  );
}
