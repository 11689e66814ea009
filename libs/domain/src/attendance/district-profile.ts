/**
 * A district's profile as the state knows it (state-level import, stream `districtprofile-<districtId>`):
 * the factors the state used to choose which districts LEAP serves first. The district need not be
 * registered in the system: the state ranks every district before choosing. No personal data.
 * Re-importing the same figures appends nothing; changed figures append a new profile (latest wins).
 */
export interface DistrictProfileFigures {
  districtId: string;
  name: string;
  /** The Regional Educational Service Center, e.g. `CREC`. */
  regionId: string;
  enrollment: number;
  /** Percent, 0–100 (e.g. 91.4). */
  attendanceRate: number;
  freeReducedLunchShare: number;
  englishLearnerShare: number;
  remoteLearningShare: number;
}
export type DistrictProfileRecorded = { type: 'DistrictProfileRecorded.v1'; data: DistrictProfileFigures };
export const districtProfileStreamOf = (districtId: string): string => `districtprofile-${districtId}`;
export const DISTRICT_PROFILE_STREAM_PREFIX = 'districtprofile-';
