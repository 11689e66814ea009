import type { DistrictProfileFigures } from '@leap/domain';
import { DEFAULT_NEED_WEIGHTS, parseWeights, rankDistricts, weightProblems } from './need-index';

const profile = (
  districtId: string,
  enrollment: number,
  attendanceRate: number,
  freeReducedLunchShare: number,
  englishLearnerShare: number,
  remoteLearningShare: number,
): DistrictProfileFigures => ({
  districtId,
  name: districtId,
  regionId: 'CREC',
  enrollment,
  attendanceRate,
  freeReducedLunchShare,
  englishLearnerShare,
  remoteLearningShare,
});
const profiles = [
  profile('p1', 1000, 90, 50, 10, 0),
  profile('p2', 3000, 95, 20, 30, 10),
  profile('p3', 2000, 85, 80, 20, 5),
];

describe('when districts are ranked by need', () => {
  it('min-max normalises each factor (lower attendance is more need) and averages them by weight', () => {
    const ranked = rankDistricts(profiles, DEFAULT_NEED_WEIGHTS);
    expect(ranked.map((d) => [d.rank, d.profile.districtId, d.needIndex])).toEqual([
      [1, 'p3', 0.7],
      [2, 'p2', 0.6],
      [3, 'p1', 0.2],
    ]);
    expect(ranked[2]!.normalised).toEqual({
      enrollment: 0,
      attendanceRate: 0.5,
      freeReducedLunchShare: 0.5,
      englishLearnerShare: 0,
      remoteLearningShare: 0,
    });
  });

  it('follows the weights', () => {
    const weights = {
      ...DEFAULT_NEED_WEIGHTS,
      enrollment: 0,
      englishLearnerShare: 0,
      remoteLearningShare: 0,
      attendanceRate: 4,
    };
    expect(rankDistricts(profiles, weights).map((d) => [d.profile.districtId, d.needIndex])).toEqual([
      ['p3', 1],
      ['p1', 0.5],
      ['p2', 0],
    ]);
  });

  it('gives a factor every district shares no weight in the order, and breaks ties by district id', () => {
    const same = [profile('b', 10, 90, 1, 1, 1), profile('a', 10, 90, 1, 1, 1)];
    expect(rankDistricts(same, DEFAULT_NEED_WEIGHTS).map((d) => [d.profile.districtId, d.needIndex])).toEqual(
      [
        ['a', 0],
        ['b', 0],
      ],
    );
  });
});

describe('when weights are given', () => {
  it('reads factor:weight pairs over the defaults', () => {
    expect(parseWeights('attendanceRate:2, remoteLearningShare:0', DEFAULT_NEED_WEIGHTS)).toEqual({
      weights: { ...DEFAULT_NEED_WEIGHTS, attendanceRate: 2, remoteLearningShare: 0 },
      problems: [],
    });
  });

  it('names every wrong weight by its path', () => {
    expect(parseWeights('enrollment:-1,bogus:2,attendanceRate:x', DEFAULT_NEED_WEIGHTS).problems).toEqual([
      { path: 'weights.bogus', reason: expect.stringContaining('unknown factor') },
      { path: 'weights.enrollment', reason: expect.stringContaining('from 0 to 1000') },
      { path: 'weights.attendanceRate', reason: expect.stringContaining('from 0 to 1000') },
    ]);
    expect(
      parseWeights('enrollment:-1,attendanceRate:x', DEFAULT_NEED_WEIGHTS).problems.map((p) => p.path),
    ).toEqual(['weights.enrollment', 'weights.attendanceRate']);
  });

  it('needs at least one positive weight', () => {
    const zero = {
      enrollment: 0,
      attendanceRate: 0,
      freeReducedLunchShare: 0,
      englishLearnerShare: 0,
      remoteLearningShare: 0,
    };
    expect(weightProblems(zero, 'weights.')).toEqual([
      { path: 'weights', reason: 'at least one weight must be positive' },
    ]);
  });
});
