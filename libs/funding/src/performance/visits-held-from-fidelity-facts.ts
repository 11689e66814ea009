import { Injectable } from '@nestjs/common';
import { FidelityFactsSource } from '@leap/fidelity';
import type { DateRange, VisitsHeldCounter } from './visits-held';
import { visitsHeldFromFacts } from './visits-held-from-facts';

/**
 * Visits held, from the fidelity facts read model (the fidelity metrics' own facts), once it holds
 * every event recorded before the request: a preview never misses a visit already recorded.
 */
@Injectable()
export class VisitsHeldFromFidelityFacts implements VisitsHeldCounter {
  constructor(private readonly source: FidelityFactsSource) {}

  async visitsHeldByDistrict(range: DateRange): Promise<ReadonlyMap<string, number>> {
    const { facts } = await this.source.projectedUpToNow(null);
    return visitsHeldFromFacts(facts, range);
  }
}
