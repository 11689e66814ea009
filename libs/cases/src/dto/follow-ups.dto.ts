import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FOLLOW_UP_RESOLUTIONS, latestSnoozeUntil, type FollowUpResolution } from '@leap/domain';
import { IsBusinessDate, IsInstant } from '@leap/http';

export class CompleteFollowUpDto {
  /** What was done, in the team member's words. Personal data: kept in the event's `pii`. */
  @IsString() @IsNotEmpty() @MaxLength(1000) outcome!: string;
  /** What it came to, coded (what fidelity monitors see). */
  @IsOptional() @IsIn(FOLLOW_UP_RESOLUTIONS) resolution?: FollowUpResolution;
  /** Business date of the completion; defaults to today in the district's time zone. */
  @IsOptional() @IsBusinessDate() completedOn?: string;
}

export class SnoozeFollowUpDto {
  /** An instant with its offset, e.g. `2026-05-04T08:00:00-04:00`; in the future, at most 90 days ahead. */
  @IsInstant({ latest: (now) => latestSnoozeUntil(now.toISOString()) }) until!: string;
}
