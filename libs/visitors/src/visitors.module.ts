import { Module } from '@nestjs/common';
import { RegistryModule } from '@leap/registry';
import { VisitorLogins } from './visitor-logins.service';
import { VisitorRegistry } from './visitor-registry.service';
import { VisitorsController } from './visitors.controller';

@Module({
  imports: [RegistryModule],
  controllers: [VisitorsController],
  providers: [VisitorRegistry, VisitorLogins],
  exports: [VisitorRegistry],
})
export class VisitorsModule {}
