import { Inject, Injectable } from '@nestjs/common';
import { readHistory, toDomainEvent } from '@leap/commands';
import {
  districtDecider,
  fold,
  partnerDecider,
  type Decider,
  type DistrictEvent,
  type DistrictState,
  type PartnerEvent,
  type PartnerState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { DISTRICT_PREFIX, PARTNER_PREFIX, districtStreamId, partnerStreamId } from './registry-streams';

/**
 * Reads the registry from its streams. Commands elsewhere (identifying a student, assigning
 * visitors, referring a family) check what they name against it; lists fold every stream of a
 * category, which suits reference data of a few hundred districts and partners.
 */
@Injectable()
export class RegistryReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async district(districtId: string): Promise<DistrictState> {
    const history = await readHistory(this.store, districtStreamId(districtId));
    return fold(districtDecider, history.map(toDomainEvent<DistrictEvent>));
  }

  async partner(partnerId: string): Promise<PartnerState> {
    const history = await readHistory(this.store, partnerStreamId(partnerId));
    return fold(partnerDecider, history.map(toDomainEvent<PartnerEvent>));
  }

  allDistricts(): Promise<DistrictState[]> {
    return this.foldCategory(DISTRICT_PREFIX, districtDecider);
  }

  allPartners(): Promise<PartnerState[]> {
    return this.foldCategory(PARTNER_PREFIX, partnerDecider);
  }

  private async foldCategory<Event extends { type: string; data: object }, State>(
    prefix: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  ): Promise<State[]> {
    const byStream = new Map<string, Event[]>();
    for (const event of await this.store.readAll({ filter: { streamPrefixes: [prefix] } })) {
      const events = byStream.get(event.streamId) ?? [];
      events.push(toDomainEvent<Event>(event));
      byStream.set(event.streamId, events);
    }
    return [...byStream.values()].map((events) => fold(decider, events));
  }
}
