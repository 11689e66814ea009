import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@leap/projections';
import { AccessLogExportController } from './access-log-export.controller';
import { AccessLogController } from './access-log.controller';
import { accessLogProjection } from './access-log.projection';
import { AccessLog } from './access-log.service';
import { AccessRecorder } from './access-recorder.service';

/** Records accesses to personal data and serves the access log; feature modules import it for `AccessRecorder`. */
@Module({
  imports: [ProjectionsModule.forFeature([accessLogProjection])],
  controllers: [AccessLogController, AccessLogExportController],
  providers: [AccessRecorder, AccessLog],
  exports: [AccessRecorder, AccessLog],
})
export class AccessLogModule {}
