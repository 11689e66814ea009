import { printable, ratioOf } from '../bench/bench-row';
import { parseArgs } from '../bench/run';

describe('npm run bench arguments', () => {
  it('keeps every word as a filter when --json is absent', () => {
    expect(parseArgs(['http', 'appends'])).toEqual({ json: null, only: ['http', 'appends'] });
  });

  it('takes the word after --json as the file only when it names a .json file', () => {
    expect(parseArgs(['--json', 'out/run.json', 'emmett'])).toEqual({
      json: 'out/run.json',
      only: ['emmett'],
    });
    expect(parseArgs(['--json=run.json'])).toEqual({ json: 'run.json', only: [] });
    const { json, only } = parseArgs(['--json', 'projections']);
    expect(only).toEqual(['projections']);
    expect(json).toMatch(/^bench-results\/\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
  });
});

describe('a benchmark row', () => {
  const row = { name: 'appends', value: 1_643, unit: 'events/s', target: '≥ 80%' };

  it('has a ratio only beside a ceiling or peer', () => {
    expect(ratioOf(row)).toBeUndefined();
    expect(ratioOf({ ...row, versus: { name: 'raw', value: 2_982 } })).toBe(55.1);
    expect(ratioOf({ ...row, versus: { name: 'raw', value: 0 } })).toBeUndefined();
  });

  it('prints the figure beside its ceiling, the ratio and the target', () => {
    expect(printable({ ...row, versus: { name: 'raw SQLite', value: 2_982 } })).toEqual({
      figure: 'appends',
      value: '1,643 events/s',
      'ceiling / peer': '2,982 (raw SQLite)',
      ratio: '55.1%',
      target: '≥ 80%',
      note: '',
    });
  });
});
