import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { TIERS, type Tier } from '@leap/domain';
import { ApiInteger, IsId } from '@leap/http';
import { CASE_STATUSES, STAGES, type CaseStatus, type Stage } from './case-summary';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1/cases` query. Unknown parameters are refused (400) by the global validation pipe. */
export class ListCaseSummariesQuery {
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @IsIn(STAGES) stage?: Stage;
  @IsOptional() @IsIn(TIERS) tier?: Tier;
  @IsOptional() @IsString() @Length(1, 100) assignedVisitorId?: string;
  /** Searches the student id, and the student's name for roles that may see personal data. */
  @IsOptional() @IsString() @Length(1, 100) q?: string;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  /** Items per page (default 50). */
  @IsOptional() @ApiInteger() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  /** A position returned by a command: answer only once the summaries reflect it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}
