import { conflict } from '../decider';
import type { FieldClasses } from '../privacy/field-classes';
import type { EraseFamilyData } from './commands';
import type { CaseEvent, FamilyDataErased } from './events';
import { CASE_EVENT_FIELDS } from './privacy';
import type { OpenCase } from './state';

/** What every `pii` object of an erased family reads as. */
export const ERASED_PII = Object.freeze({ erased: true as const });

/**
 * Erasure (crypto-shredding): the family's data key is destroyed first, then `FamilyDataErased` is
 * appended. It may be sent to an open or a closed case; erasing an erased case appends nothing, so a
 * re-run of an interrupted erasure completes it and a repeated request answers like the first.
 */
export function eraseFamilyData(command: EraseFamilyData, c: OpenCase): FamilyDataErased[] {
  if (c.erased) return [];
  const { erasedOn, reasonCode } = command.data;
  if (erasedOn < c.identifiedOn) {
    throw conflict(
      'date_before_identification',
      `${erasedOn} is before the student was identified on ${c.identifiedOn}`,
    );
  }
  return [{ type: 'FamilyDataErased.v1', data: { erasedOn, reasonCode } }];
}

/**
 * The state once the family's data is erased: every `pii` object (names, ids, notes and every
 * free-text field) reads `{ erased: true }`, so read models folded with `evolve` drop what they held of the family
 * when they apply the event. Codes, dates, figures and system-made ids stay: metrics keep counting.
 */
export function withFamilyDataErased(c: OpenCase): OpenCase {
  return {
    ...c,
    erased: true,
    // Every `pii` object reads as erased, whatever its shape: readers already treat `pii` as
    // possibly sealed or erased (see `ErasedMark`), never as certainly holding its fields.
    pii: erasedAs<OpenCase['pii']>(),
    visits: c.visits.map((visit) => ({ ...visit, pii: erasedAs<typeof visit.pii>() })),
    followUpCalls: c.followUpCalls.map((call) => ({ ...call, pii: erasedAs<typeof call.pii>() })),
    referrals: c.referrals.map((referral) => ({ ...referral, pii: erasedAs<typeof referral.pii>() })),
    followUps: c.followUps.map((followUp) => ({ ...followUp, pii: erasedAs<typeof followUp.pii>() })),
  };
}

const erasedAs = <Pii>(): Pii => ERASED_PII as unknown as Pii;

/**
 * An erased case takes no new personal data: a command whose events would carry something in a
 * field declared personal or free text (`CASE_EVENT_FIELDS`) is refused with 409
 * `family_data_erased`. Commands that record only codes, dates and figures (a closure, an
 * attendance check, a follow-up raised by the system) are still accepted.
 */
export function refuseNewPersonalData(events: CaseEvent[]): void {
  for (const event of events) {
    const classes = CASE_EVENT_FIELDS[event.type] as FieldClasses;
    for (const [field, value] of Object.entries(event.data)) {
      const fieldClass = Object.hasOwn(classes, field) ? classes[field] : undefined;
      if ((fieldClass === 'personal' || fieldClass === 'free_text') && holdsSomething(value)) {
        throw conflict(
          'family_data_erased',
          'The family’s personal data on this case was erased; no personal data or free text can be added',
        );
      }
    }
  }
}

function holdsSomething(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
