import type { Grade, PartialCountsAs, StudentFlag, TargetingApproach } from '@leap/domain';
import { ApiInteger } from '@leap/http';

export class TargetingView {
  approach!: TargetingApproach;
  schoolIds!: string[];
  grades!: Grade[];
  flags!: StudentFlag[];
}

export class DistrictSettingsView {
  /** Whether visitors without LEAP_101 may be assigned to families. */
  allowUntrainedVisitors!: boolean;
  /** How long after closure a case's personal data is kept before automatic erasure (`P3Y`), or null. */
  retention!: string | null;
  targeting!: TargetingView;
  @ApiInteger() minimumEnrolledDays!: number;
  partialAttendanceCountsAs!: PartialCountsAs;
}

export class DistrictView {
  districtId!: string;
  name!: string;
  /** The Regional Educational Service Center, e.g. `CREC`. */
  regionId!: string;
  /** IANA time zone such as `America/New_York`. */
  timeZone!: string;
  settings!: DistrictSettingsView;
}

export class DistrictListView {
  /** By name. */
  districts!: DistrictView[];
}

export class SchoolView {
  schoolId!: string;
  name!: string;
  grades!: Grade[];
}

export class SchoolListView {
  /** By name; a token limited to some schools sees those. */
  schools!: SchoolView[];
}

/** What every registry command answers. */
class RegistryCommandAnswer {
  /** The record's stream revision after the command: send it as `If-Match` on the next one. */
  @ApiInteger() revision!: number;
  /** Global position of the record's last event. */
  position!: string | null;
}

export class DistrictAnswer extends RegistryCommandAnswer {
  districtId!: string;
}

export class DistrictSettingsAnswer extends DistrictAnswer {
  /** The settings as they now stand. */
  settings!: DistrictSettingsView;
}

export class SchoolAnswer extends DistrictAnswer {
  schoolId!: string;
}
