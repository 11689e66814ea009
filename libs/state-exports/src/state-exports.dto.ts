import { IsOptional } from 'class-validator';
import { IsId, IsSchoolYear } from '@leap/http';

/**
 * The only parameters of a state export: which school year, and (as a filter of rows, never a cut
 * of the data) which district. There is deliberately nothing else: a free cut would let two
 * answers be subtracted to reveal a suppressed cell.
 */
export class StateExportQuery {
  /** School year `2026-27` (July to June); default: the current one. */
  @IsOptional() @IsSchoolYear() schoolYear?: string;
  /** Only this district's rows (its schools and its totals). District tokens: their own district. */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
}
