import { IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiInteger, IsNestedObject } from '@leap/http';

/** `GET /v1/districts/priority` query. */
export class PriorityQuery {
  /**
   * Weights for this request, `factor:weight` pairs separated by commas, e.g.
   * `attendanceRate:2,remoteLearningShare:0`; factors left out keep the state's default weight.
   */
  @IsOptional() @IsString() @Length(1, 500) weights?: string;
}

/** The weight of each factor of the need index: non-negative, at least one positive. */
export class NeedWeightsDto {
  @IsNumber() @Min(0) @Max(1000) enrollment!: number;
  @IsNumber() @Min(0) @Max(1000) attendanceRate!: number;
  @IsNumber() @Min(0) @Max(1000) freeReducedLunchShare!: number;
  @IsNumber() @Min(0) @Max(1000) englishLearnerShare!: number;
  @IsNumber() @Min(0) @Max(1000) remoteLearningShare!: number;
}

/** `PUT /v1/districts/priority/weights` body. */
export class SavePriorityWeightsDto {
  @IsNestedObject(() => NeedWeightsDto) weights!: NeedWeightsDto;
}

export class NeedWeightsView {
  enrollment!: number;
  attendanceRate!: number;
  freeReducedLunchShare!: number;
  englishLearnerShare!: number;
  remoteLearningShare!: number;
}

export class DistrictFiguresView {
  /** Students enrolled. */
  @ApiInteger() enrollment!: number;
  /** Percent, 0–100. */
  attendanceRate!: number;
  freeReducedLunchShare!: number;
  englishLearnerShare!: number;
  remoteLearningShare!: number;
}

export class PriorityDistrictView {
  @ApiInteger() rank!: number;
  districtId!: string;
  name!: string;
  regionId!: string;
  /** As the latest district profile records them. */
  figures!: DistrictFiguresView;
  /** Each factor min-max normalised across the districts ranked: 0 least need, 1 most need. */
  normalised!: NeedWeightsView;
  /** Weighted mean of the normalised factors, 0 to 1. */
  needIndex!: number;
}

export class PriorityView {
  districts!: PriorityDistrictView[];
  /** The weights used. */
  weights!: NeedWeightsView;
  /** `request` (the query's `weights`, over the defaults), `saved` (the state's defaults) or `default`. */
  weightsSource!: 'request' | 'saved' | 'default';
}

export class PriorityWeightsAnswer {
  weights!: NeedWeightsView;
  /** Revision of `statesettings-priority` (unchanged when the same weights were saved again). */
  @ApiInteger() revision!: number;
  position!: string | null;
}
