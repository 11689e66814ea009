import { IsOptional } from 'class-validator';
import { IsInstant, SameInstantAs } from '@leap/http';

/** `GET /v1/cases/:caseId/history` query. */
export class CaseHistoryQueryDto {
  /** An instant with its offset: the history and state as the system knew them then (recorded time). */
  @IsOptional() @IsInstant() knownAt?: string;
  /** Another name for `knownAt`, kept for existing clients; if both are given they must be the same instant. */
  @IsOptional() @IsInstant() @SameInstantAs('knownAt') asOf?: string;
}
