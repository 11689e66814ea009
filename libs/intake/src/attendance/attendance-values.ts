import {
  type AttendanceCategory,
  categoryOfDescriptor,
  daysInMonth,
  EARLIEST_BUSINESS_DATE,
  schoolYearOf,
} from '@leap/domain';

/** A valid business date of a row, with what the accumulation needs of it. */
export interface BusinessDay {
  date: string;
  /** `YYYY-MM`. */
  month: string;
  /** 1-based day of the month. */
  day: number;
  schoolYear: string;
}
export type DateProblem = 'invalid_date' | 'future_date' | 'outside_school_year';

/**
 * Files repeat a few hundred distinct dates and six descriptors over a million rows, so each
 * distinct text is read once and remembered; the caches stop growing at `MAX_CACHED` entries so a
 * file of garbage cannot grow them with its rows.
 */
const MAX_CACHED = 4_096;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class AttendanceValues {
  private readonly dates = new Map<string, BusinessDay | DateProblem>();
  private readonly categories = new Map<string, AttendanceCategory | null>();

  /**
   * `today`: later dates are `future_date`. `schoolYear`, when the caller named the file's school
   * year: dates of another school year (July to June) are `outside_school_year`.
   */
  constructor(
    private readonly today: string,
    private readonly schoolYear: string | null = null,
  ) {}

  /** The last date read: a file sorted by date repeats it for every student of the day. */
  private lastDateText = '';
  private lastDate: BusinessDay | DateProblem = 'invalid_date';

  date(text: string): BusinessDay | DateProblem {
    if (text === this.lastDateText) return this.lastDate;
    this.lastDateText = text;
    this.lastDate = this.cachedDate(text);
    return this.lastDate;
  }

  private cachedDate(text: string): BusinessDay | DateProblem {
    const known = this.dates.get(text);
    if (known !== undefined) return known;
    const read = this.readDate(text);
    if (this.dates.size < MAX_CACHED) this.dates.set(text, read);
    return read;
  }

  category(text: string): AttendanceCategory | null {
    const known = this.categories.get(text);
    if (known !== undefined) return known;
    const read = categoryOfDescriptor(text);
    if (this.categories.size < MAX_CACHED) this.categories.set(text, read);
    return read;
  }

  private readDate(text: string): BusinessDay | DateProblem {
    const match = DATE.exec(text);
    if (!match) return 'invalid_date';
    const month = `${match[1]}-${match[2]}`;
    const monthNumber = Number(match[2]);
    const day = Number(match[3]);
    if (monthNumber < 1 || monthNumber > 12 || day < 1 || day > daysInMonth(month)) return 'invalid_date';
    if (text > this.today) return 'future_date';
    if (text < EARLIEST_BUSINESS_DATE) return 'outside_school_year';
    const schoolYear = schoolYearOf(text);
    if (this.schoolYear !== null && schoolYear !== this.schoolYear) return 'outside_school_year';
    return { date: text, month, day, schoolYear };
  }
}

export const isDateProblem = (value: BusinessDay | DateProblem): value is DateProblem =>
  typeof value === 'string';

/** A whole, non-negative number of days written in digits, else null. */
export function dayCount(text: string): number | null {
  return /^\d{1,4}$/.test(text) ? Number(text) : null;
}
