// The pure fold of the fidelity metrics (no Nest, no I/O): projection, replays, series, exports.
export * from './domain/facts';
export {
  evolveFacts,
  foldFacts,
  factsOf,
  FactsFold,
  FIDELITY_STREAM_PREFIXES,
  type FidelityEvent,
} from './domain/evolve-facts';
export { type MetricsScope, type MetricsCut, type MetricsQuery, monthOf } from './domain/cut';
export { type Metric } from './domain/metric';
export { metricsOf, type FidelityMetrics } from './domain/metrics';
export { cellsOf, type FidelityCell } from './domain/cells';
export { METRIC_DEFINITIONS, type MetricDefinition } from './domain/definitions';
// Replays of the store through the fold (plain TypeScript: CLI and bench import it too).
export { replayFacts, type Replay, type ReplayOptions } from './replay/replay-facts';
// The read model and the Nest module (GET /v1/fidelity).
export {
  FIDELITY_FACTS,
  fidelityFactsProjection,
  fidelityEventsFilter,
} from './read-models/fidelity-facts.projection';
export { FidelityFactsReader } from './read-models/fidelity-facts.reader';
export { FidelityFactsSource, type SourcedFacts } from './facts-source/fidelity-facts-source.service';
export { FidelityReports, type FidelityRequest, type LoadedFacts } from './http/fidelity-reports.service';
export { FIDELITY_READERS } from './http/fidelity-access';
export { FidelityModule } from './fidelity.module';
