import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IMPORT_KINDS, type ImportKind } from '@leap/domain';
import { ApiInstant, ApiInteger, IsId, IsSchoolYear } from '@leap/http';

/** `POST /v1/imports/{kind}` query. */
export class StartImportQuery {
  /** A state-wide admin's import for one district only: rows naming another are `wrong_district`. */
  @IsOptional() @IsId() districtId?: string;
  /**
   * Attendance: the school year the file is for (`2025-26`); rows dated in another school year (July
   * to June) are rejected (`outside_school_year`). Absent: any school year.
   */
  @IsOptional() @IsSchoolYear() schoolYear?: string;
}

export class ImportAcceptedView {
  importId!: string;
  @ApiProperty({ enum: ['running'] }) status!: 'running';
  /** Where to follow the import: `GET /v1/imports/{importId}`. */
  href!: string;
}

export class ImportCountsView {
  /** Data rows read (the header excluded), well-formed or not. */
  @ApiInteger() rows!: number;
  @ApiInteger() accepted!: number;
  @ApiInteger() rejected!: number;
  /** Events appended (an unchanged re-import appends none). */
  @ApiInteger() appended!: number;
}

export class RejectedRowView {
  /** 1-based line where the row starts (the header is line 1). */
  @ApiInteger() line!: number;
  /** The column at fault, by its canonical name, or null for the whole row. */
  @ApiProperty({ type: String, nullable: true }) column!: string | null;
  /** A stable code: `missing_value`, `invalid_value`, `school_not_found`, `duplicate_row`, … */
  reason!: string;
}

export class ImportStatusView {
  importId!: string;
  @ApiProperty({ enum: IMPORT_KINDS }) kind!: ImportKind;
  /** The district the import was scoped to, or null for a state-wide import. */
  @ApiProperty({ type: String, nullable: true }) districtId!: string | null;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status!: 'running' | 'completed' | 'failed';
  /** Why a failed import stopped: `invalid_header`, `malformed_csv`, `body_too_large`, `interrupted`, `internal_error`. */
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  /** More about the failure (e.g. the unknown and missing columns), never a value from the file. */
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
  /** So far while running (when this process runs it), final afterwards. */
  counts!: ImportCountsView;
  /** The first 10,000 rejected rows, by line; `counts.rejected` counts them all. */
  @ApiProperty({ type: [RejectedRowView] }) rejectedRows!: RejectedRowView[];
  @ApiInstant() startedAt!: string;
  @ApiInstant() @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}
