import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate, ApiInstant } from '@leap/http';

export class MetricView {
  numerator!: number;
  denominator!: number | null;
  value!: number | null;
}

export class FidelityScopeView {
  regionId!: string | null;
  districtId!: string | null;
  schoolId!: string | null;
}

/** `GET /v1/fidelity` answer. */
export class FidelityReport {
  scope!: FidelityScopeView;
  @ApiBusinessDate() from!: string | null;
  @ApiBusinessDate() to!: string | null;
  @ApiBusinessDate() onDate!: string | null;
  @ApiInstant() knownAt!: string | null;
  /** `projection` without a cut; `replay` with `onDate` or `knownAt`. */
  @ApiProperty({ enum: ['projection', 'replay'] }) source!: 'projection' | 'replay';
  /** The last event the answer reflects. */
  position!: string | null;
  /** Each metric `{ numerator, denominator, value }` by name (see `definitions`). */
  @ApiProperty({ type: 'object', additionalProperties: true }) metrics!: Record<string, unknown>;
  /** What each metric counts: numerator, denominator, value, events and clock. */
  @ApiProperty({ type: 'object', additionalProperties: true }) definitions!: Record<string, unknown>;
}

export class SeriesPointView {
  /** The step's last business date. */
  @ApiBusinessDate() date!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) metrics!: Record<string, unknown>;
}

/** `GET /v1/fidelity/series` answer. */
export class FidelitySeries {
  scope!: FidelityScopeView;
  @ApiBusinessDate() from!: string;
  @ApiBusinessDate() to!: string;
  @ApiProperty({ enum: ['week', 'month'] }) step!: 'week' | 'month';
  @ApiInstant() knownAt!: string | null;
  position!: string | null;
  @ApiProperty({ type: [SeriesPointView] }) points!: SeriesPointView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) definitions!: Record<string, unknown>;
}
