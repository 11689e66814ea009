/** Business dates, inclusive (`YYYY-MM-DD`); null: everything recorded to date. */
export type DateRange = { from: string; to: string } | null;

/**
 * Home visits held per district, for the year-one performance factor: held visits that were not
 * voided, a household visit to siblings counted once, dated (business date) within the range.
 * Districts without any are left out of the map.
 */
export interface VisitsHeldCounter {
  visitsHeldByDistrict(range: DateRange): Promise<ReadonlyMap<string, number>>;
}

export const VISITS_HELD = Symbol('VISITS_HELD');
