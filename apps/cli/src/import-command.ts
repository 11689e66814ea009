import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImportCounts, ImportKind, RejectedRow } from '../../../libs/domain/src/attendance/imports';
import type { EventStore } from '../../../libs/event-store/src/event-store.port';
import type { Pseudonymize } from '../../../libs/domain/src/privacy/field-classes';
import { importEnvironment } from '../../../libs/intake/src/import-environment';
import { importerOf } from '../../../libs/intake/src/importers/importer-registry';
import { runImport } from '../../../libs/intake/src/reader/run-import';
import { progressBar } from './progress-bar';

export interface ImportCommandOptions {
  kind: ImportKind;
  file: string;
  /** Rows naming another district are rejected (`wrong_district`); null: any district. */
  districtId: string | null;
  /** Attendance: rows dated outside this school year are rejected (`outside_school_year`); null: any. */
  schoolYear: string | null;
}

/** What the command prints at the end, whichever way the import ran. */
export interface ImportSummary {
  importId: string;
  status: 'completed' | 'failed' | 'running';
  reason: string | null;
  detail: string | null;
  counts: ImportCounts;
  rejectedRows: RejectedRow[];
}

const SHOWN_REJECTIONS = 20;

/**
 * `npm run leap -- import <kind> <file.csv>` on the configured store directly (no server): the file
 * is streamed through the same reader and importer as the API's, as the `system` actor, with a
 * progress bar on stderr (rows, rate, and an ETA from the bytes read of the file's size).
 */
export async function importDirectly(
  store: EventStore,
  pseudonymize: Pseudonymize,
  options: ImportCommandOptions,
): Promise<ImportSummary> {
  const importer = importerOf(options.kind);
  if (!importer) throw new Error(`Imports of ${options.kind} files are not available yet`);
  const size = statSync(options.file).size;
  let bytes = 0;
  const counted = createReadStream(options.file).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const bar = progressBar();
  const started = Date.now();
  const receivedAt = new Date();
  const importId = randomUUID();
  const draw = (counts: ImportCounts, final = false) => {
    const progress = {
      projection: `import ${options.kind}`,
      ...rowsProgress(counts.rows, bytes, size, Date.now() - started),
    };
    if (final) bar.done(progress);
    else bar.update(progress);
  };
  const outcome = await runImport({
    importer,
    input: counted,
    importId,
    districtId: options.districtId,
    schoolYear: options.schoolYear,
    context: {
      actor: { id: 'system', role: 'system' },
      commandId: importId,
      correlationId: importId,
      causationId: importId,
      receivedAt,
    },
    env: importEnvironment(store, pseudonymize, receivedAt),
    // The CLI runs this one import: csv-parse gets a thread of its own while the rows are checked here.
    parseInWorker: true,
    onProgress: (counts) => draw(counts),
  });
  draw(outcome.counts, true);
  if (outcome.error) process.stderr.write(`${errorText(outcome.error)}\n`);
  return outcome;
}

/**
 * The bar counts bytes (the file's size is known, the number of rows is not) and says rows: the
 * share done and the ETA come from the bytes, the count and the rate from the rows.
 */
function rowsProgress(rows: number, bytes: number, size: number, elapsedMs: number) {
  const share = size === 0 ? 1 : Math.min(1, bytes / size);
  const total = share > 0 ? Math.max(rows, Math.round(rows / share)) : null;
  return { done: rows, total, elapsedMs, unit: 'rows' };
}

/** `LEAP_URL` set: the file is posted to the server (streamed) and the import followed until it ends. */
export async function importOverHttp(
  baseUrl: string,
  token: string | undefined,
  options: ImportCommandOptions,
): Promise<ImportSummary> {
  const size = statSync(options.file).size;
  const params = new URLSearchParams();
  if (options.districtId) params.set('districtId', options.districtId);
  if (options.schoolYear) params.set('schoolYear', options.schoolYear);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}/v1/imports/${options.kind}${query}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(size) },
    body: Readable.toWeb(createReadStream(options.file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const accepted = (await response.json().catch(() => ({}))) as {
    importId?: string;
    href?: string;
    code?: string;
    title?: string;
  };
  if (response.status !== 202 || !accepted.href)
    throw new Error(
      `The server refused the import: ${response.status} ${accepted.code ?? ''} ${accepted.title ?? ''}`.trim(),
    );
  const bar = progressBar();
  const started = Date.now();
  for (;;) {
    const status = await fetch(`${baseUrl.replace(/\/$/, '')}${accepted.href}`, { headers: auth });
    const body = (await status.json()) as ImportSummary & { code?: string };
    if (status.status !== 200)
      throw new Error(`Cannot follow import ${accepted.importId}: ${status.status} ${body.code ?? ''}`);
    const progress = {
      projection: `import ${options.kind}`,
      done: body.counts.rows,
      total: null,
      elapsedMs: Date.now() - started,
      unit: 'rows',
    };
    if (body.status !== 'running') {
      bar.done(progress);
      return body;
    }
    bar.update(progress);
    await sleep(500);
  }
}

/** The outcome in a few lines: counts, then the first rejected rows (line, column, reason; never a value). */
export function formatSummary(kind: ImportKind, summary: ImportSummary): string {
  const { counts } = summary;
  const lines = [
    `import ${summary.importId} (${kind}): ${summary.status}` +
      (summary.reason ? ` — ${summary.reason}${summary.detail ? `: ${summary.detail}` : ''}` : ''),
    `  rows ${counts.rows}, accepted ${counts.accepted}, rejected ${counts.rejected}, events appended ${counts.appended}`,
  ];
  const shown = summary.rejectedRows.slice(0, SHOWN_REJECTIONS);
  for (const row of shown)
    lines.push(`  line ${row.line}${row.column ? `, ${row.column}` : ''}: ${row.reason}`);
  if (counts.rejected > shown.length)
    lines.push(`  … and ${counts.rejected - shown.length} more rejected row(s)`);
  return `${lines.join('\n')}\n`;
}

const errorText = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);
