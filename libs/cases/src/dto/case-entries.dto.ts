import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  BARRIERS,
  CALL_OUTCOMES,
  CLOSURE_REASONS,
  CONSENT_CHANNELS,
  CONSENT_DECISIONS,
  CONSENT_REFUSAL_REASONS,
  REFERRAL_OUTCOMES,
  REOPEN_REASONS,
  STRENGTH_CODES,
  VISIT_NOT_HELD_REASONS,
  VOID_REASONS,
  RESOURCE_TYPES,
  VISIT_LOCATIONS,
  type Barrier,
  type CallOutcome,
  type ClosureReason,
  type ConsentChannel,
  type ConsentDecision,
  type ConsentRefusalReason,
  type ReferralOutcome,
  type ReopenReason,
  type ResourceType,
  type StrengthCode,
  type VisitLocation,
  type VisitNotHeldReason,
  type VoidReason,
} from '@leap/domain';
import { ApiInteger, IsBusinessDate, IsId, IsNestedObject } from '@leap/http';
import { AttendanceFiguresDto } from './identify-student.dto';

export class NotesPiiDto {
  @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}

export class VisitorAssignmentDto {
  /** Replaces the case's assigned visitors (removing someone removes their access). */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsId({ each: true }) visitorIds!: string[];
  @IsBusinessDate() assignedOn!: string;
}

export class ConsentOfferDto {
  @IsBusinessDate() offeredOn!: string;
  @IsIn(CONSENT_CHANNELS) channel!: ConsentChannel;
}

export class ConsentResponseDto {
  @IsBusinessDate() respondedOn!: string;
  @IsIn(CONSENT_DECISIONS) decision!: ConsentDecision;
  /** Why the family declined or withdrew, in its words. Personal data: kept in the event's `pii`. */
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  /** Why the family declined or withdrew, coded (what fidelity monitors see); ignored for a grant. */
  @IsOptional() @IsIn(CONSENT_REFUSAL_REASONS) reasonCode?: ConsentRefusalReason;
}

const isHeld = (dto: { status?: unknown }) => dto.status === 'held';

/** What a held visit records; shared by recording a visit and resolving a scheduled one. */
class HeldVisitFieldsDto {
  /** Shared by the sibling cases of one household visit. */
  @IsOptional() @IsId() householdVisitId?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(BARRIERS, { each: true }) barriers?: Barrier[];
  /** The family's strengths, coded by the visitor (what fidelity monitors see). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STRENGTH_CODES.length)
  @IsIn(STRENGTH_CODES, { each: true })
  strengthCodes?: StrengthCode[];
  /** The family's strengths in words. Personal data: kept in the event's `pii`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  strengths?: string[];
  /** The student's and family's aspirations in words. Personal data: kept in the event's `pii`. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  aspirations?: string[];
  @IsOptional() @IsBoolean() familyWantsToContinue?: boolean;
  @IsOptional() @IsNestedObject(() => NotesPiiDto) pii?: NotesPiiDto;
}

export class VisitDto extends HeldVisitFieldsDto {
  @IsIn(['scheduled', 'held']) status!: 'scheduled' | 'held';
  /** For a held visit: must be the next number when given; omitted, the next number is assigned. */
  @IsOptional() @ApiInteger() @IsInt() @Min(1) visitNumber?: number;
  /** A held visit's date cannot be in the future; a scheduled one can, up to a year ahead. */
  @IsBusinessDate({ allowFuture: (dto) => dto.status === 'scheduled' }) date!: string;
  @IsIn(VISIT_LOCATIONS) location!: VisitLocation;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsId({ each: true }) visitorIds!: string[];
}

export class VisitOutcomeDto extends HeldVisitFieldsDto {
  @IsIn(['held', 'missed', 'cancelled']) status!: 'held' | 'missed' | 'cancelled';
  @IsOptional() @ApiInteger() @IsInt() @Min(1) visitNumber?: number;
  @IsBusinessDate() date!: string;
  /** Required when the visit was held. */
  @ValidateIf(isHeld) @IsIn(VISIT_LOCATIONS) location?: VisitLocation;
  @ValidateIf(isHeld)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsId({ each: true })
  visitorIds?: string[];
  /** Why a missed or cancelled visit did not happen, in words. Personal data: kept in the event's `pii`. */
  @ValidateIf((dto: VisitOutcomeDto) => dto.status !== 'held')
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
  /** Why a missed or cancelled visit did not happen, coded (what fidelity monitors see). */
  @ValidateIf((dto: VisitOutcomeDto) => dto.status !== 'held')
  @IsOptional()
  @IsIn(VISIT_NOT_HELD_REASONS)
  reasonCode?: VisitNotHeldReason;
}

export class FollowUpCallDto {
  @IsBusinessDate() calledOn!: string;
  @IsIn(CALL_OUTCOMES) outcome!: CallOutcome;
  @IsOptional() @IsNestedObject(() => NotesPiiDto) pii?: NotesPiiDto;
}

export class ReferralDto {
  @IsBusinessDate() referredOn!: string;
  @IsIn(RESOURCE_TYPES) resourceType!: ResourceType;
  /** A partner of the case's district offering `resourceType` (`GET /v1/partners`); omitted until one is chosen. */
  @IsOptional() @IsId() partnerId?: string;
  /** Anything written about the referral is personal data. */
  @IsOptional() @IsNestedObject(() => NotesPiiDto) pii?: NotesPiiDto;
}

export class ReferralOutcomeDto {
  @IsBusinessDate() recordedOn!: string;
  @IsIn(REFERRAL_OUTCOMES) outcome!: ReferralOutcome;
}

export class AttendanceCheckDto extends AttendanceFiguresDto {
  @IsBusinessDate() asOf!: string;
}

export class VoidEntryDto {
  /** Why, in words. Personal data: kept in the event's `pii`. */
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
  /** Why, coded (what fidelity monitors see). */
  @IsOptional() @IsIn(VOID_REASONS) reasonCode?: VoidReason;
  /** Defaults to today in the district's time zone. */
  @IsOptional() @IsBusinessDate() voidedOn?: string;
}

export class TransferDto {
  @IsId() toSchoolId!: string;
  @IsBusinessDate() transferredOn!: string;
}

export class ClosureDto {
  @IsBusinessDate() closedOn!: string;
  @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
}

export class ReopeningDto {
  @IsBusinessDate() reopenedOn!: string;
  /** Why, in words. Personal data: kept in the event's `pii`. */
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
  /** Why, coded (what fidelity monitors see). */
  @IsOptional() @IsIn(REOPEN_REASONS) reasonCode?: ReopenReason;
}
