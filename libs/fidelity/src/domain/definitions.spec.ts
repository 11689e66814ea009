import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseEvents } from '../testing/fidelity-events';
import { METRIC_DEFINITIONS } from './definitions';
import { definitionsMarkdown } from './definitions-markdown';
import { foldFacts } from './evolve-facts';
import { metricsOf } from './metrics';

describe('metric definitions', () => {
  it('define every metric the fold computes, and nothing else', () => {
    const metrics = metricsOf(foldFacts(new CaseEvents('a').identified('2025-09-01').events), {});
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual(Object.keys(metrics).sort());
  });

  it('are rendered in the README as they are returned', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    expect(readme).toContain(definitionsMarkdown());
  });
});
