import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogModule } from '@leap/access-log';
import { AttendanceModule } from '@leap/attendance';
import { AuthModule } from '@leap/auth';
import { CaseSummariesModule } from '@leap/case-summaries';
import { CasesModule } from '@leap/cases';
import { EventStoreModule } from '@leap/event-store/nest';
import { FidelityModule } from '@leap/fidelity';
import { FollowUpsModule } from '@leap/follow-ups';
import { FundingModule } from '@leap/funding';
import { HealthModule } from '@leap/health';
import { IdentificationModule } from '@leap/identification';
import { ImpactModule } from '@leap/impact';
import { IntakeModule } from '@leap/intake';
import { PrivacyModule, protectedEventStore } from '@leap/privacy';
import { ProjectionsModule } from '@leap/projections';
import { RateLimitsModule } from '@leap/rate-limits';
import { RegistryModule } from '@leap/registry';
import { StateExportsModule } from '@leap/state-exports';
import { VisitorsModule } from '@leap/visitors';
import { TimelineModule } from '@leap/timeline';
import { WorklistsModule } from '@leap/worklists';

@Module({
  imports: [
    CqrsModule.forRoot(),
    EventStoreModule.forRoot(protectedEventStore),
    AuthModule,
    PrivacyModule,
    HealthModule,
    // Before the registry: `GET /v1/districts/priority` must not be read as `GET /v1/districts/:districtId`.
    IdentificationModule,
    ImpactModule,
    AttendanceModule,
    RegistryModule,
    VisitorsModule,
    CasesModule,
    ProjectionsModule,
    AccessLogModule,
    CaseSummariesModule,
    WorklistsModule,
    FidelityModule,
    FollowUpsModule,
    IntakeModule,
    StateExportsModule,
    TimelineModule,
    FundingModule,
    // Last: its global guard (the request budget) must run after the AuthGuard knows the login.
    RateLimitsModule,
  ],
})
export class AppModule {}
