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
