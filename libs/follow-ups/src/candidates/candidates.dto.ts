import { IsIn, IsOptional } from 'class-validator';
import { CANDIDATE_DISMISSAL_REASONS, type CandidateDismissalReason } from '@leap/domain';
import { ApiInteger, IsBusinessDate } from '@leap/http';

export class DismissCandidateDto {
  /** Why the student is not identified now, coded. */
  @IsIn(CANDIDATE_DISMISSAL_REASONS) reasonCode!: CandidateDismissalReason;
  /** Business date of the dismissal; defaults to today in the district's time zone. */
  @IsOptional() @IsBusinessDate() dismissedOn?: string;
}

/** What claiming or dismissing a candidate answers. */
export class CandidateAnswer {
  candidateId!: string;
  /** The candidate's follow-up the action applied to. */
  followUpId!: string;
  /** Revision of the candidate's stream after the action. */
  @ApiInteger() revision!: number;
  /** Global position of the stream's last event. */
  position!: string | null;
}
