import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { deterministicUuid, readHistory, type CommandContext } from '@leap/commands';
import { importStreamOf, type ImportCounts, type Pseudonymize } from '@leap/domain';
import { EVENT_STORE, dataDirOf, ensurePrivateDir, type EventStore } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import { importEnvironment } from '../import-environment';
import type { Importer } from '../importer';
import { ImportStoppedError } from '../reader/import-stopped';
import { runImport } from '../reader/run-import';
import { recordInterrupted } from './interrupted-imports';
import { BodyTooLargeError, importMaxBytesOf, spoolBody } from './request-spool';

/** Whose rows an import accepts, and (attendance) which school year they must be in. */
export interface ImportScope {
  districtId: string | null;
  schoolYear: string | null;
}

export interface StartedImport {
  importId: string;
  /** The request repeated an `Idempotency-Key` whose import exists: nothing was read or started. */
  replayed: boolean;
  /** Settles when the import has recorded how it ended. */
  done: Promise<void>;
}

/**
 * Takes an uploaded file and runs its import in this process: the body is spooled to a private file
 * under `LEAP_DATA_DIR/imports` (counting bytes against `LEAP_IMPORT_MAX_BYTES`), the request is
 * answered, and the import runs in the background; the file is removed afterwards. While it runs,
 * its counts so far are kept here; afterwards the import's stream tells everything.
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private readonly running = new Map<string, { counts: ImportCounts | null; done: Promise<void> }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
  ) {}

  /** Spools the body and starts the import; a body over the limit records a failed import and throws `BodyTooLargeError`. */
  async start(
    importer: Importer,
    body: Readable,
    declaredBytes: number | null,
    scope: ImportScope,
    context: CommandContext,
  ): Promise<StartedImport> {
    const { districtId } = scope;
    // A retried post (same login, same Idempotency-Key) answers the import the first one started.
    const importId = context.idempotency
      ? deterministicUuid('import', context.commandId, importer.kind, districtId ?? '')
      : randomUUID();
    if (context.idempotency && (await readHistory(this.store, importStreamOf(importId))).length > 0)
      return { importId, replayed: true, done: Promise.resolve() };
    const maxBytes = importMaxBytesOf(process.env);
    if (declaredBytes !== null && declaredBytes > maxBytes) {
      await this.recordTooLarge(importer, importId, scope, context);
      throw new BodyTooLargeError(maxBytes);
    }
    const file = join(ensurePrivateDir(join(dataDirOf(process.env), 'imports')), `${importId}.csv`);
    try {
      await spoolBody(body, file, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) await this.recordTooLarge(importer, importId, scope, context);
      throw error;
    }
    const done = this.run(importer, importId, createReadStream(file), scope, context).finally(() =>
      unlink(file).catch(() => undefined),
    );
    return { importId, replayed: false, done };
  }

  /** The counts so far of an import running in this process (null: none here, or not yet counted). */
  liveCounts(importId: string): ImportCounts | null {
    return this.running.get(importId)?.counts ?? null;
  }

  /** Lets running imports record how they ended before the store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((entry) => entry.done));
  }

  /**
   * A spool file left at start belongs to an import that a stopped process was running: it is
   * recorded as failed (`interrupted`; send the file again) and the file removed.
   */
  async onApplicationBootstrap(): Promise<void> {
    const dir = join(dataDirOf(process.env), 'imports');
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.filter((name) => name.endsWith('.csv'))) {
      const importId = file.slice(0, -'.csv'.length);
      await recordInterrupted(this.store, importId).catch((error: unknown) =>
        this.logger.error(`Import ${importId} could not be recorded as interrupted`, errorStack(error)),
      );
      await unlink(join(dir, file)).catch(() => undefined);
    }
  }

  private run(
    importer: Importer,
    importId: string,
    input: Readable,
    scope: ImportScope,
    context: CommandContext,
  ): Promise<void> {
    const entry: { counts: ImportCounts | null; done: Promise<void> } = {
      counts: null,
      done: Promise.resolve(),
    };
    entry.done = runImport({
      importer,
      input,
      importId,
      ...scope,
      context,
      env: importEnvironment(this.store, this.pseudonymize, context.receivedAt),
      onProgress: (counts) => (entry.counts = counts),
    })
      .then((outcome) => {
        if (outcome.error) this.logger.error(`Import ${importId} failed`, errorStack(outcome.error));
      })
      .catch((error: unknown) =>
        this.logger.error(`Import ${importId} could not record its outcome`, errorStack(error)),
      )
      .finally(() => this.running.delete(importId));
    this.running.set(importId, entry);
    return entry.done;
  }

  /** A body over the limit is an import that failed before it read anything. */
  private async recordTooLarge(
    importer: Importer,
    importId: string,
    scope: ImportScope,
    context: CommandContext,
  ): Promise<void> {
    const stopped = new ImportStoppedError(
      'body_too_large',
      `the file exceeds ${importMaxBytesOf(process.env)} bytes`,
    );
    const input = new Readable({
      read() {
        this.destroy(stopped);
      },
    });
    await this.run(importer, importId, input, scope, context);
  }
}

const errorStack = (error: unknown): string | undefined =>
  error instanceof Error ? error.stack : String(error);
