import { once } from 'node:events';
import type { Response } from 'express';

const CHUNK = 64 * 1024;

/**
 * Streams lines to the client as they come, in chunks of about 64 KB, waiting while the socket's
 * buffer is full (so a slow reader slows the reading of the store instead of filling memory).
 *
 * Nothing is sent before the first line is ready (or the lines are known to be none): a failure
 * before then is thrown, and the problem+json filter answers it with its status. Once lines are
 * sent the status is 200 and cannot change, so a later failure aborts the response: the client sees
 * a broken transfer (no final chunk), never a complete-looking partial timeline. A client that goes
 * away stops the reading.
 */
export async function streamNdjson(response: Response, lines: AsyncGenerator<string>): Promise<void> {
  const first = await lines.next();
  response.status(200);
  response.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  // Settles once, whether the socket closes or errs, so it never rejects unobserved.
  const closed = once(response, 'close').then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  let chunk = '';
  try {
    for (let next = first; next.done !== true; next = await lines.next()) {
      chunk += next.value;
      if (chunk.length < CHUNK) continue;
      const full = !response.write(chunk);
      chunk = '';
      if (response.destroyed) return;
      if (full && (await Promise.race([once(response, 'drain'), closed])) === 'closed') return;
    }
    response.end(chunk);
  } catch (error) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    await lines.return(undefined);
  }
}
