import type { FidelityMetrics } from './metrics';

/** What a metric means: written once, returned with every answer and rendered into the README. */
export interface MetricDefinition {
  label: string;
  numerator: string;
  denominator: string;
  value: string;
  events: string[];
  clock: string;
}

const BUSINESS =
  'Business dates (when it happened): the window (`from`–`to`) picks what is counted, each in the window of its own date; what followed counts up to `onDate` (none: to date), inside the window or after it; `knownAt` also drops events recorded after it.';
const SHARE = 'numerator / denominator (null when the denominator is 0)';
const MEDIAN = 'median of the days; `numerator` is their sum, `denominator` how many were measured';
const COUNT = 'the count (denominator null)';
const IDENTIFIED = 'StudentIdentified.v2';
const OFFERED = 'ConsentOffered.v1';
const DECISIONS = ['ConsentGranted.v1', 'ConsentDeclined.v2', 'ConsentWithdrawn.v2'];
const VISITS = ['VisitHeld.v2', 'EntryVoided.v2'];
const CONSENTED = 'families whose first consent grant is dated in the window';
const PER_VISIT = 'held, non-voided visits dated in the window, a household visit to siblings counted once';
const VISITORS = ['VisitorRegistered.v1', 'VisitorTrainingCompleted.v1'];

const share = (
  label: string,
  numerator: string,
  denominator: string,
  events: string[],
): MetricDefinition => ({
  label,
  numerator,
  denominator,
  value: SHARE,
  events,
  clock: BUSINESS,
});

export const METRIC_DEFINITIONS: Record<keyof FidelityMetrics, MetricDefinition> = {
  studentsIdentified: {
    label: 'Students identified',
    numerator: 'cases whose identification is dated in the window (school: where identified)',
    denominator: 'none',
    value: COUNT,
    events: [IDENTIFIED],
    clock: BUSINESS,
  },
  offeredShare: share(
    'Share offered visits',
    'of those, students offered visits by the cut (inside the window or after it)',
    'students identified in the window',
    [IDENTIFIED, OFFERED],
  ),
  daysIdentificationToOffer: {
    label: 'Days from identification to offer',
    numerator:
      'days from identification to the first offer, students identified in the window and offered by the cut (inside the window or after it)',
    denominator: 'those students',
    value: MEDIAN,
    events: [IDENTIFIED, OFFERED],
    clock: BUSINESS,
  },
  consentGrantedRate: share(
    'Consent granted',
    'of those, families that granted consent by the cut (inside the window or after it)',
    'families first offered visits in the window',
    [OFFERED, ...DECISIONS],
  ),
  consentDeclinedRate: share(
    'Consent declined',
    'of those, families that declined by the cut (inside the window or after it)',
    'families first offered visits in the window',
    [OFFERED, ...DECISIONS],
  ),
  consentWithdrawnRate: share(
    'Consent withdrawn',
    'of those, families that withdrew consent by the cut (inside the window or after it)',
    CONSENTED,
    DECISIONS,
  ),
  daysConsentToFirstVisit: {
    label: 'Days from consent to visit #1',
    numerator:
      'days from the first grant to the earliest held, non-voided visit by the cut (inside the window or after it)',
    denominator: `${CONSENTED} that had a visit by the cut (inside the window or after it)`,
    value: MEDIAN,
    events: ['ConsentGranted.v1', ...VISITS],
    clock: BUSINESS,
  },
  visitsPerConsentedFamily: {
    label: 'Visits per consented family',
    numerator:
      "held, non-voided visits of those families by the cut (inside the window or after it) (each sibling's case counts its own)",
    denominator: CONSENTED,
    value: 'numerator / denominator, two decimals',
    events: ['ConsentGranted.v1', ...VISITS],
    clock: BUSINESS,
  },
  twoOrMoreVisitsShare: share(
    'Share with two or more visits',
    'of those, families with ≥ 2 held, non-voided visits by the cut (inside the window or after it)',
    CONSENTED,
    ['ConsentGranted.v1', ...VISITS],
  ),
  attendanceCheckCoverage: share(
    'Attendance-check coverage',
    'of those, families with a non-voided attendance check dated on or after visit #1',
    `${CONSENTED} that had a visit by the cut (inside the window or after it)`,
    ['ConsentGranted.v1', ...VISITS, 'AttendanceChecked.v1'],
  ),
  referralsPerFamily: {
    label: 'Referrals per family',
    numerator: 'non-voided referrals of those families by the cut (inside the window or after it)',
    denominator: CONSENTED,
    value: 'numerator / denominator, two decimals',
    events: ['ConsentGranted.v1', 'ResourceReferred.v2', 'EntryVoided.v2'],
    clock: BUSINESS,
  },
  visitsHeld: {
    label: 'Visits held',
    numerator: PER_VISIT,
    denominator: 'none',
    value: COUNT,
    events: VISITS,
    clock: BUSINESS,
  },
  inPersonShare: share(
    'Share of visits in person',
    'of those, visits at home, at school or at a community site',
    PER_VISIT,
    VISITS,
  ),
  remoteShare: share(
    'Share of visits virtual or by phone',
    'of those, visits held virtually or by phone',
    PER_VISIT,
    VISITS,
  ),
  pairShare: share(
    'Share of visits by a pair',
    'of those, visits attended by at least two visitors',
    PER_VISIT,
    VISITS,
  ),
  trainedVisitorsShare: share(
    'Share by trained visitors',
    'of those, visits whose every visitor had completed LEAP 101 on or before the visit date',
    PER_VISIT,
    [...VISITS, ...VISITORS],
  ),
  schoolStaffShare: share(
    'Share by school staff',
    'of those, visits with at least one visitor from a school organisation',
    PER_VISIT,
    [...VISITS, 'VisitorRegistered.v1'],
  ),
  communityPartnerShare: share(
    'Share by community partners',
    'of those, visits with at least one visitor from a community organisation',
    PER_VISIT,
    [...VISITS, 'VisitorRegistered.v1'],
  ),
  followUpCallsMade: {
    label: 'Follow-up calls made',
    numerator: 'non-voided follow-up calls dated in the window',
    denominator: 'none',
    value: COUNT,
    events: ['FollowUpCallMade.v1', 'EntryVoided.v2'],
    clock: BUSINESS,
  },
  callBetweenVisitsShare: share(
    'Follow-up calls between visits',
    'of those, intervals with a non-voided follow-up call dated strictly between the two visits',
    "intervals between a family's consecutive held, non-voided visits, the later dated in the window",
    [...VISITS, 'FollowUpCallMade.v1'],
  ),
  referralsMade: {
    label: 'Referrals made',
    numerator: 'non-voided referrals dated in the window',
    denominator: 'none',
    value: COUNT,
    events: ['ResourceReferred.v2', 'EntryVoided.v2'],
    clock: BUSINESS,
  },
  referralOutcomeShare: share(
    'Referrals with an outcome',
    'of those, referrals with an outcome recorded by the cut (inside the window or after it)',
    'non-voided referrals dated in the window',
    ['ResourceReferred.v2', 'ReferralOutcomeRecorded.v1', 'EntryVoided.v2'],
  ),
  referralConnectionRate: share(
    'Referral connection rate',
    'of those, referrals whose latest outcome by the cut (inside the window or after it) is `connected`',
    'non-voided referrals dated in the window',
    ['ResourceReferred.v2', 'ReferralOutcomeRecorded.v1', 'EntryVoided.v2'],
  ),
  connectionRateByResourceType: share(
    'Connection rate by resource type',
    'per resource type: referrals whose latest outcome is `connected`',
    'per resource type: non-voided referrals dated in the window',
    ['ResourceReferred.v2', 'ReferralOutcomeRecorded.v1'],
  ),
  connectionRateByPartner: share(
    'Connection rate by partner',
    'per partner id (`none` when no partner was named): referrals whose latest outcome is `connected`',
    'per partner: non-voided referrals dated in the window',
    ['ResourceReferred.v2', 'ReferralOutcomeRecorded.v1'],
  ),
  followUpsOverdue: share(
    'Follow-ups overdue',
    'of those, follow-ups not completed by the cut (inside the window or after it)',
    "follow-ups falling due in the window (due date in the district's time zone)",
    ['FollowUpDue.v1', 'FollowUpCompleted.v2'],
  ),
  daysDueToFollowUpCompleted: {
    label: 'Days from due to completed (follow-ups)',
    numerator: 'days from the due date to the completion date',
    denominator:
      'follow-ups falling due in the window and completed by the cut (inside the window or after it)',
    value: MEDIAN,
    events: ['FollowUpDue.v1', 'FollowUpCompleted.v2'],
    clock:
      "Due date: the `dueAt` instant in the district's time zone; completion: business date. `knownAt` drops events recorded after it.",
  },
  homeVisitLog: {
    label: 'Home-visit log',
    numerator: 'per barrier code and per strength code: visits that coded it (a household visit once)',
    denominator: PER_VISIT,
    value: '`visits`, and counts per code in `barriers` and `strengths` (codes only, never free text)',
    events: VISITS,
    clock: BUSINESS,
  },
};
