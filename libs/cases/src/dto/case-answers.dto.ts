import { ApiInteger } from '@leap/http';

/** What every case command answers (see `CaseCommandResponse`). */
export class CaseCommandAnswer {
  caseId!: string;
  /** The case stream's revision after the command: send it as `If-Match` on the next one. */
  @ApiInteger() revision!: number;
  /** Global position of the case's last event: pass it as `minPosition` to read your own write. */
  position!: string | null;
}

export class VisitAnswer extends CaseCommandAnswer {
  /** The visit recorded or resolved. */
  visitId!: string;
}

export class FollowUpCallAnswer extends CaseCommandAnswer {
  callId!: string;
}

export class ReferralAnswer extends CaseCommandAnswer {
  referralId!: string;
}

export class AttendanceCheckAnswer extends CaseCommandAnswer {
  checkId!: string;
}

export class FollowUpAnswer extends CaseCommandAnswer {
  followUpId!: string;
}
