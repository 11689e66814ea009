import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiInteger, IsId } from '@leap/http';
import { WORKLIST_STATES, type WorklistState } from './worklist-segments';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1/worklists` query. Unknown parameters are refused (400) by the global validation pipe. */
export class ListWorklistQuery {
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  /** `me`, `unassigned`, or the login subject of a team member. */
  @IsOptional() @IsString() @Length(1, 200) assignee?: string;
  /** `open` (default; overdue items included, listed first), `overdue` only, or `snoozed`. */
  @IsOptional() @IsIn(WORKLIST_STATES) state?: WorklistState;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  /** Items per page (default 50). */
  @IsOptional() @ApiInteger() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  /** A position returned by a command: answer only once the worklist reflects it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}
