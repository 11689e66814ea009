import type { RecordedEvent } from '@leap/event-store';
import type { TimelineLine } from './timeline-line';

/** What a timeline shows: one district, perhaps some of its schools, a business-date range, types, a recorded-time cut. */
export interface TimelineCut {
  districtId: string;
  /**
   * The schools whose events are shown; null: the whole district, its district-level events (visitor
   * training) included. A list shows those schools' case events only.
   */
  schoolIds: readonly string[] | null;
  /** Inclusive business dates (`YYYY-MM-DD`); null: open. */
  from: string | null;
  to: string | null;
  /** Event types shown (current versions); null: every timeline type. */
  types: ReadonlySet<string> | null;
  /** Epoch milliseconds: only events recorded at or before it (`knownAt`); null: everything recorded. */
  knownAt: number | null;
}

/** Whether a stored event belongs to the cut's district: the scope its command wrote into the metadata. */
export const inDistrict = (cut: TimelineCut, event: RecordedEvent): boolean =>
  event.metadata.districtId === cut.districtId;

/** The checks that need only the stored event (cheap, before any upcast or redaction). */
export function inStoredCut(cut: TimelineCut, event: RecordedEvent): boolean {
  if (!inDistrict(cut, event)) return false;
  if (cut.schoolIds !== null) {
    const schoolId = event.metadata.schoolId;
    if (typeof schoolId !== 'string' || !cut.schoolIds.includes(schoolId)) return false;
  }
  return cut.knownAt === null || Date.parse(event.recordedAt) <= cut.knownAt;
}

/** The checks on the line: its type and business date. */
export function inLineCut(cut: TimelineCut, line: TimelineLine): boolean {
  if (cut.types !== null && !cut.types.has(line.type)) return false;
  if (cut.from !== null && line.businessDate < cut.from) return false;
  return cut.to === null || line.businessDate <= cut.to;
}
