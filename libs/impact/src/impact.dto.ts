import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { ApiInteger, IsBusinessDate, IsId } from '@leap/http';

/** `GET /v1/impact` and `GET /v1/impact/chart.svg` query. Unknown parameters are refused (400). */
export class ImpactQuery {
  /** One district; a district token may name only its own (it is the default). */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
  /** One RESC region, e.g. `CREC` (state-wide tokens). */
  @IsOptional() @IsId({ message: 'regionId must be a region id' }) regionId?: string;
  /** Served students whose first held visit is on or after this business date (inclusive). */
  @IsOptional() @IsBusinessDate() from?: string;
  /** Served students whose first held visit is on or before this business date (inclusive). */
  @IsOptional() @IsBusinessDate() to?: string;
  /** A position returned by a command: answer only once the read models reflect it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}

/** One event month of one curve, in percentage points of monthly attendance rate. */
export class ImpactPointView {
  /** School months from the month of the first held visit (summer skipped), −3 … +9. */
  @ApiInteger() eventMonth!: number;
  /** Treated minus comparison change from event months −3 … −1; null when suppressed or unmatched. */
  estimate!: number | null;
  /** 95% percentile bootstrap interval over students (fixed seed). */
  ciLow!: number | null;
  ciHigh!: number | null;
  standardError!: number | null;
  /** Served students matched that month; null when suppressed. */
  @ApiInteger() treated!: number | null;
  /** Distinct comparison students in the cells they were matched in; null when suppressed. */
  @ApiInteger() comparison!: number | null;
  /** Fewer served students than the threshold: reported without numbers. */
  suppressed!: boolean;
}

/** The served-only before/after change, beside the estimate, to show why the comparison matters. */
export class NaivePointView {
  @ApiInteger() eventMonth!: number;
  estimate!: number | null;
  /** Served students observed that month, matched or not; null when suppressed. */
  @ApiInteger() treated!: number | null;
  suppressed!: boolean;
}

export class ImpactScopeView {
  districtId!: string | null;
  regionId!: string | null;
}

/** Curves by breakdown value, each in the shape of `pooled`. */
const CURVES = () =>
  ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: getSchemaPath(ImpactPointView) } },
  });

@ApiExtraModels(ImpactPointView)
export class ImpactBreakdownsView {
  /** `PK-5`, `6-12`. */
  @CURVES()
  gradeBand!: Record<string, ImpactPointView[]>;
  /** `yes`, `no`. */
  @CURVES()
  englishLearner!: Record<string, ImpactPointView[]>;
  /** `in_person` (home, school, community), `remote` (virtual, phone). */
  @CURVES()
  firstVisitLocation!: Record<string, ImpactPointView[]>;
  /** `school`, `community`, `mixed` (a pair from both). */
  @CURVES()
  visitorOrganization!: Record<string, ImpactPointView[]>;
  /** One curve per district of the scope. */
  @CURVES()
  district!: Record<string, ImpactPointView[]>;
}

export class ImpactSuppressionView {
  /** Cells with fewer served students than this are suppressed. */
  @ApiInteger() minTreated!: number;
}

export class ImpactView {
  /** The design in one paragraph. */
  method!: string;
  from!: string | null;
  to!: string | null;
  scope!: ImpactScopeView;
  pooled!: ImpactPointView[];
  naive!: NaivePointView[];
  breakdowns!: ImpactBreakdownsView;
  suppression!: ImpactSuppressionView;
}
