import { Module } from '@nestjs/common';
import { AccessLogModule } from '@leap/access-log';
import { ProjectionsModule } from '@leap/projections';
import { CaseSummariesController } from './case-summaries.controller';
import { caseSummariesProjection } from './case-summaries.projection';
import { CaseSummaries } from './case-summaries.service';

@Module({
  imports: [AccessLogModule, ProjectionsModule.forFeature([caseSummariesProjection])],
  controllers: [CaseSummariesController],
  providers: [CaseSummaries],
})
export class CaseSummariesModule {}
