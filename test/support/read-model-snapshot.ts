import { ReadModels, generationTable } from '@leap/projections';

export interface ReadModelSnapshot {
  position: string | null;
  eventsApplied: number;
  /** Every table of the active generation (documents and side tables), rows sorted, by table suffix. */
  tables: Record<string, string[]>;
}

/**
 * What a projection's active generation holds, in a form two read-model files can be compared by:
 * table names lose their generation number, rows are JSON sorted. Opens and closes the file.
 */
export function snapshotReadModel(file: string, projection: string): ReadModelSnapshot {
  const readModels = ReadModels.open(file);
  try {
    const active = readModels.checkpoints.active(projection);
    if (!active) throw new Error(`${file} has no active generation of ${projection}`);
    const prefix = generationTable(projection, active.generation);
    const names = readModels.db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND (name = ? OR name LIKE ? || '\\_%' ESCAPE '\\')`,
      )
      .pluck()
      .all(prefix, prefix) as string[];
    const tables: Record<string, string[]> = {};
    for (const name of names) {
      const rows = readModels.db.prepare(`SELECT * FROM "${name}"`).all();
      tables[name.slice(prefix.length) || '(documents)'] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return { position: active.position, eventsApplied: active.events, tables };
  } finally {
    readModels.close();
  }
}
