import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogModule } from '@leap/access-log';
import { AuthModule } from '@leap/auth';
import { CaseSummariesModule } from '@leap/case-summaries';
import { CasesModule } from '@leap/cases';
import { EventStoreModule } from '@leap/event-store';
import { FollowUpsModule } from '@leap/follow-ups';
import { HealthModule } from '@leap/health';
import { PrivacyModule } from '@leap/privacy';
import { ProjectionsModule } from '@leap/projections';
import { RegistryModule } from '@leap/registry';
import { VisitorsModule } from '@leap/visitors';
import { WorklistsModule } from '@leap/worklists';

@Module({
  imports: [
    CqrsModule.forRoot(),
    EventStoreModule,
    AuthModule,
    PrivacyModule,
    HealthModule,
    RegistryModule,
    VisitorsModule,
    CasesModule,
    ProjectionsModule,
    AccessLogModule,
    CaseSummariesModule,
    WorklistsModule,
    FollowUpsModule,
  ],
})
export class AppModule {}
