import { SEGMENT_COUNT } from './worklist-segments';

/**
 * Opaque page cursor: the instant the first page was evaluated at, then the position of the last item
 * of the page in worklist order (segment, openFrom, followUpId). Pinning the instant keeps every page
 * of a listing in one order: an item that turns overdue, or wakes from a snooze, while someone pages
 * does not jump between pages (it shows in its new place on the next first page).
 */
export interface WorklistCursor {
  /** ISO instant every page of this listing is evaluated at. */
  at: string;
  /** Segment of the last item (`worklists.query.ts`: overdue × severity). */
  segment: number;
  openFrom: string;
  followUpId: string;
}

export function encodeWorklistCursor(cursor: WorklistCursor): string {
  const { at, segment, openFrom, followUpId } = cursor;
  return Buffer.from(JSON.stringify([at, segment, openFrom, followUpId])).toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeWorklistCursor(text: string): WorklistCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [at, segment, openFrom, followUpId] = value as unknown[];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
    if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0 || segment >= SEGMENT_COUNT)
      return null;
    if (typeof openFrom !== 'string' || typeof followUpId !== 'string') return null;
    return { at: new Date(at).toISOString(), segment, openFrom, followUpId };
  } catch {
    return null;
  }
}
