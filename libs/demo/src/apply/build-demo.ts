import type { Principal } from '@leap/auth';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { DEFAULT_DISTRICT_SETTINGS, type ImportKind } from '@leap/domain';
import type { DemoWorld, StudentMonth } from '../simulation/simulate';
import { addDays } from '../simulation/school-calendar';
import { applyImport } from './apply-import';
import { caseActors, runCaseAction, SYSTEM_ACTOR } from './case-actions';
import { attendanceCsv, districtProfileCsv, rosterCsv, schoolsCsv } from './csv-files';
import { districtPrincipal, stateAdmin, type DemoServices } from './demo-services';
import { followUpsDueBy } from './follow-ups';

export interface DemoProgress {
  phase: 'registry' | 'timeline';
  done: number;
  total: number;
  unit: string;
}

export interface DemoSummary {
  districts: number;
  schools: number;
  students: number;
  visitors: number;
  partners: number;
  cases: number;
  served: number;
  attendanceRows: number;
  followUpsRaised: number;
}

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
  const seed = String(world.parameters.seed);
  const context = (actor: Principal | typeof SYSTEM_ACTOR, ...parts: string[]): CommandContext => {
    const commandId = deterministicUuid('leap-demo', seed, ...parts);
    return {
      actor: 'sub' in actor ? { id: actor.sub, role: actor.role } : { ...actor },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      receivedAt: new Date(),
      idempotency: { key: `demo-${commandId}`, requestHash: commandId },
    };
  };
  const admin = stateAdmin();
  const [first, second] = world.calendars;
  const summary: DemoSummary = {
    districts: world.districts.length,
    schools: 0,
    students: world.students.length,
    visitors: 0,
    partners: 0,
    cases: world.cases.length,
    served: world.cases.filter((c) => c.plan.firstVisit !== null).length,
    attendanceRows: 0,
    followUpsRaised: 0,
  };
  const importFile = async (
    kind: ImportKind,
    districtId: string | null,
    csv: string,
    today: string,
    ...parts: string[]
  ) => {
    const importContext = context(
      districtId === null ? admin : coordinatorOf(districtId),
      'import',
      kind,
      ...parts,
    );
    return applyImport(services, {
      importId: importContext.commandId,
      kind,
      districtId,
      csv,
      context: importContext,
      today,
    });
  };
  const coordinatorOf = (districtId: string) =>
    districtPrincipal(
      world.districts.find((d) => d.districtId === districtId)!.coordinator,
      'coordinator',
      districtId,
    );

  // The registry, before the first school year.
  const registryDay = addDays(first.firstDay, -30);
  const registrySteps = world.districts.length * 4 + 1;
  let registryDone = 0;
  const registered = () =>
    onProgress({ phase: 'registry', done: ++registryDone, total: registrySteps, unit: 'steps' });
  for (const district of world.districts) {
    await services.districts.register(admin, context(admin, 'district', district.districtId), {
      districtId: district.districtId,
      name: district.name,
      regionId: district.regionId,
      timeZone: district.timeZone,
      settings: {
        ...DEFAULT_DISTRICT_SETTINGS,
        allowUntrainedVisitors: district.allowUntrainedVisitors,
        targeting: district.targeting,
      },
    });
    registered();
  }
  await importFile('district-profile', null, districtProfileCsv(world), registryDay, 'profiles');
  registered();
  for (const district of world.districts) {
    const coordinator = coordinatorOf(district.districtId);
    await importFile(
      'schools',
      district.districtId,
      schoolsCsv(world, district.index),
      registryDay,
      district.districtId,
    );
    summary.schools += district.schools.length;
    registered();
    for (const partner of district.partners) {
      await services.partners.register(coordinator, context(coordinator, 'partner', partner.partnerId), {
        ...partner,
        districtId: district.districtId,
      });
      summary.partners += 1;
    }
    registered();
    for (const visitor of district.visitors) {
      const { trainedOn, ...profile } = visitor;
      await services.visitors.register(coordinator, context(coordinator, 'visitor', visitor.visitorId), {
        ...profile,
        districtId: district.districtId,
      });
      if (trainedOn !== null)
        await services.visitors.recordTraining(
          coordinator,
          context(coordinator, 'training', visitor.visitorId),
          visitor.visitorId,
          {
            training: 'LEAP_101',
            completedOn: trainedOn,
          },
        );
      summary.visitors += 1;
    }
    registered();
  }

  // The two school years, in business-date order.
  const steps: Step[] = [];
  for (const [year, calendar] of [first, second].entries()) {
    const rosterDay = addDays(calendar.firstDay, -7);
    for (const district of world.districts)
      steps.push({
        date: rosterDay,
        rank: 0,
        lane: 'imports',
        run: async () => {
          await importFile(
            'roster',
            district.districtId,
            rosterCsv(world, district.index, year as 0 | 1),
            rosterDay,
            district.districtId,
            calendar.schoolYear,
          );
        },
      });
  }
  const byDistrictMonth = new Map<string, StudentMonth[]>();
  for (const record of world.months) {
    const key = `${world.students[record.student]!.districtIndex}|${record.month}`;
    const list = byDistrictMonth.get(key) ?? [];
    list.push(record);
    byDistrictMonth.set(key, list);
  }
  for (const [key, records] of byDistrictMonth) {
    const [districtIndex, month] = key.split('|') as [string, string];
    const district = world.districts[Number(districtIndex)]!;
    const importDay = addDays(`${month}-28`, 4).slice(0, 8) + '01';
    steps.push({
      date: importDay,
      rank: 0,
      lane: 'imports',
      run: async () => {
        const rows = await importFile(
          'attendance',
          district.districtId,
          attendanceCsv(world, records, world.parameters.attendance),
          importDay,
          district.districtId,
          month,
        );
        summary.attendanceRows += rows;
      },
    });
  }
  for (const c of world.cases) {
    const actors = caseActors(world, c);
    c.actions.forEach((action, index) => {
      steps.push({
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
      });
    });
  }
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
  /**
   * Runs one date's steps: each lane's steps in order, different lanes (cases) side by side. Cases are
   * independent streams, so their events are the same whatever the interleaving; running them together
   * lets the key store create their data keys in one transaction.
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
  return summary;
}
