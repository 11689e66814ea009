/**
 * Opaque page cursor: the sort key of the last summary of a page, `(identifiedOn, caseId)`. Both
 * never change for a case, so pages stay stable while summaries change: a case is listed once,
 * in its place, however its status moves between page requests.
 */
export interface CursorKey {
  identifiedOn: string;
  caseId: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.identifiedOn, key.caseId])).toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeCursor(text: string): CursorKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [identifiedOn, caseId] = value as unknown[];
    if (typeof identifiedOn !== 'string' || typeof caseId !== 'string') return null;
    return { identifiedOn, caseId };
  } catch {
    return null;
  }
}
