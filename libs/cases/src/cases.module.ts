import { Module } from '@nestjs/common';
import { AccessLogModule } from '@leap/access-log';
import { AttendanceModule } from '@leap/attendance';
import { RegistryModule } from '@leap/registry';
import { VisitorsModule } from '@leap/visitors';
import { CaseEntriesController } from './case-entries.controller';
import { CaseLifecycleController } from './case-lifecycle.controller';
import { CasesController } from './cases.controller';
import { AssignVisitorsHandler } from './commands/assign-visitors.handler';
import { CaseCommandService } from './commands/case-command.service';
import { CaseReferences } from './commands/case-references.service';
import { ChangeCaseHandler } from './commands/change-case.handler';
import { IdentifyStudentHandler } from './commands/identify-student.handler';
import { ReopenCaseHandler } from './commands/reopen-case.handler';
import { StudentSlots } from './commands/student-slots.service';
import { ErasureController } from './erasure/erasure.controller';
import { FamilyErasure } from './erasure/family-erasure.service';
import { FollowUpsController } from './follow-ups.controller';
import { CaseQueries } from './queries/case-queries.service';

@Module({
  imports: [RegistryModule, VisitorsModule, AccessLogModule, AttendanceModule],
  controllers: [
    CasesController,
    CaseLifecycleController,
    CaseEntriesController,
    FollowUpsController,
    ErasureController,
  ],
  providers: [
    CaseCommandService,
    CaseReferences,
    StudentSlots,
    CaseQueries,
    IdentifyStudentHandler,
    AssignVisitorsHandler,
    ReopenCaseHandler,
    ChangeCaseHandler,
    FamilyErasure,
  ],
})
export class CasesModule {}
