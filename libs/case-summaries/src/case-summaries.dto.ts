import type { ConsentStatus, Grade, Tier } from '@leap/domain';
import { ApiBusinessDate, ApiInteger } from '@leap/http';
import type { CaseStatus, Stage } from './case-summary';

/** One case as `GET /v1/cases` lists it (see `toCaseSummaryView`). */
export class CaseSummaryView {
  caseId!: string;
  /** The state student id (a pseudonym for roles that see no personal data). */
  studentId!: string;
  /** Personal data: absent for roles that see none; null when it was not recorded. */
  studentName?: string | null;
  districtId!: string;
  schoolId!: string;
  schoolYear!: string;
  grade!: Grade;
  status!: CaseStatus;
  stage!: Stage;
  consent!: ConsentStatus;
  tier!: Tier;
  @ApiBusinessDate() identifiedOn!: string;
  @ApiBusinessDate() lastContactOn!: string | null;
  @ApiInteger() visitCount!: number;
  /** Follow-ups open or snoozed. */
  @ApiInteger() openFollowUps!: number;
  assignedVisitorIds!: string[];
  @ApiInteger() revision!: number;
}

export class CaseSummaryPage {
  items!: CaseSummaryView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
  /** The summaries reflect every event up to this position. */
  position!: string | null;
}
