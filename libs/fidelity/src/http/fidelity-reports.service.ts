import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { RequestValidationError } from '@leap/http';
import type { MetricsCut, MetricsScope } from '../domain/cut';
import { METRIC_DEFINITIONS } from '../domain/definitions';
import type { FidelityFacts } from '../domain/facts';
import { metricsOf } from '../domain/metrics';
import { MAX_SERIES_POINTS, seriesOf, stepDates, type SeriesStep } from '../domain/series';
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
    const problems = [];
    if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
      problems.push({ path: 'to', reason: 'to must not be before from' });
    }
    // School ids are the district's own: the same id may name schools of several districts.
    if (principal.districtId === null && request.schoolId !== undefined && request.districtId === undefined) {
      problems.push({
        path: 'districtId',
        reason: 'districtId is required with schoolId and a state-wide token',
      });
    }
    if (problems.length > 0) throw new RequestValidationError(problems);
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

  /**
   * The metrics at every step from `from` to `to`: the store is replayed once and each point is
   * the program as it stood on the step's last date.
   */
  async series(
    principal: Principal,
    request: FidelityRequest & { from: string; to: string; step: SeriesStep },
  ) {
    this.check(principal, request);
    if (stepDates(request.from, request.to, request.step).length > MAX_SERIES_POINTS) {
      throw new RequestValidationError([
        {
          path: 'to',
          reason: `a series has at most ${MAX_SERIES_POINTS} points: narrow from/to or take a longer step`,
        },
      ]);
    }
    const { facts, scope, cut, position } = await this.load(principal, request, true);
    const query = { ...scope, ...cut, from: request.from, to: request.to };
    return {
      scope: scopeView(scope),
      from: request.from,
      to: request.to,
      step: request.step,
      knownAt: request.knownAt ?? null,
      position,
      points: seriesOf(facts, query, request.step),
      definitions: METRIC_DEFINITIONS,
    };
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

const scopeView = (scope: MetricsScope) => ({
  regionId: scope.regionId ?? null,
  districtId: scope.districtId ?? null,
  schoolId: scope.schoolId ?? null,
});
