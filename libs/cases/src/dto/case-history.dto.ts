import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiInteger, IsInstant, SameInstantAs } from '@leap/http';
import { MAX_HISTORY_PAGE } from '../queries/history-limits';

/**
 * `GET /v1/cases/:caseId/history` query. Without `fromRevision` and `limit` the whole history is
 * answered (up to `LEAP_HISTORY_MAX_EVENTS` events); with either, one page of it.
 */
export class CaseHistoryQueryDto {
  /** An instant with its offset: the history and state as the system knew them then (recorded time). */
  @IsOptional() @IsInstant() knownAt?: string;
  /** Another name for `knownAt`, kept for existing clients; if both are given they must be the same instant. */
  @IsOptional() @IsInstant() @SameInstantAs('knownAt') asOf?: string;
  /** A page: the first revision it holds (default 0). */
  @IsOptional()
  @ApiInteger()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromRevision?: number;
  /** A page: how many revisions it spans at most (default 100, at most 200). */
  @IsOptional() @ApiInteger() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_HISTORY_PAGE) limit?: number;
}
