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
  REFERRAL_OUTCOMES,
  RESOURCE_TYPES,
  VISIT_LOCATIONS,
  type Barrier,
  type CallOutcome,
  type ClosureReason,
  type ConsentChannel,
  type ConsentDecision,
  type ReferralOutcome,
  type ResourceType,
  type VisitLocation,
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
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

const isHeld = (dto: { status?: unknown }) => dto.status === 'held';

/** What a held visit records; shared by recording a visit and resolving a scheduled one. */
class HeldVisitFieldsDto {
  /** Shared by the sibling cases of one household visit. */
  @IsOptional() @IsId() householdVisitId?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(BARRIERS, { each: true }) barriers?: Barrier[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  strengths?: string[];
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
  @ValidateIf((dto: VisitOutcomeDto) => dto.status !== 'held')
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
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
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
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
  @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
