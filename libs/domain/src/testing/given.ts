import { DomainError, fold, type Decider } from '../decider';

/**
 * Given/when/then for deciders (Emmett's DeciderSpecification, in miniature):
 *
 *   given(caseDecider, [identified]).when(offerConsent).then([consentOffered]);
 *   given(caseDecider, []).when(offerConsent).thenThrows('case_not_found');
 *
 * `given` folds the history, `when` runs `decide` on the resulting state, and `then` compares the
 * decided events exactly (an empty list means "accepted, nothing to record").
 */
export function given<Command, Event, State>(decider: Decider<Command, Event, State>, history: Event[]) {
  return {
    when(command: Command) {
      const decide = () => decider.decide(command, fold(decider, history));
      return {
        then(expected: Event[]): void {
          expect(decide()).toEqual(expected);
        },
        /** The command is rejected with a DomainError carrying `code` (and `kind`, when given). */
        thenThrows(code: string, kind?: DomainError['kind']): void {
          let thrown: unknown = undefined;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
          if (kind !== undefined) expect((thrown as DomainError).kind).toBe(kind);
        },
      };
    },
  };
}
