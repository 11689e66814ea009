import { parseDuration, type Duration } from './duration';

export const SHORTEST_RULE_THRESHOLD = 'PT1S';
export const LONGEST_RULE_THRESHOLD = 'P2Y';

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;
/** P2Y counted the way `nominalMs` counts. */
const LONGEST_MS = 2 * 365 * DAY_MS;

export type RuleThresholdCheck = { ok: true; duration: Duration } | { ok: false; reason: string };

/**
 * Whether a text can be a follow-up rule's threshold: an ISO-8601 duration from PT1S (demos) to P2Y.
 * Anything longer is a typo that would also overflow a date (P300000Y lands past the year 275760);
 * anything shorter would fire before the event that started it was planned.
 *
 * Takes any value: stored rules and request bodies are checked alike.
 *
 * Calendar parts are counted nominally (a year 365 days, a month 30, a week 7, a day 24 hours), so
 * the bounds do not depend on a start date or zone: P2Y, P24M and P730D pass, P25M and P731D do not.
 */
export function checkRuleThreshold(text: unknown): RuleThresholdCheck {
  const duration = typeof text === 'string' ? parseDuration(text) : null;
  if (duration === null) return { ok: false, reason: 'must be an ISO-8601 duration such as P7D or PT2S' };
  const length = nominalMs(duration);
  if (length < SECOND_MS) return { ok: false, reason: `must be at least ${SHORTEST_RULE_THRESHOLD}` };
  if (length > LONGEST_MS) return { ok: false, reason: `must be at most ${LONGEST_RULE_THRESHOLD}` };
  return { ok: true, duration };
}

const nominalMs = (d: Duration): number =>
  ((d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 * 60 + d.hours * 60 + d.minutes) * 60_000 +
  d.seconds * SECOND_MS;
