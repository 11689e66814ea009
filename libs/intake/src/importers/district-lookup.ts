import { readHistory, toDomainEvent } from '@leap/commands';
import {
  districtDecider,
  fold,
  type DistrictEvent,
  type DistrictState,
  type RegisteredDistrict,
} from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import { districtStreamId } from '@leap/registry';

/**
 * The districts an import names, each read once from its stream and kept for the import's duration
 * (a file names a handful of districts; an importer that changes one puts the new state back).
 */
export class DistrictLookup {
  private readonly known = new Map<string, DistrictState>();

  constructor(private readonly store: EventStore) {}

  async registered(districtId: string): Promise<RegisteredDistrict | null> {
    let state = this.known.get(districtId);
    if (!state) {
      const history = await readHistory(this.store, districtStreamId(districtId));
      state = fold(districtDecider, history.map(toDomainEvent<DistrictEvent>));
      this.known.set(districtId, state);
    }
    return state.status === 'registered' ? state : null;
  }

  remember(districtId: string, state: DistrictState): void {
    this.known.set(districtId, state);
  }
}
