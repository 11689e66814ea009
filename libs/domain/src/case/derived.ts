import type { OpenCase } from './state';

/**
 * Figures derived from the entry logs. They are recomputed from the logs after every event rather
 * than patched incrementally, so a void (which can remove the latest check or the latest contact)
 * can never leave them stale. Voided entries never count.
 */
export function withDerivedFigures(c: OpenCase): OpenCase {
  const latestAttendance = latestAttendanceOf(c);
  return {
    ...c,
    latestAttendance,
    tier: latestAttendance?.tier ?? c.baseline.tier,
    lastContactOn: lastContactOf(c),
  };
}

/** The latest non-voided check by `asOf`; of checks with the same `asOf`, the one recorded last. */
function latestAttendanceOf(c: OpenCase): OpenCase['latestAttendance'] {
  let latest: OpenCase['latestAttendance'] = null;
  for (const check of c.attendanceChecks) {
    if (check.voided) continue;
    if (latest === null || check.asOf >= latest.asOf) {
      const { checkId, asOf, daysEnrolled, daysAbsent, tier } = check;
      latest = { checkId, asOf, daysEnrolled, daysAbsent, tier };
    }
  }
  return latest;
}

/** A contact is a held visit or a follow-up call with any outcome (a voicemail is still an attempt). */
function lastContactOf(c: OpenCase): string | null {
  const dates = [
    ...c.visits.filter((visit) => visit.status === 'held' && !visit.voided).map((visit) => visit.date),
    ...c.followUpCalls.filter((call) => !call.voided).map((call) => call.calledOn),
  ];
  return dates.reduce<string | null>(
    (latest, date) => (latest === null || date > latest ? date : latest),
    null,
  );
}
