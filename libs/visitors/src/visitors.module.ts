import { Module } from '@nestjs/common';
import { VisitorRegistry } from './visitor-registry.service';
import { VisitorsController } from './visitors.controller';

@Module({ controllers: [VisitorsController], providers: [VisitorRegistry], exports: [VisitorRegistry] })
export class VisitorsModule {}
