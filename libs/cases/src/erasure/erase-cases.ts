import {
  forgetStreamStates,
  handleCommand,
  readHistory,
  toDomainEvent,
  type CommandContext,
} from '@leap/commands';
import {
  caseDecider,
  fold,
  studentStreamOf,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type EraseFamilyData,
  type ErasureReason,
} from '@leap/domain';
import type { EventStore, Position } from '@leap/event-store';
import type { KeyStore, PiiCipher } from '@leap/privacy';
import { caseScope, caseStreamId } from '../case-streams';

/** What an erasure works with: the event store, the key store and the cipher's key cache. */
export interface ErasureTools {
  store: EventStore;
  keys: KeyStore;
  cipher: PiiCipher;
}

export interface ErasureRequest {
  reasonCode: ErasureReason;
  /** The business date of the erasure. */
  erasedOn: string;
}

export interface ErasureOutcome {
  /** Every case the erasure covers, erased now or before. */
  caseIds: string[];
  /** Data keys destroyed by this call (0 when an earlier call destroyed them). */
  keysDestroyed: number;
  /** Global position of the last `FamilyDataErased` written (or of the cases' last events when none was). */
  position: Position | null;
}

/** Throws (404, 403) when the caller may not erase this case; runs before anything is destroyed. */
export type AuthorizeErasure = (caseId: string, state: CaseState) => void;

export interface CasesToErase {
  caseIds: readonly string[];
  /** Throws (404, 403) when the caller may not erase a case; runs before anything is destroyed. */
  authorize: AuthorizeErasure;
  /** Other keys of the same families (a household's rostered students): destroyed, with no case stream to record it on. */
  extraKeyIds?: readonly string[];
  /** Runs once every case is authorized, just before the keys are destroyed (e.g. to record what is being erased). */
  beforeDestroy?: () => Promise<void>;
}

/** A case's data key: one per case stream, named after it (see `KeyStore`). */
export const caseKeyId = (caseId: string): string => caseStreamId(caseId);

/** The data key of a student's roster stream, named after it like every stream's key. */
export const studentRosterKeyId = (student: string): string => studentStreamOf(student);

/**
 * Erases the families' data on these cases, in an order that makes every step safe to repeat:
 *
 * 1. Every case is read and authorized first: a refusal destroys nothing.
 * 2. The data keys are destroyed (`KeyStore.destroy`, final) and forgotten by the cipher's cache.
 *    From here on no sealed `pii` of these streams can be opened by anyone, whatever happens next,
 *    so the data is unreadable before the answer leaves, and before any read model has caught up.
 * 3. `FamilyDataErased.v1` is appended to each case, which makes read models drop and purge what
 *    they hold. Erasing an erased case appends nothing, and destroying a destroyed key is a no-op,
 *    so if the process dies between 2 and 3, running the same erasure again completes it.
 * 4. The streams' folded states are dropped from this process's command cache (`forgetStreamStates`).
 */
export async function eraseCases(
  tools: ErasureTools,
  { caseIds, authorize, extraKeyIds = [], beforeDestroy }: CasesToErase,
  context: CommandContext,
  request: ErasureRequest,
): Promise<ErasureOutcome> {
  // A key without a case (its identification never got appended) has nothing to record erasure on.
  const existing: string[] = [];
  // The student's roster (`student-<pseudonym>`, sealed with a key of its own) holds the state id and
  // the guardian's contacts: erasing the family's case erases them too.
  const rosterKeyIds: string[] = [];
  for (const caseId of caseIds) {
    const history = await readHistory(tools.store, caseStreamId(caseId));
    const state = fold(caseDecider, history.map(toDomainEvent<CaseEvent>));
    authorize(caseId, state);
    if (state.status !== 'none') {
      existing.push(caseId);
      rosterKeyIds.push(studentRosterKeyId(state.student));
    }
  }
  await beforeDestroy?.();
  const keyIds = [...new Set([...caseIds.map(caseKeyId), ...rosterKeyIds, ...extraKeyIds])];
  const keysDestroyed = keyIds.length > 0 ? await tools.keys.destroy(keyIds) : 0;
  tools.cipher.forget(keyIds);

  let position: Position | null = null;
  for (const caseId of existing) {
    const command: EraseFamilyData = {
      type: 'EraseFamilyData',
      data: { ...request },
      actorId: context.actor.id,
    };
    const outcome = await handleCommand<CaseCommand, CaseEvent, CaseState>({
      store: tools.store,
      streamId: caseStreamId(caseId),
      decider: caseDecider,
      context,
      command,
      scopeOf: caseScope,
      authorize: (state) => authorize(caseId, state),
    });
    if (
      outcome.position !== null &&
      (position === null || tools.store.comparePositions(outcome.position, position) > 0)
    )
      position = outcome.position;
  }
  // Data keys are named after their streams: this process keeps no fold of an erased family's streams.
  forgetStreamStates(tools.store, keyIds);
  return { caseIds: existing, keysDestroyed, position };
}
