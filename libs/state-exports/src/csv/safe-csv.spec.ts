import { parse } from 'csv-parse/sync';
import { neutraliseFormula, toCsv } from './safe-csv';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
  ])('neutralises %p as %p', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it.each(['Lincoln Middle', 'Saint-Exupéry School', 'A=B', '2026-10', "'quoted"])(
    'leaves %p as it is',
    (input) => {
      expect(neutraliseFormula(input)).toBe(input);
    },
  );
});

describe('a CSV document', () => {
  const csv = toCsv(
    ['schoolName', 'period', 'numerator'],
    [
      ['=cmd|"/c calc"!A1', '2026-10', 12],
      ['Lincoln, "Middle"\nSchool', 'year', null],
      ['-Kennedy', '2026-11', 0],
    ],
  );

  it('ends lines with CRLF and quotes commas, quotes and line breaks', () => {
    expect(csv.split('\r\n')[0]).toBe('schoolName,period,numerator');
    expect(csv).toContain('"Lincoln, ""Middle""\nSchool",year,\r\n');
  });

  it('reads back with every formula neutralised and numbers intact', () => {
    const rows = parse(csv) as string[][];
    expect(rows).toEqual([
      ['schoolName', 'period', 'numerator'],
      [`'=cmd|"/c calc"!A1`, '2026-10', '12'],
      ['Lincoln, "Middle"\nSchool', 'year', ''],
      [`'-Kennedy`, '2026-11', '0'],
    ]);
  });
});
