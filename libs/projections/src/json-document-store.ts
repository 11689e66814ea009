import type Database from 'better-sqlite3';
import type { DocumentStore, DocumentTable } from './projection';

export type SqlValue = string | number | null;

export interface ColumnSpec<Doc> {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull?: boolean;
  /** Derived from the document on every write, so it can never disagree with it. */
  of: (doc: Doc) => SqlValue;
}

/** Rows in a side table, for values a document has many of (e.g. the visitors assigned to a case). */
export interface ChildTableSpec<Doc> {
  suffix: string;
  columns: Array<{ name: string; type: 'TEXT' | 'INTEGER' | 'REAL' }>;
  rows: (doc: Doc) => SqlValue[][];
  indexes?: string[][];
}

export interface JsonDocumentStoreSpec<Doc> {
  /** Columns derived from the document, for filtering, ordering and indexes. */
  columns: ColumnSpec<Doc>[];
  indexes?: string[][];
  children?: ChildTableSpec<Doc>[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The usual store adapter: one row per document, `key` as primary key, the document as JSON in
 * `document`, and derived columns beside it. Side tables are rewritten only when their rows change.
 */
export function jsonDocumentStore<Doc>(spec: JsonDocumentStoreSpec<Doc>): DocumentStore<Doc> {
  const children = spec.children ?? [];
  for (const name of [
    ...spec.columns.map((column) => column.name),
    ...children.flatMap((child) => [child.suffix, ...child.columns.map((column) => column.name)]),
  ]) {
    if (!IDENTIFIER.test(name) || name === 'key' || name === 'document')
      throw new Error(`Bad column name ${name}`);
  }
  const indexSql = (table: string, index: string[], n: number) =>
    `CREATE INDEX ${table}_i${n} ON ${table} (${index.join(', ')});`;
  return {
    create(db, table) {
      const columns = spec.columns.map((c) => `${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}`);
      db.exec(
        `CREATE TABLE ${table} (key TEXT PRIMARY KEY, ${[...columns, 'document TEXT NOT NULL'].join(', ')});`,
      );
      (spec.indexes ?? []).forEach((index, n) => db.exec(indexSql(table, index, n)));
      for (const child of children) {
        const name = `${table}_${child.suffix}`;
        db.exec(
          `CREATE TABLE ${name} (key TEXT NOT NULL, ${child.columns.map((c) => `${c.name} ${c.type}`).join(', ')});`,
        );
        [['key'], ...(child.indexes ?? [])].forEach((index, n) => db.exec(indexSql(name, index, n)));
      }
    },
    drop(db, table) {
      for (const child of children) db.exec(`DROP TABLE IF EXISTS ${table}_${child.suffix};`);
      db.exec(`DROP TABLE IF EXISTS ${table};`);
    },
    open: (db, table) => openTable(db, table, spec),
  };
}

function openTable<Doc>(
  db: Database.Database,
  table: string,
  spec: JsonDocumentStoreSpec<Doc>,
): DocumentTable<Doc> {
  const names = spec.columns.map((column) => column.name);
  const load = db.prepare<[string], string>(`SELECT document FROM ${table} WHERE key = ?`).pluck();
  const upsert = db.prepare<SqlValue[]>(
    `INSERT INTO ${table} (key, ${names.join(', ')}, document) VALUES (?, ${names.map(() => '?').join(', ')}, ?)
     ON CONFLICT (key) DO UPDATE SET ${[...names, 'document'].map((n) => `${n} = excluded.${n}`).join(', ')}`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`);
  const children = (spec.children ?? []).map((child) => ({
    rows: child.rows,
    clear: db.prepare<[string]>(`DELETE FROM ${table}_${child.suffix} WHERE key = ?`),
    insert: db.prepare<SqlValue[]>(
      `INSERT INTO ${table}_${child.suffix} (key, ${child.columns.map((c) => c.name).join(', ')})
       VALUES (?, ${child.columns.map(() => '?').join(', ')})`,
    ),
  }));
  return {
    load(key) {
      const json = load.get(key);
      return json === undefined ? null : (JSON.parse(json) as Doc);
    },
    write(key, doc, before) {
      if (doc === null) {
        remove.run(key);
        for (const child of children) child.clear.run(key);
        return;
      }
      upsert.run(key, ...spec.columns.map((column) => column.of(doc)), JSON.stringify(doc));
      for (const child of children) {
        const rows = child.rows(doc);
        if (before !== null && JSON.stringify(rows) === JSON.stringify(child.rows(before))) continue;
        child.clear.run(key);
        for (const row of rows) child.insert.run(key, ...row);
      }
    },
  };
}
