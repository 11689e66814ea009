/**
 * Why an import stopped before its end: the header fits no shape (`invalid_header`), the CSV
 * cannot be read on (`malformed_csv`, e.g. a quote never closed), the body exceeded its limit
 * (`body_too_large`). `reason` is a stable code; `detail` says more (column names, a line number),
 * never a value from the file.
 */
export class ImportStoppedError extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string | null = null,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'ImportStoppedError';
  }
}
