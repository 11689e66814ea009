import { Module } from '@nestjs/common';
import { RegistryModule } from '@leap/registry';
import { TimelineController } from './timeline.controller';

/** The program timeline (`GET /v1/timeline`): events in business-date order for fidelity monitoring. */
@Module({
  imports: [RegistryModule],
  controllers: [TimelineController],
})
export class TimelineModule {}
