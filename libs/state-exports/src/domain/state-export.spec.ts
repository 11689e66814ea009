import { DomainError, fold } from '@leap/domain';
import { stateExportDecider, type StateExportProducedData } from './state-export';

const produced: StateExportProducedData = {
  exportId: 'e1',
  export: 'fidelity.csv',
  producedAt: '2027-01-05T10:00:00.000Z',
  actorId: 'analyst-1',
  actorRole: 'state_analyst',
  filters: { schoolYear: '2026-27', districtId: null },
  scope: null,
  rule: { minNumerator: 6, minDenominator: 20 },
  rowCount: 120,
  suppressedRows: 40,
};

describe('recording a state export', () => {
  it('records what was handed out as StateExportProduced.v1', () => {
    const state = stateExportDecider.initialState();
    expect(stateExportDecider.decide({ type: 'RecordStateExport', data: produced }, state)).toEqual([
      { type: 'StateExportProduced.v1', data: produced },
    ]);
  });

  it('refuses to record the same export twice', () => {
    const state = fold(stateExportDecider, [{ type: 'StateExportProduced.v1' as const, data: produced }]);
    expect(() => stateExportDecider.decide({ type: 'RecordStateExport', data: produced }, state)).toThrow(
      DomainError,
    );
  });
});
