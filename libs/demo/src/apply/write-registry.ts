import { DEFAULT_DISTRICT_SETTINGS } from '@leap/domain';
import { addDays } from '../simulation/school-calendar';
import { districtProfileCsv, schoolsCsv } from './csv-files';
import { stateAdmin } from './demo-services';
import type { DemoWriter } from './demo-writer';

/**
 * The registry, a month before the first school year: the state registers the districts (with
 * their targeting approach) and imports its district profiles; each district imports its schools
 * and its coordinator registers the community partners and the home visitors with their trainings.
 */
export async function writeRegistry(writer: DemoWriter): Promise<void> {
  const { world, services, context, summary } = writer;
  const admin = stateAdmin();
  const registryDay = addDays(world.calendars[0].firstDay, -30);
  const total = world.districts.length * 4 + 1;
  let done = 0;
  const step = () => writer.onProgress({ phase: 'registry', done: ++done, total, unit: 'steps' });

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
    step();
  }
  await writer.importFile('district-profile', null, districtProfileCsv(world), registryDay, 'profiles');
  step();
  for (const district of world.districts) {
    const { districtId } = district;
    const coordinator = writer.coordinatorOf(districtId);
    await writer.importFile(
      'schools',
      districtId,
      schoolsCsv(world, district.index),
      registryDay,
      districtId,
    );
    summary.schools += district.schools.length;
    step();
    for (const partner of district.partners) {
      await services.partners.register(coordinator, context(coordinator, 'partner', partner.partnerId), {
        ...partner,
        districtId,
      });
      summary.partners += 1;
    }
    step();
    for (const { trainedOn, ...visitor } of district.visitors) {
      const { visitorId } = visitor;
      await services.visitors.register(coordinator, context(coordinator, 'visitor', visitorId), {
        ...visitor,
        districtId,
      });
      if (trainedOn !== null)
        await services.visitors.recordTraining(
          coordinator,
          context(coordinator, 'training', visitorId),
          visitorId,
          {
            training: 'LEAP_101',
            completedOn: trainedOn,
          },
        );
      summary.visitors += 1;
    }
    step();
  }
}
