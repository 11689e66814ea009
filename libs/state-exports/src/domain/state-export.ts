import { assertNever, conflict, type Decider } from '@leap/domain';

/** The exports a reader can take; each is a fixed table (school-month or coarser), never a free cut. */
export const STATE_EXPORTS = ['fidelity.csv', 'fidelity.json', 'home-visit-log.csv'] as const;
export type StateExportName = (typeof STATE_EXPORTS)[number];

export const STATE_EXPORT_PRODUCED = 'StateExportProduced.v1';

/**
 * One export handed out, as audited: who (login and role), what (which export, for which school
 * year and district), when, under which suppression rule, and how many rows and suppressed values
 * it held. It names no family and no student: the rows are aggregates.
 */
export interface StateExportProducedData {
  exportId: string;
  export: StateExportName;
  /** Instant the export was produced (recorded time). */
  producedAt: string;
  actorId: string;
  actorRole: string;
  /** The request's filters as given (absent ones null). */
  filters: { schoolYear: string; districtId: string | null };
  /** Whose rows it held: null for the whole state, else the district (and schools) of the reader. */
  scope: { districtId: string; schoolIds: string[] | null } | null;
  rule: { minNumerator: number; minDenominator: number };
  rowCount: number;
  /** Rows with at least one value published as suppressed. */
  suppressedRows: number;
}

export type StateExportProduced = { type: typeof STATE_EXPORT_PRODUCED; data: StateExportProducedData };
export type StateExportEvent = StateExportProduced;

export type RecordStateExport = { type: 'RecordStateExport'; data: StateExportProducedData };
export type StateExportCommand = RecordStateExport;

export type StateExportState = { status: 'none' } | { status: 'recorded'; exportId: string };

/** `export-<exportId>`: one short stream per export handed out. */
export const stateExportStreamId = (exportId: string) => `export-${exportId}`;

/** An export is recorded once: its stream holds exactly one event. */
export const stateExportDecider: Decider<StateExportCommand, StateExportEvent, StateExportState> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    switch (command.type) {
      case 'RecordStateExport':
        if (state.status === 'recorded') {
          throw conflict('export_already_recorded', `Export ${state.exportId} is already recorded`);
        }
        return [{ type: STATE_EXPORT_PRODUCED, data: command.data }];
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case STATE_EXPORT_PRODUCED:
        return { status: 'recorded', exportId: event.data.exportId };
      default:
        return assertNever(event.type);
    }
  },
};
