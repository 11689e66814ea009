import { closedCasesDue, eraseCases, scanClosures, type ErasureTools } from '@leap/cases';
import { deterministicUuid, type CommandContext } from '@leap/commands';
import { isPastRetention, notFound, type RegisteredDistrict } from '@leap/domain';
import { localDate } from '@leap/http';
import { SYSTEM_ACTOR } from '../follow-up-streams';

export interface DistrictSweep {
  districtId: string;
  /** The day whose retention was applied, in the district's time zone. */
  today: string;
  /** Cases erased by this sweep (system-made ids, no personal data). */
  caseIds: string[];
}

/** The districts whose settings name a retention period: only they are swept. */
export const districtsWithRetention = (districts: RegisteredDistrict[]) =>
  districts.filter(
    (d): d is RegisteredDistrict & { settings: { retention: string } } => d.settings.retention !== null,
  );

/**
 * Erases, as the `system` actor with reason `retention_period`, every closed case of the districts
 * whose closure plus the district's retention period is on or before today (in the district's time
 * zone). One scan of the case streams (codes and dates only, no key opened) serves every district.
 * Safe to repeat: erased cases are no longer found, and the command ids derive from the district and
 * the day, so a retried job appends the same events at most once.
 */
export async function sweepRetention(
  tools: ErasureTools,
  districts: RegisteredDistrict[],
  now: Date,
): Promise<DistrictSweep[]> {
  const swept = districtsWithRetention(districts);
  if (swept.length === 0) return [];
  const closures = await scanClosures(tools.store);
  const results: DistrictSweep[] = [];
  for (const district of swept) {
    const today = localDate(now, district.timeZone);
    const { districtId } = district;
    const due = closedCasesDue(closures, districtId, (closedOn) =>
      isPastRetention(closedOn, district.settings.retention, today),
    );
    if (due.length > 0) {
      await eraseCases(
        tools,
        {
          caseIds: due,
          authorize: (caseId, state) => {
            if (state.status !== 'none' && state.districtId !== districtId)
              throw notFound('case_not_found', `Case ${caseId} is not in district ${districtId}`);
          },
        },
        retentionContext(districtId, today, now),
        { reasonCode: 'retention_period', erasedOn: today },
      );
    }
    results.push({ districtId, today, caseIds: due });
  }
  return results;
}

function retentionContext(districtId: string, today: string, now: Date): CommandContext {
  const commandId = deterministicUuid('retention', districtId, today);
  return {
    actor: { ...SYSTEM_ACTOR },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    receivedAt: now,
  };
}
