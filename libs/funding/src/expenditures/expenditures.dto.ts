import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { EXPENDITURE_CATEGORIES, type ExpenditureCategory } from '@leap/domain';
import { ApiInteger, IsSchoolYear } from '@leap/http';
import { QUARTERS, type Quarter } from '../domain/expenditures';

/** The largest figure accepted, in whole dollars: far above any district's LEAP funds. */
export const MAX_DOLLARS = 1_000_000_000;

/** `POST /v1/districts/:districtId/expenditures` body: what the district spent in one period. */
export class RecordExpenditureDto {
  /** School year, July–June, e.g. `2025-26`. */
  @IsSchoolYear() schoolYear!: string;
  /** Quarter of the school year: 1 = July–September, 2 = October–December, 3 = January–March, 4 = April–June. */
  @ApiInteger() @IsInt() @IsIn(QUARTERS, { message: 'quarter must be 1, 2, 3 or 4' }) quarter!: Quarter;
  /** What the money went to (optional; a report without one is a figure of its own). */
  @IsOptional() @IsIn(EXPENDITURE_CATEGORIES) category?: ExpenditureCategory;
  /** Whole dollars spent in the period (and category); replaces an earlier figure for the same. */
  @ApiInteger() @IsInt() @Min(0) @Max(MAX_DOLLARS) amount!: number;
}

export class ExpenditureView {
  districtId!: string;
  schoolYear!: string;
  @ApiInteger() quarter!: number;
  category!: ExpenditureCategory | null;
  /** Whole dollars. */
  @ApiInteger() amount!: number;
}

export class ExpenditureAnswer {
  /** The figure for the period and category as it now stands. */
  recorded!: ExpenditureView;
  /** Revision of `districtfunding-<districtId>` (unchanged when the same figure was reported again). */
  @ApiInteger() revision!: number;
  position!: string | null;
}

export class ExpenditureListView {
  districtId!: string;
  /** The latest figure of every period and category reported, by school year and quarter. */
  reports!: ExpenditureView[];
  /** Whole dollars, the sum of `reports`. */
  @ApiInteger() total!: number;
}
