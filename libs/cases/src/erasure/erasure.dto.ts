import { IsIn, IsOptional } from 'class-validator';
import { ERASURE_REASONS, type ErasureReason } from '@leap/domain';
import { ApiInteger, IsBusinessDate, IsId } from '@leap/http';

export class ErasureDto {
  /** Why: `family_request`, `retention_period`, `agreement_ended` or `other` (no free text: it could name the family). */
  @IsIn(ERASURE_REASONS) reasonCode!: ErasureReason;
  /** The business date of the erasure; today in the district's time zone when left out. */
  @IsOptional() @IsBusinessDate() erasedOn?: string;
}

export class HouseholdErasureDto extends ErasureDto {
  /** The household's district: required of state-wide tokens, and must be the token's own otherwise. */
  @IsOptional() @IsId() districtId?: string;
}

export class ErasureAnswer {
  /** Every case of the family the erasure covers (erased now, or by an earlier request). */
  caseIds!: string[];
  /** Data keys destroyed by this request (0 when an earlier request destroyed them). */
  @ApiInteger() keysDestroyed!: number;
  /** Pass it as `minPosition` to read the purged read models (`GET /v1/cases?minPosition=`). */
  position!: string | null;
}
