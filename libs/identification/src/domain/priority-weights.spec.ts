import { fold } from '@leap/domain';
import { DEFAULT_NEED_WEIGHTS } from './need-index';
import { priorityWeightsDecider, type PriorityWeightsSaved } from './priority-weights';

const weights = { ...DEFAULT_NEED_WEIGHTS, attendanceRate: 3 };
const save = (w = weights) => ({
  type: 'SavePriorityWeights' as const,
  data: { weights: w },
  actorId: 'state-admin',
});
const saved = (w = weights): PriorityWeightsSaved => ({
  type: 'PriorityWeightsSaved.v1',
  data: { weights: w },
});

describe('when the state saves its default priority weights', () => {
  it('records the whole set, even when it equals the built-in defaults the first time', () => {
    expect(priorityWeightsDecider.decide(save(), priorityWeightsDecider.initialState())).toEqual([saved()]);
    expect(
      priorityWeightsDecider.decide(save(DEFAULT_NEED_WEIGHTS), priorityWeightsDecider.initialState()),
    ).toEqual([saved(DEFAULT_NEED_WEIGHTS)]);
  });

  it('records nothing when the same weights are saved again, and the latest save wins', () => {
    const state = fold(priorityWeightsDecider, [saved(DEFAULT_NEED_WEIGHTS), saved()]);
    expect(state).toEqual({ weights, saved: true });
    expect(priorityWeightsDecider.decide(save(), state)).toEqual([]);
  });
});
