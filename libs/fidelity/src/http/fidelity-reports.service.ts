import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError } from '@leap/http';
import type { MetricsCut, MetricsScope } from '../domain/cut';
import { METRIC_DEFINITIONS } from '../domain/definitions';
import type { FidelityFacts } from '../domain/facts';
import { metricsOf } from '../domain/metrics';
import { FidelityFactsReader } from '../read-models/fidelity-facts.reader';
import { replayFacts } from '../replay/replay-facts';
import { districtToRead, requireFidelityReader, scopeOf, type RequestedScope } from './fidelity-access';

export interface FidelityRequest extends RequestedScope {
  from?: string;
  to?: string;
  onDate?: string;
  knownAt?: string;
}

/** Where the facts came from: the projection, or a replay of the store (with `onDate` or `knownAt`). */
export type FactsSource = 'projection' | 'replay';

export interface LoadedFacts {
  facts: FidelityFacts;
  scope: MetricsScope;
  cut: MetricsCut;
  source: FactsSource;
  position: string | null;
}

/**
 * Answers fidelity questions: from the projected facts when no cut is asked, else by replaying the
 * store through the same fold. Both go through `metricsOf`, so they agree for the same cut.
 */
@Injectable()
export class FidelityReports {
  constructor(
    private readonly reader: FidelityFactsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** 403 and 400 before anything is read. */
  check(principal: Principal, request: FidelityRequest): MetricsCut {
    requireFidelityReader(principal);
    if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
      throw new RequestValidationError([{ path: 'to', reason: 'to must not be before from' }]);
    }
    return {
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
      ...(request.onDate !== undefined ? { onDate: request.onDate } : {}),
      ...(request.knownAt !== undefined ? { knownAt: Date.parse(request.knownAt) } : {}),
    };
  }

  async load(principal: Principal, request: FidelityRequest, replay: boolean): Promise<LoadedFacts> {
    const cut = this.check(principal, request);
    const source: FactsSource =
      replay || cut.onDate !== undefined || cut.knownAt !== undefined ? 'replay' : 'projection';
    const { facts, position } =
      source === 'projection'
        ? this.reader.read(districtToRead(principal, request))
        : await replayFacts(this.store, { knownAt: cut.knownAt });
    return { facts, scope: scopeOf(principal, request, facts), cut, source, position };
  }

  async report(principal: Principal, request: FidelityRequest) {
    const { facts, scope, cut, source, position } = await this.load(principal, request, false);
    return {
      scope: {
        regionId: scope.regionId ?? null,
        districtId: scope.districtId ?? null,
        schoolId: scope.schoolId ?? null,
      },
      from: request.from ?? null,
      to: request.to ?? null,
      onDate: request.onDate ?? null,
      knownAt: request.knownAt ?? null,
      source,
      position,
      metrics: metricsOf(facts, { ...scope, ...cut }),
      definitions: METRIC_DEFINITIONS,
    };
  }
}
