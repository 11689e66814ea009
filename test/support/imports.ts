import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, Response } from './harness';

/** Posts a CSV file to `POST /v1/imports/{kind}` (as `text/csv`). */
export const postImport = (client: Client, kind: string, csv: string, query = ''): Promise<Response> =>
  client.send('POST', `/v1/imports/${kind}${query}`, csv, { 'content-type': 'text/csv' });

/** Polls `GET /v1/imports/{importId}` until the import has ended (10 s at most). */
export async function importEnded(client: Client, importId: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const status = await client.get(`/v1/imports/${importId}`);
    if (status.status !== 200 || status.body.status !== 'running' || attempt > 200) return status;
    await sleep(50);
  }
}

/** Posts a file and answers the import's final status (failing the test if the post was not accepted). */
export async function importCsv(client: Client, kind: string, csv: string, query = ''): Promise<Response> {
  const accepted = await postImport(client, kind, csv, query);
  if (accepted.status !== 202)
    throw new Error(`import not accepted: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return importEnded(client, accepted.body.importId);
}
