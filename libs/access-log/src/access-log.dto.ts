import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiInstant, ApiInteger, IsId, IsInstant } from '@leap/http';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1/exports/access-log.csv` query: a range of access times (inclusive). */
export class AccessLogRangeQuery {
  /** Entries at or after this instant. */
  @IsOptional() @IsInstant() from?: string;
  /** Entries at or before this instant. */
  @IsOptional() @IsInstant() to?: string;
  /** State-wide admins: one district's log (others read their token's district). */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
}

/** `GET /v1/access-log` query. */
export class ListAccessLogQuery extends AccessLogRangeQuery {
  /** Entries that name this case. */
  @IsOptional() @IsId({ message: 'caseId must be a case id' }) caseId?: string;
  /** Entries of this login (the token's `sub`). */
  @IsOptional() @IsString() @Length(1, 200) actorId?: string;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  /** Entries per page (default 50). */
  @IsOptional() @ApiInteger() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
}

/** One recorded access to personal data, or a refused attempt at a case. */
export class AccessLogEntryView {
  entryId!: string;
  @ApiInstant() at!: string;
  /** The reader's login (the token's `sub`). */
  actorId!: string;
  actorRole!: string;
  /** The district of the cases read. */
  districtId!: string;
  /** Method and route pattern, e.g. `GET /v1/cases/:caseId/history`. */
  route!: string;
  /** The request's query; values that may be personal data (`q`) read `[redacted]`. */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  query!: Record<string, string>;
  /** The cases whose personal data the response carried (or that were refused). */
  caseIds!: string[];
  /** Students without a case (identification candidates) whose personal data was served, by pseudonym. */
  students?: string[];
  /** `served`: the response carried the data; `refused`: the reader was answered 404. */
  outcome!: 'served' | 'refused';
}

export class AccessLogPage {
  items!: AccessLogEntryView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
}
