import { Module } from '@nestjs/common';
import { AccessLogModule } from '@leap/access-log';
import { AttendanceModule } from '@leap/attendance';
import { RegistryModule } from '@leap/registry';
import { CandidatesController } from './candidates/candidates.controller';
import { IdentificationCandidates } from './candidates/candidates.service';
import { DistrictPriorityController } from './priority/district-priority.controller';
import { DistrictPriority } from './priority/district-priority.service';

/**
 * Ranked identification candidates of a district, and the state's ranking of districts by need
 * (exported: funding allocation weighs the same need index).
 */
@Module({
  imports: [AttendanceModule, RegistryModule, AccessLogModule],
  controllers: [CandidatesController, DistrictPriorityController],
  providers: [IdentificationCandidates, DistrictPriority],
  exports: [DistrictPriority],
})
export class IdentificationModule {}
