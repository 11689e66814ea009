import { conflict, type Decider } from '@leap/domain';
import type { DistrictAllocation, FactorWeights } from './allocate';

/**
 * A saved allocation, stream `allocation-<allocationId>`: the inputs the state chose and the awards
 * they gave, frozen as they were computed, so a decision can be shown later exactly as it was made
 * even after new expenditures, visits or profiles change what a new preview would say.
 */
export const ALLOCATION_PREFIX = 'allocation-';
export const allocationStreamOf = (allocationId: string): string => `${ALLOCATION_PREFIX}${allocationId}`;

export interface AllocationInputs {
  total: number;
  minimum: number;
  maximum: number;
  weights: FactorWeights;
  /** The districts selected, by id. */
  districtIds: string[];
  /** The school year whose funds spent and visits held were weighed; null: everything to date. */
  performanceSchoolYear: string | null;
}

/** An award with the district's name and region as its profile stood at the time. */
export type NamedDistrictAllocation = DistrictAllocation & { name: string; regionId: string };

export interface AllocationRecord {
  allocationId: string;
  /** When the state saved it (recorded time, ISO 8601). */
  savedAt: string;
  inputs: AllocationInputs;
  districts: NamedDistrictAllocation[];
}

export type AllocationSaved = { type: 'AllocationSaved.v1'; data: AllocationRecord };
export type SaveAllocation = { type: 'SaveAllocation'; data: AllocationRecord };
export type AllocationState = { saved: AllocationRecord | null };

export const allocationDecider: Decider<SaveAllocation, AllocationSaved, AllocationState> = {
  initialState: () => ({ saved: null }),
  decide(command, state) {
    if (state.saved !== null) throw conflict('allocation_exists', 'This allocation is already saved');
    return [{ type: 'AllocationSaved.v1', data: command.data }];
  },
  evolve: (_state, event) => ({ saved: event.data }),
};
