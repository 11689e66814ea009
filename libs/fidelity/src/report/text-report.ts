import { METRIC_DEFINITIONS } from '../domain/definitions';
import type { Metric } from '../domain/metric';
import type { FidelityMetrics } from '../domain/metrics';

export interface TextReportHeading {
  districtId: string;
  onDate: string;
  knownAt: string | null;
  eventsRead: number;
}

const figure = (n: number | null) =>
  n === null ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: 4 });
const isMetric = (value: unknown): value is Metric =>
  typeof value === 'object' && value !== null && 'numerator' in value && 'value' in value;

/**
 * The fidelity report as terminal text: the same metrics `GET /v1/fidelity` answers, one line
 * each (label, value, numerator / denominator), breakdowns indented under their metric.
 */
export function textReport(metrics: FidelityMetrics, heading: TextReportHeading): string {
  const lines = [
    `Fidelity of district ${heading.districtId} on ${heading.onDate}` +
      (heading.knownAt ? `, as known at ${heading.knownAt}` : '') +
      ` (${heading.eventsRead.toLocaleString('en-US')} events replayed)`,
    '',
  ];
  const row = (label: string, m: Metric) =>
    `${label.padEnd(44)} ${figure(m.value).padStart(10)}   ${figure(m.numerator)}${m.denominator === null ? '' : ` / ${figure(m.denominator)}`}`;
  for (const [name, definition] of Object.entries(METRIC_DEFINITIONS)) {
    const value = metrics[name as keyof FidelityMetrics];
    if (isMetric(value)) {
      lines.push(row(definition.label, value));
    } else if (name === 'homeVisitLog') {
      const log = metrics.homeVisitLog;
      lines.push(`${definition.label} (${log.visits} visits)`);
      for (const [code, n] of Object.entries(log.barriers))
        lines.push(`  barrier ${code}`.padEnd(45) + String(n).padStart(10));
      for (const [code, n] of Object.entries(log.strengths))
        lines.push(`  strength ${code}`.padEnd(45) + String(n).padStart(10));
    } else {
      lines.push(definition.label);
      for (const [key, m] of Object.entries(value as Record<string, Metric>)) lines.push(row(`  ${key}`, m));
    }
  }
  return `${lines.join('\n')}\n`;
}
