import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
} from 'class-validator';
import { ApiInstant, ApiInteger, IsId, IsNestedObject, IsSchoolYear } from '@leap/http';

/** The largest total, minimum or maximum accepted, in whole dollars. */
export const MAX_ALLOCATION_DOLLARS = 10_000_000_000;
/** The most districts one allocation may name (Connecticut has about 200). */
export const MAX_SELECTED_DISTRICTS = 1000;

/** How much each factor weighs: non-negative, at least one positive. */
export class FactorWeightsDto {
  /** District size: students enrolled, from the district profile. */
  @IsNumber() @Min(0) @Max(1000) enrollment!: number;
  /** The district's need index (`GET /v1/districts/priority`), 0–1. */
  @IsNumber() @Min(0) @Max(1000) needIndex!: number;
  /** Whole dollars the district reported spending in the performance year. */
  @IsNumber() @Min(0) @Max(1000) fundsSpent!: number;
  /** Home visits held in the district in the performance year. */
  @IsNumber() @Min(0) @Max(1000) visitsHeld!: number;
}

/** `POST /v1/allocations/preview` and `POST /v1/allocations` body. */
export class AllocationRequestDto {
  /** Whole dollars to hand out; the awards sum to exactly this. */
  @ApiInteger() @IsInt() @Min(1) @Max(MAX_ALLOCATION_DOLLARS) total!: number;
  /** Whole dollars every selected district receives at least (the state used 200,000). */
  @ApiInteger() @IsInt() @Min(0) @Max(MAX_ALLOCATION_DOLLARS) minimum!: number;
  /** Whole dollars no selected district receives more than (the state used 800,000); ≥ minimum. */
  @ApiInteger() @IsInt() @Min(1) @Max(MAX_ALLOCATION_DOLLARS) maximum!: number;
  /** Default: every factor weighs 1. */
  @IsOptional() @IsNestedObject(() => FactorWeightsDto) weights?: FactorWeightsDto;
  /** The districts to fund, each with a district profile. Default: every district with a profile. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_SELECTED_DISTRICTS)
  @ArrayUnique({ message: 'districtIds must not name a district twice' })
  @IsId({ each: true })
  districtIds?: string[];
  /**
   * The year whose performance counts (school year, July–June, e.g. `2025-26`): funds spent are the
   * reports for its quarters, visits those held on its dates. Default: everything recorded to date.
   */
  @IsOptional() @IsSchoolYear() performanceSchoolYear?: string;
}

export class FactorWeightsView {
  enrollment!: number;
  needIndex!: number;
  fundsSpent!: number;
  visitsHeld!: number;
}

export class FactorShareView {
  /** The district's figure. */
  value!: number;
  /** Its part of the selected districts' sum of the figure, 0–1 (even split when that sum is 0). */
  share!: number;
}

export class FactorSharesView {
  enrollment!: FactorShareView;
  needIndex!: FactorShareView;
  fundsSpent!: FactorShareView;
  visitsHeld!: FactorShareView;
}

export class DistrictAllocationView {
  districtId!: string;
  name!: string;
  regionId!: string;
  factors!: FactorSharesView;
  /** Weighted mean of the factor shares; the selected districts' scores sum to 1. */
  score!: number;
  /** Whole dollars. */
  @ApiInteger() amount!: number;
  /** `minimum` or `maximum` when the award sits on that bound, else null. */
  bound!: 'minimum' | 'maximum' | null;
}

export class AllocationView {
  @ApiInteger() total!: number;
  @ApiInteger() minimum!: number;
  @ApiInteger() maximum!: number;
  weights!: FactorWeightsView;
  performanceSchoolYear!: string | null;
  /** By district id. */
  districts!: DistrictAllocationView[];
}

export class SavedAllocationView extends AllocationView {
  allocationId!: string;
  /** When it was saved (recorded time). */
  @ApiInstant() savedAt!: string;
}

export class SavedAllocationAnswer extends SavedAllocationView {
  /** Revision of `allocation-<allocationId>`. */
  @ApiInteger() revision!: number;
  position!: string | null;
}

export class AllocationSummaryView {
  allocationId!: string;
  @ApiInstant() savedAt!: string;
  @ApiInteger() total!: number;
  @ApiInteger() minimum!: number;
  @ApiInteger() maximum!: number;
  @ApiInteger() districtCount!: number;
  performanceSchoolYear!: string | null;
}

export class AllocationListView {
  /** Latest saved first. */
  allocations!: AllocationSummaryView[];
}
