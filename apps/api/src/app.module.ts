import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@leap/auth';
import { CaseSummariesModule } from '@leap/case-summaries';
import { CasesModule } from '@leap/cases';
import { EventStoreModule } from '@leap/event-store';
import { FollowUpsModule } from '@leap/follow-ups';
import { HealthModule } from '@leap/health';
import { PROTECTED_EVENT_STORE, PrivacyModule } from '@leap/privacy';
import { ProjectionsModule } from '@leap/projections';
import { RegistryModule } from '@leap/registry';
import { VisitorsModule } from '@leap/visitors';
import { WorklistsModule } from '@leap/worklists';

@Module({
  imports: [
    CqrsModule.forRoot(),
    // Personal data is sealed before it is appended, whichever path appends it.
    EventStoreModule.forRoot(PROTECTED_EVENT_STORE),
    AuthModule,
    PrivacyModule,
    HealthModule,
    RegistryModule,
    VisitorsModule,
    CasesModule,
    ProjectionsModule,
    CaseSummariesModule,
    WorklistsModule,
    FollowUpsModule,
  ],
})
export class AppModule {}
