export * from './follow-ups.module';
export * from './clock';
export * from './follow-up-config';
export * from './follow-up-streams';
export { FollowUpReconciler } from './follow-up-reconciler';
export { FollowUpQueue } from './queue/follow-up-queue';
export { TimerNamespace, defaultQueuePrefix, type TimerNamespaceInfo } from './queue/timer-namespace';
export {
  timerKey,
  timerJobId,
  FOLLOW_UP_QUEUE,
  TIMER_JOB,
  TIMER_JOB_OPTIONS,
  type TimerJobData,
} from './queue/timer-jobs';
export { RaiseFollowUpWhenTimerFires } from './raise-follow-up-when-timer-fires/raise-follow-up-when-timer-fires';
export { RetentionScheduler, RETENTION_QUEUE, RETENTION_SCHEDULER_ID } from './retention/retention-scheduler';
export { sweepRetention } from './retention/retention-sweep';
export { AttendanceQueue } from './attendance-checks/attendance-queue';
export { AttendanceReader } from './attendance-checks/attendance-reader';
export {
  ATTENDANCE_QUEUE,
  ATTENDANCE_SWEEP_SCHEDULER_ID,
  CHECK_JOB,
  checkJobId,
  type CheckJobData,
} from './attendance-checks/attendance-jobs';
export { CandidateFollowUps } from './attendance-checks/candidate-follow-ups';
