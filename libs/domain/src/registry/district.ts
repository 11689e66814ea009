import type { Grade } from '../vocabulary';
import type { PartialCountsAs } from '../attendance/categories';
import {
  DEFAULT_MINIMUM_ENROLLED_DAYS,
  DEFAULT_TARGETING,
  type TargetingSettings,
} from '../attendance/targeting';

/**
 * A district and its schools, stream `district-<districtId>`: the registry that identifications,
 * transfers, visitor registrations and partners are checked against.
 */
export interface DistrictSettings {
  /** Whether visitors without LEAP 101 may be assigned to families (the program requires it by default). */
  allowUntrainedVisitors: boolean;
  /**
   * How long after a case's closure the family's personal data is kept before it is erased
   * automatically (ISO-8601, e.g. `P3Y`; see `retention.ts`), or null to keep it until someone
   * erases it. Settings recorded before retention existed read as null.
   */
  retention: string | null;
  /** Which students the district serves first (see `attendance/targeting.ts`). */
  targeting: TargetingSettings;
  /** A month or year to date with fewer enrolled days has no tier yet. */
  minimumEnrolledDays: number;
  /** How an Ed-Fi `Partial` day counts in imported daily attendance. */
  partialAttendanceCountsAs: PartialCountsAs;
}

/** What a district starts with when its registration names no settings. */
export const DEFAULT_DISTRICT_SETTINGS: DistrictSettings = {
  allowUntrainedVisitors: false,
  retention: null,
  targeting: DEFAULT_TARGETING,
  minimumEnrolledDays: DEFAULT_MINIMUM_ENROLLED_DAYS,
  partialAttendanceCountsAs: 'present',
};

/**
 * Settings as recorded by any version (`retention`, then `targeting`, `minimumEnrolledDays` and
 * `partialAttendanceCountsAs` came later): every field present.
 */
export const settingsOf = (recorded: Partial<DistrictSettings>): DistrictSettings => ({
  ...DEFAULT_DISTRICT_SETTINGS,
  ...recorded,
  targeting: { ...DEFAULT_TARGETING, ...recorded.targeting },
});

export interface DistrictProfile {
  districtId: string;
  name: string;
  /** The Regional Educational Service Center the district belongs to, e.g. `CREC`. */
  regionId: string;
  /** IANA time zone, e.g. `America/New_York`. */
  timeZone: string;
  settings: DistrictSettings;
}

export interface School {
  schoolId: string;
  name: string;
  grades: Grade[];
}

export type DistrictRegistered = { type: 'DistrictRegistered.v1'; data: DistrictProfile };
export type DistrictSettingsChanged = {
  type: 'DistrictSettingsChanged.v1';
  data: { districtId: string; settings: DistrictSettings };
};
export type SchoolAdded = { type: 'SchoolAdded.v1'; data: School & { districtId: string } };
export type DistrictEvent = DistrictRegistered | DistrictSettingsChanged | SchoolAdded;

type Command<Type extends string, Data> = { type: Type; data: Data; actorId: string };
export type RegisterDistrict = Command<'RegisterDistrict', DistrictProfile>;
export type ChangeDistrictSettings = Command<'ChangeDistrictSettings', DistrictSettings>;
export type AddSchool = Command<'AddSchool', School>;
export type DistrictCommand = RegisterDistrict | ChangeDistrictSettings | AddSchool;

export type RegisteredDistrict = DistrictProfile & { status: 'registered'; schools: School[] };
export type DistrictState = { status: 'none' } | RegisteredDistrict;
