import { decodePageCursor, encodePageCursor } from '@leap/http';

/**
 * Opaque page cursor: the sort key of the last summary of a page, `(identifiedOn, caseId)`. Both
 * never change for a case, so pages stay stable while summaries change: a case is listed once,
 * in its place, however its status moves between page requests.
 */
export interface CursorKey {
  identifiedOn: string;
  caseId: string;
}

export const encodeCursor = (key: CursorKey): string => encodePageCursor([key.identifiedOn, key.caseId]);

/** Null when the text is not a cursor this API issued. */
export function decodeCursor(text: string): CursorKey | null {
  const key = decodePageCursor(text);
  return key && { identifiedOn: key[0], caseId: key[1] };
}
