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

/**
 * A contact is a held visit or a follow-up call with any outcome (a voicemail is still an attempt).
 * A plain loop: it runs after every event, on logs as long as the case.
 */
function lastContactOf(c: OpenCase): string | null {
  let latest: string | null = null;
  for (const visit of c.visits)
    if (visit.status === 'held' && !visit.voided && (latest === null || visit.date > latest))
      latest = visit.date;
  for (const call of c.followUpCalls)
    if (!call.voided && (latest === null || call.calledOn > latest)) latest = call.calledOn;
  return latest;
}
