import { closedCasesDue, evolveClosureIndex, type ClosureIndex } from './closed-cases';

const on = (caseId: string, type: string, data: Record<string, unknown> = {}) => ({
  streamId: `case-${caseId}`,
  type,
  data,
});

function indexOf(...events: ReturnType<typeof on>[]): ClosureIndex {
  const index: ClosureIndex = new Map();
  for (const event of events) evolveClosureIndex(index, event);
  return index;
}

describe('when retention looks for closed cases to erase', () => {
  const index = indexOf(
    on('a', 'StudentIdentified.v1', { districtId: 'd1' }),
    on('a', 'CaseClosed.v1', { closedOn: '2021-05-01' }),
    on('b', 'StudentIdentified.v2', { districtId: 'd1' }),
    on('b', 'CaseClosed.v1', { closedOn: '2021-05-01' }),
    on('b', 'CaseReopened.v1', { reopenedOn: '2021-09-01' }),
    on('c', 'StudentIdentified.v1', { districtId: 'd1' }),
    on('c', 'CaseClosed.v1', { closedOn: '2020-01-10' }),
    on('c', 'FamilyDataErased.v1', { erasedOn: '2023-01-10' }),
    on('d', 'StudentIdentified.v1', { districtId: 'd2' }),
    on('d', 'CaseClosed.v1', { closedOn: '2019-01-10' }),
    on('e', 'StudentIdentified.v1', { districtId: 'd1' }),
    on('e', 'CaseClosed.v1', { closedOn: '2024-06-30' }),
    on('f', 'StudentIdentified.v1', { districtId: 'd1' }),
  );

  it('finds the district’s closed, not yet erased cases whose closure is due', () => {
    expect(closedCasesDue(index, 'd1', (closedOn) => closedOn < '2024-07-01')).toEqual(['a', 'e']);
    expect(closedCasesDue(index, 'd1', (closedOn) => closedOn < '2024-06-30')).toEqual(['a']);
  });

  it('leaves out reopened, open, erased and other districts’ cases', () => {
    expect(closedCasesDue(index, 'd1', () => true)).toEqual(['a', 'e']);
    expect(closedCasesDue(index, 'd2', () => true)).toEqual(['d']);
  });

  it('ignores events of cases it never saw identified', () => {
    expect(indexOf(on('x', 'CaseClosed.v1', { closedOn: '2020-01-01' })).size).toBe(0);
  });
});
