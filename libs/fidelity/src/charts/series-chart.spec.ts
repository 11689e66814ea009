import { CaseEvents, district } from '../testing/fidelity-events';
import { foldFacts } from '../domain/evolve-facts';
import { seriesOf } from '../domain/series';
import { seriesChartSvg } from './series-chart';

describe('series chart', () => {
  it('draws one labelled line per charted share as SVG', async () => {
    const facts = foldFacts([
      ...district('d1', 'CREC', ['s1']),
      ...new CaseEvents('a')
        .identified('2025-09-02')
        .offered('2025-09-05')
        .granted('2025-09-06')
        .visit('a1', '2025-09-10').events,
      ...new CaseEvents('b').identified('2025-09-03').events,
    ]);
    const points = seriesOf(facts, { districtId: 'd1', from: '2025-09-01', to: '2025-09-30' }, 'week');
    const svg = await seriesChartSvg(points, 'District d1');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Share offered visits');
    expect(svg).toContain('Share of visits by a pair');
    expect(svg).toContain('District d1');
    // Six lines: the referral share has no referral to count yet, so it draws nothing.
    expect(svg.match(/aria-roledescription="line mark"/g)).toHaveLength(6);
    expect(svg).not.toContain('Referrals with an outcome');
  });
});
