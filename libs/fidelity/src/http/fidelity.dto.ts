import { IsOptional, IsString, Length } from 'class-validator';
import { IsBusinessDate, IsId, IsInstant } from '@leap/http';

/** `GET /v1/fidelity` query. Unknown parameters are refused (400). */
export class FidelityQuery {
  /** A district (required of nobody: a district token reads its own, a state-wide admin the state). */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  /** A RESC region, e.g. `CREC`. */
  @IsOptional() @IsId({ message: 'regionId must be a region id' }) regionId?: string;
  /** First business date of the window, inclusive (default: the program's start). */
  @IsOptional() @IsBusinessDate({ allowFuture: true }) from?: string;
  /** Last business date of the window, inclusive (default: no end). */
  @IsOptional() @IsBusinessDate({ allowFuture: true }) to?: string;
  /** How the program stood on that date: a business-date cut, answered by replaying the events. */
  @IsOptional() @IsBusinessDate({ allowFuture: true }) onDate?: string;
  /** What the system showed at that instant: only events recorded by then, replayed. */
  @IsOptional() @IsInstant() knownAt?: string;
  /** A position returned by a command: answer only once the fidelity facts reflect it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}
