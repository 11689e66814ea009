import { Module } from '@nestjs/common';
import { AttendanceModule } from '@leap/attendance';
import { RegistryModule } from '@leap/registry';
import { ImpactController } from './impact.controller';
import { ImpactEvaluation } from './impact.service';

/** Impact evaluation: the estimator over the student-month panel read from the read models. */
@Module({
  imports: [AttendanceModule, RegistryModule],
  controllers: [ImpactController],
  providers: [ImpactEvaluation],
})
export class ImpactModule {}
