import type { Decider, DistrictProfileFigures, DistrictProfileRecorded } from '@leap/domain';

export type RecordDistrictProfile = { type: 'RecordDistrictProfile'; data: DistrictProfileFigures };

/** A district's profile stream: the latest figures win; the same figures again record nothing. */
export const districtProfileDecider: Decider<
  RecordDistrictProfile,
  DistrictProfileRecorded,
  DistrictProfileFigures | null
> = {
  decide: (command, latest) =>
    latest && sameFigures(latest, command.data)
      ? []
      : [{ type: 'DistrictProfileRecorded.v1', data: command.data }],
  evolve: (_latest, event) => event.data,
  initialState: () => null,
};

const FIGURES: readonly (keyof DistrictProfileFigures)[] = [
  'districtId',
  'name',
  'regionId',
  'enrollment',
  'attendanceRate',
  'freeReducedLunchShare',
  'englishLearnerShare',
  'remoteLearningShare',
];

const sameFigures = (a: DistrictProfileFigures, b: DistrictProfileFigures): boolean =>
  FIGURES.every((field) => a[field] === b[field]);
