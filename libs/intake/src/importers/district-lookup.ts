import { readHistory, toDomainEvent } from '@leap/commands';
import {
  districtDecider,
  fold,
  type DistrictEvent,
  type DistrictState,
  type RegisteredDistrict,
  districtStreamId,
} from '@leap/domain';
import type { EventStore } from '@leap/event-store';

/**
 * The districts an import names, each read once from its stream and kept for the import's duration
 * (a file names a handful of districts; an importer that changes one puts the new state back).
 */
export class DistrictLookup {
  /** A pending read is shared by every row that asks meanwhile. */
  private readonly known = new Map<string, DistrictState | Promise<DistrictState>>();

  constructor(private readonly store: EventStore) {}

  async registered(districtId: string): Promise<RegisteredDistrict | null> {
    let state = this.known.get(districtId);
    if (!state) {
      state = readHistory(this.store, districtStreamId(districtId)).then((history) =>
        fold(districtDecider, history.map(toDomainEvent<DistrictEvent>)),
      );
      this.known.set(districtId, state);
      state.catch(() => this.known.delete(districtId));
    }
    const known = await state;
    return known.status === 'registered' ? known : null;
  }

  remember(districtId: string, state: DistrictState): void {
    this.known.set(districtId, state);
  }
}
