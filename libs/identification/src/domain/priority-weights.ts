import type { Decider } from '@leap/domain';
import { NEED_FACTORS, DEFAULT_NEED_WEIGHTS, type NeedWeights } from './need-index';

/**
 * The state's default weights of the district need index, stream `statesettings-priority`: each
 * save records the whole set; the latest wins. Saving the weights already in force records nothing.
 */
export const PRIORITY_WEIGHTS_STREAM = 'statesettings-priority';

export type PriorityWeightsSaved = { type: 'PriorityWeightsSaved.v1'; data: { weights: NeedWeights } };
export type SavePriorityWeights = {
  type: 'SavePriorityWeights';
  data: { weights: NeedWeights };
  actorId: string;
};
export interface PriorityWeightsState {
  weights: NeedWeights;
  saved: boolean;
}

export const priorityWeightsDecider: Decider<
  SavePriorityWeights,
  PriorityWeightsSaved,
  PriorityWeightsState
> = {
  initialState: (): PriorityWeightsState => ({ weights: DEFAULT_NEED_WEIGHTS, saved: false }),
  decide(command: SavePriorityWeights, state: PriorityWeightsState): PriorityWeightsSaved[] {
    const same = NEED_FACTORS.every((factor) => command.data.weights[factor] === state.weights[factor]);
    if (state.saved && same) return [];
    return [{ type: 'PriorityWeightsSaved.v1', data: { weights: { ...command.data.weights } } }];
  },
  evolve(_state: PriorityWeightsState, event: PriorityWeightsSaved): PriorityWeightsState {
    return { weights: { ...DEFAULT_NEED_WEIGHTS, ...event.data.weights }, saved: true };
  },
};
