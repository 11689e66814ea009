import { DomainError, fold } from '@leap/domain';
import { allocationDecider, type AllocationRecord, type AllocationSaved } from './allocation';

const record: AllocationRecord = {
  allocationId: 'a1',
  savedAt: '2026-07-01T12:00:00.000Z',
  inputs: {
    total: 1000,
    minimum: 0,
    maximum: 1000,
    weights: { enrollment: 1, needIndex: 0, fundsSpent: 0, visitsHeld: 0 },
    districtIds: ['d1'],
    performanceSchoolYear: null,
  },
  districts: [],
};
const saved: AllocationSaved = { type: 'AllocationSaved.v1', data: record };

describe('when the state saves an allocation', () => {
  it('records its inputs and results once', () => {
    expect(
      allocationDecider.decide({ type: 'SaveAllocation', data: record }, allocationDecider.initialState()),
    ).toEqual([saved]);
    expect(fold(allocationDecider, [saved])).toEqual({ saved: record });
  });

  it('refuses to save over an allocation already saved', () => {
    const state = fold(allocationDecider, [saved]);
    expect(() => allocationDecider.decide({ type: 'SaveAllocation', data: record }, state)).toThrow(
      expect.objectContaining({ code: 'allocation_exists', kind: 'conflict' }) as DomainError,
    );
  });
});
