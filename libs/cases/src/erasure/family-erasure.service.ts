import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, type Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import { notFound, type CaseState, type Pseudonymize } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { KEY_STORE, PII_CIPHER, PSEUDONYMIZE, type KeyStore, type PiiCipher } from '@leap/privacy';
import { requireCommandRole, requireVisibleCase } from '../access/case-access';
import { eraseCases, type ErasureOutcome, type ErasureRequest, type ErasureTools } from './erase-cases';
import { eraseHousehold } from './household-erasure';

/**
 * Erasure over HTTP: the district's coordinators and admins erase a case's or a household's
 * personal data. Other roles get 403 before anything is read; a case or household outside the
 * caller's scope is 404 like a missing one. See `eraseCases` for the order of the steps.
 */
@Injectable()
export class FamilyErasure {
  private readonly tools: ErasureTools;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(KEY_STORE) keys: KeyStore,
    @Inject(PII_CIPHER) cipher: PiiCipher,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
  ) {
    this.tools = { store, keys, cipher };
  }

  eraseCase(
    principal: Principal,
    context: CommandContext,
    caseId: string,
    request: ErasureRequest,
  ): Promise<ErasureOutcome> {
    requireCommandRole(principal, 'EraseFamilyData');
    return eraseCases(
      this.tools,
      { caseIds: [caseId], authorize: (id, state) => void requireVisibleCase(principal, id, state) },
      context,
      request,
    );
  }

  /** `householdId` is the district's real household id: it is only pseudonymised, never stored or logged. */
  eraseHousehold(
    principal: Principal,
    context: CommandContext,
    householdId: string,
    request: ErasureRequest & { districtId?: string },
  ): Promise<ErasureOutcome> {
    requireCommandRole(principal, 'EraseFamilyData');
    const districtId = householdDistrict(principal, request.districtId);
    return eraseHousehold(
      this.tools,
      this.pseudonymize,
      { districtId, householdId },
      context,
      request,
      (id, state) => requireHouseholdCase(principal, districtId, id, state),
    );
  }
}

function householdDistrict(principal: Principal, named: string | undefined): string {
  const districtId = principal.districtId ?? named;
  if (districtId === undefined)
    throw new ForbiddenError('district_required', 'State-wide tokens must name a districtId');
  if (named !== undefined && named !== districtId)
    throw notFound('household_not_found', 'There is no such household in this district');
  if (principal.schoolIds !== null)
    throw new ForbiddenError('out_of_scope', 'Erasing a household needs a token for the whole district');
  return districtId;
}

/** A case found by the household's keys: in the district, visible to the caller (a case not yet identified is skipped by the decider). */
function requireHouseholdCase(
  principal: Principal,
  districtId: string,
  caseId: string,
  state: CaseState,
): void {
  if (state.status === 'none') return;
  if (state.districtId !== districtId)
    throw notFound('household_not_found', 'There is no such household in this district');
  requireVisibleCase(principal, caseId, state);
}
