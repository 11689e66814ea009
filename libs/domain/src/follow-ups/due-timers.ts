import { assertNever } from '../decider';
import type { OpenCase } from '../case/state';
import { addDuration, isDayOrLonger } from './duration';
import type { EventRef, FollowUpFacts } from './facts';
import { FOLLOW_UP_RULE_IDS, type FollowUpRuleId, type FollowUpRules } from './rules';
import { checkRuleThreshold } from './rule-threshold';
import { startOfDate } from './zoned-time';

/** A rule's pending timer: when it falls due, the follow-up it raises if the rule still applies then. */
export interface FollowUpTimer {
  ruleId: FollowUpRuleId;
  /** The event that started the clock; with the case and rule it identifies the follow-up. */
  triggerEventId: string;
  /** ISO-8601 instant. */
  dueAt: string;
  reason: string;
  /** The entry the follow-up is about (referral, visit), when there is one. */
  entryId: string | null;
}

interface Trigger {
  ref: EventRef;
  /** The reason, given the threshold and the trigger's business date. */
  reason: (after: string, on: string) => string;
  entryId: string | null;
}

/**
 * Every timer a case has pending under the district's rules: a pure function of the case's recorded
 * history, so it can be recomputed at any time (on each event, when a timer fires, when Redis lost
 * its jobs) with the same answer. A closed case has none, nor has a case whose family's data was
 * erased (the family is no longer worked with), a disabled rule has none, and a rule whose
 * follow-up was already raised for the same trigger has none (it is raised at most once). A rule
 * whose stored threshold is out of bounds (see `checkRuleThreshold`) has none either: it cannot
 * make a due date, and must not stop the other rules or cases from being planned.
 *
 * A clock starts at the start of the trigger's business date in `timeZone` for thresholds of a day
 * or more, and at the instant the trigger was recorded for shorter ones.
 */
export function dueTimers(facts: FollowUpFacts, rules: FollowUpRules, timeZone: string): FollowUpTimer[] {
  const c = facts.state;
  if (c.status !== 'open' || c.erased) return [];
  const timers: FollowUpTimer[] = [];
  for (const ruleId of FOLLOW_UP_RULE_IDS) {
    const setting = rules[ruleId];
    if (!setting.enabled) continue;
    // A threshold out of bounds (stored before they were checked) cannot be planned: the rule waits.
    const threshold = checkRuleThreshold(setting.after);
    if (!threshold.ok) continue;
    for (const trigger of triggersOf(ruleId, facts, c)) {
      if (c.followUps.some((f) => f.rule === ruleId && f.triggerEventId === trigger.ref.eventId)) continue;
      const start = isDayOrLonger(threshold.duration)
        ? startOfDate(trigger.ref.businessDate, timeZone)
        : Date.parse(trigger.ref.recordedAt);
      timers.push({
        ruleId,
        triggerEventId: trigger.ref.eventId,
        dueAt: new Date(addDuration(start, threshold.duration, timeZone)).toISOString(),
        reason: trigger.reason(setting.after, trigger.ref.businessDate),
        entryId: trigger.entryId,
      });
    }
  }
  return timers;
}

const trigger = (
  ref: EventRef | null | undefined,
  reason: Trigger['reason'],
  entryId: string | null = null,
): Trigger[] => (ref ? [{ ref, reason, entryId }] : []);

function triggersOf(ruleId: FollowUpRuleId, facts: FollowUpFacts, c: OpenCase): Trigger[] {
  const held = c.visits.filter((visit) => visit.status === 'held' && !visit.voided);
  switch (ruleId) {
    case 'offer_consent':
      return c.consent === 'none'
        ? trigger(facts.identified, (after, on) => `Identified on ${on}; no consent offer within ${after}`)
        : [];
    case 'consent_answer':
      return c.consent === 'offered'
        ? trigger(facts.lastOffer, (after, on) => `Consent offered on ${on}; no answer within ${after}`)
        : [];
    case 'first_visit':
      return c.consent === 'granted' && held.length === 0
        ? trigger(facts.lastGrant, (after, on) => `Consent granted on ${on}; no visit #1 within ${after}`)
        : [];
    case 'next_visit': {
      const last = held.at(-1);
      return c.consent === 'granted' && last?.familyWantsToContinue === true
        ? trigger(
            facts.heldVisits[last.visitId],
            (after, on) =>
              `Family wants to continue after visit #${last.number} on ${on}; no next visit within ${after}`,
            last.visitId,
          )
        : [];
    }
    case 'referral_outcome':
      return c.referrals
        .filter((referral) => !referral.voided && referral.outcome === null)
        .flatMap((referral) =>
          trigger(
            facts.referrals[referral.referralId],
            (after, on) => `Referral (${referral.resourceType}) made on ${on}; no outcome within ${after}`,
            referral.referralId,
          ),
        );
    case 'attendance_escalation': {
      const first = held.find((visit) => visit.number === 1);
      return first && (c.tier === 'chronic' || c.tier === 'severe_chronic')
        ? trigger(
            facts.heldVisits[first.visitId],
            (after, on) =>
              `Still ${c.tier.replace('_', ' ')} ${after} after visit #1 on ${on}: escalate to the attendance team`,
            first.visitId,
          )
        : [];
    }
    case 'no_contact':
      return trigger(
        latestContact(facts),
        (after, on) => `No contact with the family for ${after} since ${on}`,
      );
    // Raised by the attendance sweep and the candidate reactor, never by a case timer.
    case 'attendance_data_missing':
    case 'new_candidate':
      return [];
    default:
      return assertNever(ruleId);
  }
}

/**
 * The no-contact clock restarts at every contact, and at identification or reopening: the latest of
 * them by business date, then by recording time (a contact logged late on the same day still counts).
 */
function latestContact(facts: FollowUpFacts): EventRef | null {
  const candidates = [facts.identified, facts.reopened, ...facts.contacts.map((contact) => contact.ref)];
  let latest: EventRef | null = null;
  for (const ref of candidates) {
    if (!ref) continue;
    if (latest === null || isLaterOrSame(ref, latest)) latest = ref;
  }
  return latest;
}

// ISO dates and instants order like the times they name.
const isLaterOrSame = (a: EventRef, b: EventRef): boolean =>
  a.businessDate !== b.businessDate ? a.businessDate > b.businessDate : a.recordedAt >= b.recordedAt;
