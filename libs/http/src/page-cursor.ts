/**
 * Opaque keyset cursors of paged lists: the sort key of a page's last row (a pair of strings, such
 * as `(identifiedOn, caseId)` or `(at, entryId)`), as base64url JSON. Clients pass it back as it is;
 * anything this API did not issue decodes to null, which the list answers with a 400.
 */
export function encodePageCursor(key: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodePageCursor(text: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [first, second] = value as unknown[];
    return typeof first === 'string' && typeof second === 'string' ? [first, second] : null;
  } catch {
    return null;
  }
}
