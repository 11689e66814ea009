import { Readable } from 'node:stream';
import type { CommandContext } from '@leap/commands';
import type { ImportKind } from '@leap/domain';
import { importerOf, runImport } from '@leap/intake';
import type { DemoServices } from './demo-services';

/** A file the demo imports, as a district or the state would upload it. */
export interface DemoImport {
  importId: string;
  kind: ImportKind;
  /** The district the file is imported for; null for the state's district profiles. */
  districtId: string | null;
  csv: string;
  context: CommandContext;
  /** The simulated business date of the import: later dates would be `future_date`. */
  today: string;
}

/**
 * Applies one demo file through the CSV reader and the importer of its kind, exactly as
 * `npm run leap -- import` does. The demo's files are all good: a failed import or a rejected row
 * stops the demo, with the reasons (never a value from the file).
 */
export async function applyImport(services: DemoServices, file: DemoImport): Promise<number> {
  const importer = importerOf(file.kind);
  if (!importer) throw new Error(`There is no importer of ${file.kind} files`);
  const outcome = await runImport({
    importer,
    input: Readable.from([file.csv]),
    importId: file.importId,
    districtId: file.districtId,
    context: file.context,
    env: { store: services.store, pseudonymize: services.pseudonymize, today: file.today },
  });
  if (outcome.status !== 'completed' || outcome.counts.rejected > 0)
    throw new Error(
      `Demo import of ${file.kind} ${file.importId} ${outcome.status}: ${outcome.reason ?? 'rows rejected'} ` +
        JSON.stringify(outcome.rejectedRows.slice(0, 5)),
      { cause: outcome.error },
    );
  return outcome.counts.rows;
}
