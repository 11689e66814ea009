import { deterministicUuid, buildMetadata, readHistory, type CommandContext } from '@leap/commands';
import { notFound, type Pseudonymize } from '@leap/domain';
import {
  eraseCases,
  type AuthorizeErasure,
  type ErasureOutcome,
  type ErasureRequest,
  type ErasureTools,
} from './erase-cases';

const CASE_KEY = 'case-';

/**
 * A household's erasures, stream `householderasure-<districtId>-<household pseudonym>` (never the
 * real household id). Each `HouseholdErasureStarted.v1` lists the cases whose keys are about to be
 * destroyed: once destroyed, the key store no longer finds them by household, so this record is how
 * a re-run of an interrupted erasure finds the cases it must still record `FamilyDataErased` on.
 */
export const householdErasureStreamId = (districtId: string, householdPseudonym: string): string =>
  `householderasure-${districtId}-${householdPseudonym}`;

export const HOUSEHOLD_ERASURE_STARTED = 'HouseholdErasureStarted.v1';

/**
 * Erases every case and rostered student of a household of a district: the household's live keys
 * (`keysOf({ household: pseudonym, districtId })`) plus the cases an earlier, interrupted erasure of
 * the household recorded. The real household id is only ever turned into its pseudonym here.
 * @throws 404 `household_not_found` when the district has no such household (nothing to erase).
 */
export async function eraseHousehold(
  tools: ErasureTools,
  pseudonymize: Pseudonymize,
  target: { districtId: string; householdId: string },
  context: CommandContext,
  request: ErasureRequest,
  authorize: AuthorizeErasure,
): Promise<ErasureOutcome> {
  const household = pseudonymize('household', target.householdId);
  const ledger = householdErasureStreamId(target.districtId, household);
  const recorded = (await readHistory(tools.store, ledger)).flatMap((event) =>
    Array.isArray(event.data.caseIds) ? (event.data.caseIds as string[]) : [],
  );
  const live = await tools.keys.keysOf({ districtId: target.districtId, household });
  if (live.length === 0 && recorded.length === 0)
    throw notFound('household_not_found', 'There is no such household in this district');
  const liveCases = live
    .filter((keyId) => keyId.startsWith(CASE_KEY))
    .map((keyId) => keyId.slice(CASE_KEY.length));
  const caseIds = [...new Set([...recorded, ...liveCases])].sort();
  const unrecorded = liveCases.filter((caseId) => !recorded.includes(caseId));
  return eraseCases(
    tools,
    {
      caseIds,
      authorize,
      extraKeyIds: live.filter((keyId) => !keyId.startsWith(CASE_KEY)),
      beforeDestroy: async () => {
        if (unrecorded.length === 0) return;
        await tools.store.appendToStream(
          ledger,
          [
            {
              id: deterministicUuid(context.commandId, ledger, String(recorded.length)),
              type: HOUSEHOLD_ERASURE_STARTED,
              data: { caseIds: unrecorded, reasonCode: request.reasonCode, erasedOn: request.erasedOn },
              metadata: buildMetadata(
                context,
                { districtId: target.districtId, schoolId: null },
                'EraseHousehold',
              ),
            },
          ],
          'any',
        );
      },
    },
    context,
    request,
  );
}
