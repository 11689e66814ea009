import type Database from 'better-sqlite3';

export interface GenerationRow {
  projection: string;
  generation: number;
  version: number;
  active: boolean;
  /** Position of the last event applied; null before the first. */
  position: string | null;
  events: number;
  createdAt: string;
  updatedAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
}

interface Row {
  projection: string;
  generation: number;
  version: number;
  active: number;
  position: string | null;
  events: number;
  created_at: string;
  updated_at: string;
  last_error: string | null;
  last_error_at: string | null;
}

const toGeneration = (row: Row): GenerationRow => ({
  projection: row.projection,
  generation: row.generation,
  version: row.version,
  active: row.active === 1,
  position: row.position,
  events: row.events,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  lastError: row.last_error,
  lastErrorAt: row.last_error_at,
});

/** The `checkpoints` table (see `read-models.ts`). Callers own the transactions. */
export class Checkpoints {
  private readonly selectActive: Database.Statement<[string], Row>;
  private readonly selectAll: Database.Statement<[string], Row>;
  private readonly selectOne: Database.Statement<[string, number], Row>;
  private readonly nextGeneration: Database.Statement<[string], number>;
  private readonly insert: Database.Statement<[string, number, number, number, string, string]>;
  private readonly compareAndSet: Database.Statement<
    [string, string, number, string, number, number, string | null]
  >;
  private readonly setError: Database.Statement<[string, string, string, number]>;
  private readonly setActive: Database.Statement<[number, string, number]>;
  private readonly remove: Database.Statement<[string, number]>;

  constructor(db: Database.Database) {
    this.selectActive = db.prepare('SELECT * FROM checkpoints WHERE projection = ? AND active = 1');
    this.selectAll = db.prepare('SELECT * FROM checkpoints WHERE projection = ? ORDER BY generation');
    this.selectOne = db.prepare('SELECT * FROM checkpoints WHERE projection = ? AND generation = ?');
    this.nextGeneration = db
      .prepare<[string], number>(
        'SELECT coalesce(max(generation), 0) + 1 FROM checkpoints WHERE projection = ?',
      )
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO checkpoints (projection, generation, version, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.compareAndSet = db.prepare(
      `UPDATE checkpoints SET position = ?, updated_at = ?, events = events + ?
       WHERE projection = ? AND generation = ? AND active = ? AND position IS ?`,
    );
    this.setError = db.prepare(
      'UPDATE checkpoints SET last_error = ?, last_error_at = ? WHERE projection = ? AND generation = ?',
    );
    this.setActive = db.prepare('UPDATE checkpoints SET active = ? WHERE projection = ? AND generation = ?');
    this.remove = db.prepare('DELETE FROM checkpoints WHERE projection = ? AND generation = ?');
  }

  active(projection: string): GenerationRow | null {
    const row = this.selectActive.get(projection);
    return row ? toGeneration(row) : null;
  }

  generation(projection: string, generation: number): GenerationRow | null {
    const row = this.selectOne.get(projection, generation);
    return row ? toGeneration(row) : null;
  }

  all(projection: string): GenerationRow[] {
    return this.selectAll.all(projection).map(toGeneration);
  }

  /** Adds a generation with no events applied; returns its number. */
  create(projection: string, version: number, active: boolean, now: string): number {
    const generation = this.nextGeneration.get(projection) ?? 1;
    this.insert.run(projection, generation, version, active ? 1 : 0, now, now);
    return generation;
  }

  /**
   * Moves a generation's checkpoint from `from` to `to`, only if it is still at `from` and still
   * active (or still inactive, for a generation being built aside). False means another writer
   * moved it or a rebuild swapped it out: the caller must not apply its batch.
   */
  advance(
    ref: { projection: string; generation: number; active: boolean },
    from: string | null,
    to: string,
    events: number,
    now: string,
  ): boolean {
    const { projection, generation, active } = ref;
    const moved = this.compareAndSet.run(to, now, events, projection, generation, active ? 1 : 0, from);
    return moved.changes === 1;
  }

  recordError(projection: string, generation: number, message: string, now: string): void {
    this.setError.run(message.slice(0, 2000), now, projection, generation);
  }

  setActiveFlag(projection: string, generation: number, active: boolean): void {
    this.setActive.run(active ? 1 : 0, projection, generation);
  }

  delete(projection: string, generation: number): void {
    this.remove.run(projection, generation);
  }
}
