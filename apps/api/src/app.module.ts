import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@leap/auth';
import { CasesModule } from '@leap/cases';
import { EventStoreModule } from '@leap/event-store';
import { HealthModule } from '@leap/health';
import { VisitorsModule } from '@leap/visitors';

@Module({
  imports: [CqrsModule.forRoot(), EventStoreModule, AuthModule, HealthModule, VisitorsModule, CasesModule],
})
export class AppModule {}
