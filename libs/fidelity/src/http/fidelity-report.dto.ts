import { ApiProperty } from '@nestjs/swagger';

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
  from!: string | null;
  to!: string | null;
  onDate!: string | null;
  knownAt!: string | null;
  /** `projection` without a cut; `replay` with `onDate` or `knownAt`. */
  @ApiProperty({ enum: ['projection', 'replay'] }) source!: 'projection' | 'replay';
  /** The last event the answer reflects. */
  position!: string | null;
  /** Each metric `{ numerator, denominator, value }` by name (see `definitions`). */
  @ApiProperty({ type: 'object', additionalProperties: true }) metrics!: Record<string, unknown>;
  /** What each metric counts: numerator, denominator, value, events and clock. */
  @ApiProperty({ type: 'object', additionalProperties: true }) definitions!: Record<string, unknown>;
}
