import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Default `LEAP_IMPORT_MAX_BYTES`: 200 MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

export function importMaxBytesOf(env: { LEAP_IMPORT_MAX_BYTES?: string }): number {
  const value = Number(env.LEAP_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_IMPORT_MAX_BYTES;
}

export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Writes a request body to `file` (created, owner-only), at most `maxBytes`: past that it stops
 * reading (the caller answers 413 and closes the connection) and removes what it wrote. Honours
 * back-pressure, so a slow disk slows the client rather than filling memory.
 */
export function spoolBody(body: Readable, file: string, maxBytes: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const out = createWriteStream(file, { mode: 0o600, flags: 'wx' });
    let bytes = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.pause();
      out.destroy();
      unlink(file).catch(() => undefined);
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return fail(new BodyTooLargeError(maxBytes));
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    body.on('data', onData);
    body.once('end', () =>
      out.end(() => {
        if (settled) return;
        settled = true;
        resolve(bytes);
      }),
    );
    body.once('error', fail);
    body.once('aborted', () => fail(new Error('The client went away before the file was sent')));
    out.once('error', fail);
  });
}
