import { parseCount, parseFlag, parseGrade, parseGrades, parseId, parsePercent } from './field-values';

describe('import column formats', () => {
  it('reads booleans as Y/N, yes/no, true/false, 1/0 in any case, and nothing else', () => {
    expect(['Y', 'yes', 'TRUE', '1'].map(parseFlag)).toEqual([true, true, true, true]);
    expect(['n', 'No', 'false', '0'].map(parseFlag)).toEqual([false, false, false, false]);
    expect(['', 'maybe', '2', 'T'].map(parseFlag)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads grades PK, K, 1-12 (leading zeros allowed)', () => {
    expect(['pk', 'K', '07', '12'].map(parseGrade)).toEqual(['PK', 'K', '7', '12']);
    expect(['13', '0', 'KG', ''].map(parseGrade)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads grade ranges and lists, lowest first', () => {
    expect(parseGrades('K-5')).toEqual(['K', '1', '2', '3', '4', '5']);
    expect(parseGrades('PK-K')).toEqual(['PK', 'K']);
    expect(parseGrades('6 - 8')).toEqual(['6', '7', '8']);
    expect(parseGrades('2;K;1')).toEqual(['K', '1', '2']);
    expect(parseGrades('9, 10')).toEqual(['9', '10']);
    expect(parseGrades('9')).toEqual(['9']);
    for (const bad of ['5-K', 'K-13', 'K;x', ';', 'K--5']) expect(parseGrades(bad)).toBeUndefined();
  });

  it('reads counts and percents within their bounds', () => {
    expect(['0', '12000'].map(parseCount)).toEqual([0, 12000]);
    expect(['-1', '1.5', '1,000'].map(parseCount)).toEqual([undefined, undefined, undefined]);
    expect(['0', '91.4', '100', '12.5%'].map(parsePercent)).toEqual([0, 91.4, 100, 12.5]);
    expect(['100.1', '-3', 'abc', '1e2'].map(parsePercent)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads ids as the API does', () => {
    expect(parseId('sch-1.a_b:c')).toBe('sch-1.a_b:c');
    expect(parseId('-x')).toBeUndefined();
    expect(parseId('a b')).toBeUndefined();
  });
});
