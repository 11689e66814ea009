import { MAX_REPORTED_REJECTIONS, type ImportCounts, type RejectedRow } from '@leap/domain';
import type { ImportProgress } from '../importer';

/** Counts an import's rows and keeps its first rejections (all are counted, the first are reported). */
export class ImportTally implements ImportProgress {
  accepted = 0;
  rejected = 0;
  appendedEvents = 0;
  readonly rejectedRows: RejectedRow[] = [];

  reject(row: RejectedRow): void {
    this.rejected++;
    if (this.rejectedRows.length < MAX_REPORTED_REJECTIONS) this.rejectedRows.push(row);
  }

  accept(count = 1): void {
    this.accepted += count;
  }

  appended(count: number): void {
    this.appendedEvents += count;
  }

  counts(rows: number): ImportCounts {
    return { rows, accepted: this.accepted, rejected: this.rejected, appended: this.appendedEvents };
  }

  /** The reported rejections in file order (importers that group rows reject them out of order). */
  reported(): RejectedRow[] {
    return [...this.rejectedRows].sort((a, b) => a.line - b.line);
  }
}
