import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { TIERS, type Tier } from '@leap/domain';
import { ID_PATTERN } from '@leap/http';
import { CASE_STATUSES, STAGES, type CaseStatus, type Stage } from './case-summary';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1/cases` query. Unknown parameters are refused (400) by the global validation pipe. */
export class ListCaseSummariesQuery {
  @IsOptional() @Matches(ID_PATTERN, { message: 'schoolId must be a school id' }) schoolId?: string;
  @IsOptional() @IsIn(CASE_STATUSES) status?: CaseStatus;
  @IsOptional() @IsIn(STAGES) stage?: Stage;
  @IsOptional() @IsIn(TIERS) tier?: Tier;
  @IsOptional() @IsString() @Length(1, 100) assignedVisitorId?: string;
  /** Searches the student id, and the student's name for roles that may see personal data. */
  @IsOptional() @IsString() @Length(1, 100) q?: string;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  /** A position returned by a command: answer only once the summaries reflect it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}
