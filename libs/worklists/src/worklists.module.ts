import { Module } from '@nestjs/common';
import { AccessLogModule } from '@leap/access-log';
import { ProjectionsModule } from '@leap/projections';
import {
  WORKLIST_CLOCK,
  WORKLIST_CONFIG,
  worklistConfigFromEnv,
  type WorklistClock,
} from './worklist-config';
import { WorklistsController } from './worklists.controller';
import { worklistsProjection } from './worklists.projection';
import { Worklists } from './worklists.service';

@Module({
  imports: [AccessLogModule, ProjectionsModule.forFeature([worklistsProjection])],
  controllers: [WorklistsController],
  providers: [
    Worklists,
    { provide: WORKLIST_CLOCK, useFactory: (): WorklistClock => ({ now: () => new Date() }) },
    { provide: WORKLIST_CONFIG, useFactory: () => worklistConfigFromEnv(process.env) },
  ],
})
export class WorklistsModule {}
