import { decodePageCursor, encodePageCursor } from '@leap/http';

/**
 * Opaque page cursor: `(needScore, student)` of the last candidate of a page. The list is ordered
 * by need score (highest first), then pseudonym, so the next page starts strictly after it; a
 * student whose score changed between pages may appear twice or not at all, never out of order.
 */
export interface CandidateCursor {
  needScore: number;
  student: string;
}

export const encodeCandidateCursor = (key: CandidateCursor): string =>
  encodePageCursor([String(key.needScore), key.student]);

/** Null when the text is not a cursor this API issued. */
export function decodeCandidateCursor(text: string): CandidateCursor | null {
  const key = decodePageCursor(text);
  if (!key || !/^[0-9]{1,7}$/.test(key[0])) return null;
  return { needScore: Number(key[0]), student: key[1] };
}
