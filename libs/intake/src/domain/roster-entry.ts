import type { Decider, StudentRostered } from '@leap/domain';

/**
 * A student's roster stream as an import sees it: the latest entry (latest wins). An entry carries
 * `piiDigest`, a keyed digest of its `pii`, so an unchanged row is recognised without opening the
 * sealed personal data; an entry written without one (by another writer) never compares equal.
 */
export type RosteredData = StudentRostered['data'] & { piiDigest?: string };
export type RosterStudent = { type: 'RosterStudent'; data: RosteredData };
type RosterEvent = { type: 'StudentRostered.v1'; data: RosteredData };

function decide(command: RosterStudent, latest: RosteredData | null): RosterEvent[] {
  return latest && sameEntry(latest, command.data)
    ? []
    : [{ type: 'StudentRostered.v1', data: command.data }];
}

export function sameEntry(a: RosteredData, b: RosteredData): boolean {
  return (
    a.piiDigest !== undefined &&
    a.piiDigest === b.piiDigest &&
    a.districtId === b.districtId &&
    a.schoolId === b.schoolId &&
    a.grade === b.grade &&
    a.homeLanguage === b.homeLanguage &&
    a.flags.englishLearner === b.flags.englishLearner &&
    a.flags.freeReducedLunch === b.flags.freeReducedLunch &&
    a.flags.housingInsecure === b.flags.housingInsecure &&
    a.flags.iep === b.flags.iep
  );
}

export const rosterEntryDecider: Decider<RosterStudent, RosterEvent, RosteredData | null> = {
  decide,
  evolve: (_latest, event) => event.data,
  initialState: () => null,
};
