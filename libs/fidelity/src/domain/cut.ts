import { wallTimeAt } from '@leap/domain';
import type { Stamp, Voidable } from './facts';

/** Where: the whole state, a RESC region, a district or one school (narrowest given wins). */
export interface MetricsScope {
  regionId?: string;
  districtId?: string;
  schoolId?: string;
  /** The schools a school-scoped token may see: facts of other schools never count. */
  schoolIds?: readonly string[];
}

/**
 * Which facts count. `from`/`to`: inclusive business dates of the window (absent: program to
 * date): which identifications, offers, consents, visits and other entries are counted, each in
 * the window of its own date. `onDate`: how the program stood on that date (business-date cut).
 * `knownAt`: what the system knew at that instant (recorded-time cut, epoch ms). What followed an
 * event of the window (the offer after an identification, the visits after a consent, an outcome
 * after a referral) counts up to the cuts, whether or not it fell inside the window: so a window's
 * figures are the sums of its months' figures. Both cuts may be combined.
 */
export interface MetricsCut {
  from?: string;
  to?: string;
  onDate?: string;
  knownAt?: number;
}

export type MetricsQuery = MetricsScope & MetricsCut;

const EARLIEST = '0000-01-01';
const LATEST = '9999-12-31';

/** The cut's predicates, computed once per query. */
export class Cut {
  readonly from: string;
  /** The last business date of the window that counts: the earlier of `to` and `onDate`. */
  readonly end: string;
  /** The business-date cut: `onDate`, or no end. */
  private readonly asOf: string;
  private readonly knownAt: number;

  constructor(cut: MetricsCut) {
    this.from = cut.from ?? EARLIEST;
    const to = cut.to ?? LATEST;
    this.asOf = cut.onDate ?? LATEST;
    this.end = this.asOf < to ? this.asOf : to;
    this.knownAt = cut.knownAt ?? Number.POSITIVE_INFINITY;
  }

  /** Recorded by the `knownAt` instant. */
  known(at: number): boolean {
    return at <= this.knownAt;
  }

  /** Known, and happened on or before `onDate` (whatever the window). */
  happened(stamp: Stamp): boolean {
    return stamp.at <= this.knownAt && stamp.on <= this.asOf;
  }

  /** Happened, inside the window. */
  inWindow(stamp: Stamp): boolean {
    return this.happened(stamp) && stamp.on >= this.from && stamp.on <= this.end;
  }

  /**
   * A void corrects a mistake, so a voided entry never counts on any business date; only a
   * recorded-time cut before the void was recorded still shows it, as the system did then.
   */
  counts(entry: Stamp & Voidable): boolean {
    return this.happened(entry) && !(entry.voided !== null && this.known(entry.voided.at));
  }

  countsInWindow(entry: Stamp & Voidable): boolean {
    return this.counts(entry) && entry.on >= this.from && entry.on <= this.end;
  }
}

/** Whole days from one business date to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The business date of an instant in a time zone. */
export function businessDateAt(epochMs: number, timeZone: string): string {
  const wall = wallTimeAt(epochMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(wall.year).padStart(4, '0')}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `YYYY-MM` of a business date. */
export const monthOf = (date: string): string => date.slice(0, 7);
