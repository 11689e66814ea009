import { IsIn, IsOptional } from 'class-validator';
import { IsBusinessDate, IsId, IsInstant } from '@leap/http';
import { SERIES_STEPS, type SeriesStep } from '../domain/series';

/** `GET /v1/fidelity/series` and `series.svg` query. Unknown parameters are refused (400). */
export class SeriesQuery {
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  @IsOptional() @IsId({ message: 'regionId must be a region id' }) regionId?: string;
  /** First business date of the series, inclusive. */
  @IsBusinessDate({ allowFuture: true }) from!: string;
  /** Last business date of the series, inclusive: the last point. */
  @IsBusinessDate({ allowFuture: true }) to!: string;
  /** `week` (every seventh day from `from`) or `month` (every month's last day). */
  @IsIn(SERIES_STEPS, { message: 'step must be week or month' }) step!: SeriesStep;
  /** Only events recorded by this instant, as for `GET /v1/fidelity`. */
  @IsOptional() @IsInstant() knownAt?: string;
}
