import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

export class StateExportRuleView {
  /** A numerator below this is suppressed (default 6). */
  minNumerator!: number;
  /** A denominator, or a count published as a denominator, below this is suppressed (default 20). */
  minDenominator!: number;
}

/** What a metric means (numerator, denominator, events, clock), as `GET /v1/fidelity` defines it. */
export class StateExportDefinitionView {
  label!: string;
  numerator!: string;
  denominator!: string;
  value!: string;
  events!: string[];
  clock!: string;
}

/** One metric in one cell. Suppressed values are null, and `suppressed` is true. */
export class StateExportRowView {
  metric!: string;
  /** `state`, `region`, `district` or `school`. */
  level!: string;
  regionId!: string | null;
  districtId!: string | null;
  districtName!: string | null;
  schoolId!: string | null;
  schoolName!: string | null;
  /** A month `YYYY-MM`, or `year` for the school year's total (the sum of its months). */
  period!: string;
  numerator!: number | null;
  /** null for a count, or where suppressed. */
  denominator!: number | null;
  /** numerator / denominator, four decimals; null for a count, where suppressed, or over zero. */
  rate!: number | null;
  suppressed!: boolean;
}

export class StateExportJson {
  /** The audited export: the id of its `StateExportProduced.v1` record. */
  exportId!: string;
  schoolYear!: string;
  /** The district the rows are limited to, or null for the whole state. */
  districtId!: string | null;
  rule!: StateExportRuleView;
  /** Each metric's definition (numerator, denominator, events, clock), by metric name. */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(StateExportDefinitionView) } })
  definitions!: Record<string, StateExportDefinitionView>;
  rows!: StateExportRowView[];
}
