import { Module } from '@nestjs/common';
import { RegistryModule } from '@leap/registry';
import { CandidatesController } from './candidates/candidates.controller';
import { AttendanceQueue } from './attendance-checks/attendance-queue';
import { AttendanceReader } from './attendance-checks/attendance-reader';
import { AttendanceSweep } from './attendance-checks/attendance-sweep';
import { CandidateFollowUps } from './attendance-checks/candidate-follow-ups';
import { CheckAttendanceWhenMonthImported } from './attendance-checks/check-attendance-when-month-imported';
import { RecordAttendanceCheck } from './attendance-checks/record-attendance-check';
import { CLOCK, systemClock } from './clock';
import { FOLLOW_UP_CONFIG, followUpConfigFromEnv } from './follow-up-config';
import { FollowUpReconciler } from './follow-up-reconciler';
import { FollowUpRuntime } from './follow-up-runtime';
import { CaseDirectory } from './planning/case-directory';
import { FollowUpFactsReader } from './planning/follow-up-facts.reader';
import { FollowUpPlanner } from './planning/follow-up-planner';
import { PlanningFailures } from './planning/planning-failures';
import { FollowUpQueue } from './queue/follow-up-queue';
import { TimerNamespace } from './queue/timer-namespace';
import { QueuesController } from './queues/queues.controller';
import { RaiseFollowUpWhenTimerFires } from './raise-follow-up-when-timer-fires/raise-follow-up-when-timer-fires';
import { TimerWorker } from './raise-follow-up-when-timer-fires/timer-worker';
import { RedisLossWatch } from './redis-loss-watch';
import { RetentionScheduler } from './retention/retention-scheduler';
import { FollowUpRulesController } from './rules/follow-up-rules.controller';
import { FollowUpRulesService } from './rules/follow-up-rules.service';
import { DirtyCases } from './schedule-follow-ups-when-case-changed/dirty-cases';
import { ScheduleFollowUpsWhenCaseChanged } from './schedule-follow-ups-when-case-changed/schedule-follow-ups-when-case-changed';

/**
 * Follow-ups: district rules, the scheduler that turns case events into BullMQ timers, the worker that
 * raises due follow-ups, the reconciler that re-derives timers Redis lost (and the watch that notices
 * the loss), the queue view, the daily retention sweep (a BullMQ job scheduler on the same prefix),
 * and the attendance automation: automatic checks of imported months, the monthly attendance sweep
 * (`attendance_data_missing`) and the `new_candidate` rule.
 * (Claiming, completing and snoozing a follow-up are case commands, in the cases module.)
 */
@Module({
  imports: [RegistryModule],
  controllers: [FollowUpRulesController, QueuesController, CandidatesController],
  providers: [
    { provide: FOLLOW_UP_CONFIG, useFactory: () => followUpConfigFromEnv(process.env) },
    { provide: CLOCK, useValue: systemClock },
    TimerNamespace,
    FollowUpQueue,
    FollowUpFactsReader,
    PlanningFailures,
    CaseDirectory,
    FollowUpPlanner,
    FollowUpReconciler,
    RedisLossWatch,
    DirtyCases,
    ScheduleFollowUpsWhenCaseChanged,
    RaiseFollowUpWhenTimerFires,
    TimerWorker,
    FollowUpRulesService,
    FollowUpRuntime,
    RetentionScheduler,
    AttendanceReader,
    RecordAttendanceCheck,
    AttendanceSweep,
    AttendanceQueue,
    CandidateFollowUps,
    CheckAttendanceWhenMonthImported,
  ],
  exports: [
    AttendanceQueue,
    AttendanceReader,
    FollowUpReconciler,
    FollowUpQueue,
    RaiseFollowUpWhenTimerFires,
    RetentionScheduler,
    CLOCK,
    TimerNamespace,
  ],
})
export class FollowUpsModule {}
