import { demoParametersOf } from './demo-command';

const TODAY = '2026-11-29';

describe('the demo command line', () => {
  it('defaults to 3 districts, 2,500 students, seed 7, daily attendance through the last ended school year', () => {
    expect(demoParametersOf({}, TODAY)).toMatchObject({
      seed: 7,
      districts: 3,
      students: 2500,
      through: '2026-06-30',
      attendance: 'daily',
      effect: { month1: 4, month6: 15, month9: 15, secondary: 2, englishLearner: 0.5, remote: 0.5 },
      selection: 1,
    });
  });

  it('ends at the previous June before July', () => {
    expect(demoParametersOf({}, '2026-05-10')).toMatchObject({ through: '2025-06-30' });
  });

  it('takes every parameter it is given', () => {
    const parameters = demoParametersOf(
      {
        seed: '3',
        districts: '2',
        students: '120',
        through: '2026-03-31',
        attendance: 'monthly',
        'effect-month1': '0',
        'effect-month6': '0',
        'effect-month9': '0',
        'effect-secondary': '1',
        'effect-el': '1',
        'effect-remote': '1',
        selection: '0',
      },
      TODAY,
    );
    expect(parameters).toEqual({
      seed: 3,
      districts: 2,
      students: 120,
      through: '2026-03-31',
      attendance: 'monthly',
      effect: { month1: 0, month6: 0, month9: 0, secondary: 1, englishLearner: 1, remote: 1 },
      selection: 0,
    });
  });

  it.each([
    [{ students: 'many' }, '--students must be a whole number from 1 to 200000'],
    [{ districts: '0' }, '--districts must be a whole number from 1 to 12'],
    [{ attendance: 'weekly' }, '--attendance must be daily or monthly'],
    [{ students: '2', districts: '3' }, '--students must be at least --districts'],
    [{ through: '2026-02-30' }, '--through must be a date YYYY-MM-DD'],
    [{ through: '2027-06-30' }, `--through must not be after today (${TODAY})`],
    [{ 'effect-el': '' }, '--effect-el must be a number from 0 to 10'],
  ])('refuses %j', (values, problem) => {
    expect(demoParametersOf(values, TODAY)).toBe(problem);
  });
});
