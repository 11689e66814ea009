import { BARRIERS, STRENGTH_CODES } from '@leap/domain';
import type { LeafCounts } from '../suppression/suppress-counts';
import type { ExportFigure } from './export-table';

/** A fidelity metric as the one fold gives it: its numerator, and its denominator (null: a count). */
interface FoldMetric {
  numerator: number;
  denominator: number | null;
}

/**
 * The fidelity exports' figures: each metric's numerator and denominator under the name of the
 * count it is, so a count shared by several metrics (visits held is the denominator of every
 * per-visit share and of every home-visit-log code) is one count, suppressed once, the same
 * wherever it appears. Left out on purpose:
 *  - `remoteShare`: its numerator is visits held minus in-person visits; publishing both would
 *    let a reader subtract one from the other around any suppression;
 *  - medians (days to offer, to visit #1, to complete a follow-up): a median of a total is not a
 *    sum of its parts, so it cannot be suppressed by the rule for counts;
 *  - breakdowns by resource type and partner (partners are few per district; the partner name is
 *    free text): they stay in `GET /v1/fidelity` inside the district.
 */
export const FIDELITY_FIGURES = [
  { figure: 'studentsIdentified', numerator: 'identified', denominator: null },
  { figure: 'offeredShare', numerator: 'identifiedOffered', denominator: 'identified' },
  { figure: 'consentGrantedRate', numerator: 'offeredGranted', denominator: 'offered' },
  { figure: 'consentDeclinedRate', numerator: 'offeredDeclined', denominator: 'offered' },
  { figure: 'consentWithdrawnRate', numerator: 'consentedWithdrawn', denominator: 'consented' },
  { figure: 'visitsPerConsentedFamily', numerator: 'consentedVisits', denominator: 'consented' },
  { figure: 'twoOrMoreVisitsShare', numerator: 'consentedTwoOrMore', denominator: 'consented' },
  { figure: 'attendanceCheckCoverage', numerator: 'servedChecked', denominator: 'served' },
  { figure: 'referralsPerFamily', numerator: 'consentedReferrals', denominator: 'consented' },
  { figure: 'visitsHeld', numerator: 'visits', denominator: null },
  { figure: 'inPersonShare', numerator: 'visitsInPerson', denominator: 'visits' },
  { figure: 'pairShare', numerator: 'visitsByPair', denominator: 'visits' },
  { figure: 'trainedVisitorsShare', numerator: 'visitsByTrained', denominator: 'visits' },
  { figure: 'schoolStaffShare', numerator: 'visitsBySchoolStaff', denominator: 'visits' },
  { figure: 'communityPartnerShare', numerator: 'visitsByCommunityPartner', denominator: 'visits' },
  { figure: 'followUpCallsMade', numerator: 'calls', denominator: null },
  { figure: 'callBetweenVisitsShare', numerator: 'visitGapsWithCall', denominator: 'visitGaps' },
  { figure: 'referralsMade', numerator: 'referrals', denominator: null },
  { figure: 'referralOutcomeShare', numerator: 'referralsWithOutcome', denominator: 'referrals' },
  { figure: 'referralConnectionRate', numerator: 'referralsConnected', denominator: 'referrals' },
  { figure: 'followUpsOverdue', numerator: 'followUpsOverdue', denominator: 'followUpsDue' },
] as const satisfies readonly ExportFigure[];

export type FidelityFigureName = (typeof FIDELITY_FIGURES)[number]['figure'];

/** Home-visit log figures: visits coding each barrier and each strength, over visits held. */
export const HOME_VISIT_LOG_FIGURES: readonly ExportFigure[] = [
  ...BARRIERS.map((code) => ({
    figure: `barrier:${code}`,
    numerator: `barrier:${code}`,
    denominator: 'visits',
  })),
  ...STRENGTH_CODES.map((code) => ({
    figure: `strength:${code}`,
    numerator: `strength:${code}`,
    denominator: 'visits',
  })),
];

/** Every figure of every state export: suppressed together, so all exports agree cell for cell. */
export const STATE_FIGURES: readonly ExportFigure[] = [...FIDELITY_FIGURES, ...HOME_VISIT_LOG_FIGURES];

const RATES = new Set(STATE_FIGURES.filter((f) => f.denominator !== null).map((f) => f.figure));

/** Whether a figure is a rate (numerator over denominator) rather than a count alone. */
export const hasDenominator = (figure: string): boolean => RATES.has(figure);

/** One school-month cell of the one fidelity fold (`cellsOf` in `@leap/fidelity`), as read here. */
export interface FoldCell {
  regionId: string | null;
  districtId: string;
  schoolId: string;
  month: string;
  metrics: Record<FidelityFigureName, FoldMetric> & {
    homeVisitLog: { visits: number; barriers: Record<string, number>; strengths: Record<string, number> };
  };
}

/**
 * The counts of one fold cell under their count names. The fold counted them; this only names
 * them. A count reached from two metrics must agree (e.g. visits held and the per-visit shares'
 * denominator); if the fold ever disagreed with itself the export would be unsound, so it throws.
 */
export function leafCountsOf(cell: FoldCell, regionId: string): LeafCounts {
  const counts: Record<string, number> = {};
  const put = (name: string, value: number) => {
    if (counts[name] !== undefined && counts[name] !== value) {
      throw new Error(`Count ${name} differs between metrics in ${cell.schoolId} ${cell.month}`);
    }
    counts[name] = value;
  };
  for (const figure of FIDELITY_FIGURES) {
    const metric = cell.metrics[figure.figure];
    put(figure.numerator, metric.numerator);
    if (figure.denominator !== null) put(figure.denominator, metric.denominator ?? 0);
  }
  const log = cell.metrics.homeVisitLog;
  put('visits', log.visits);
  for (const [code, n] of Object.entries(log.barriers)) put(`barrier:${code}`, n);
  for (const [code, n] of Object.entries(log.strengths)) put(`strength:${code}`, n);
  return {
    place: { regionId, districtId: cell.districtId, schoolId: cell.schoolId },
    month: cell.month,
    counts,
  };
}
