import type { OrganizationType, VisitorRole } from '@leap/domain';
import { ApiBusinessDate, ApiInteger } from '@leap/http';

export class OrganizationView {
  type!: OrganizationType;
  name!: string;
}

export class TrainingView {
  /** Training code such as `LEAP_101`. */
  training!: string;
  @ApiBusinessDate() completedOn!: string;
}

export class VisitorView {
  visitorId!: string;
  name!: string;
  /** The `sub` of the visitor's login (a pseudonym for roles that see no personal data), if linked. */
  subject!: string | null;
  role!: VisitorRole;
  organization!: OrganizationView;
  districtId!: string;
  languages!: string[];
  /** Completed trainings, in the order recorded. */
  trainings!: TrainingView[];
}

export class VisitorListView {
  /** The district's visitors, by name. */
  visitors!: VisitorView[];
}

export class VisitorAnswer {
  visitorId!: string;
  /** The visitor stream's revision after the command: send it as `If-Match` on the next one. */
  @ApiInteger() revision!: number;
  /** Global position of the visitor's last event. */
  position!: string | null;
}
