import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { latestSnoozeUntil } from '@leap/domain';
import { IsBusinessDate, IsInstant } from '@leap/http';

export class CompleteFollowUpDto {
  /** What was done, in the team member's words. */
  @IsString() @IsNotEmpty() @MaxLength(1000) outcome!: string;
  /** Business date of the completion; defaults to today in the district's time zone. */
  @IsOptional() @IsBusinessDate() completedOn?: string;
}

export class SnoozeFollowUpDto {
  /** An instant with its offset, e.g. `2026-05-04T08:00:00-04:00`; in the future, at most 90 days ahead. */
  @IsInstant({ latest: (now) => latestSnoozeUntil(now.toISOString()) }) until!: string;
}
