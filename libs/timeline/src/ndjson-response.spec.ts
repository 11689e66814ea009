import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import { streamNdjson } from './ndjson-response';

/** A server answering every request with `lines`; what `streamNdjson` threw before sending, if anything. */
function serve(lines: () => AsyncGenerator<string>): { server: Server; thrown: unknown[] } {
  const thrown: unknown[] = [];
  const server = createServer((request, response) => {
    const express = Object.assign(response, {
      status: (code: number) => {
        response.statusCode = code;
        return express;
      },
    }) as unknown as Response;
    streamNdjson(express, lines()).catch((error: unknown) => {
      thrown.push(error);
      response.statusCode = 503;
      response.end('{"code":"event_store_unavailable"}');
    });
  });
  return { server, thrown };
}

/** Status, content type and body; `complete` false when the transfer broke off. */
async function fetchFrom(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; type: string; body: string; complete: boolean }>((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      const done = (complete: boolean) => () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
          complete,
        });
      response.on('end', done(true));
      response.on('aborted', done(false));
      response.on('error', done(false));
    });
    request.on('error', () => resolve({ status: 0, type: '', body: '', complete: false }));
  });
}

/** Lines that fail once `sent` are out. */
async function* failingAfter(sent: string[], error: Error): AsyncGenerator<string> {
  yield* sent;
  throw error;
}

describe('when lines are streamed as NDJSON', () => {
  let server: Server | undefined;
  afterEach(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));

  it('sends every line, in order, as application/x-ndjson', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(40)}"}\n`);
    ({ server } = serve(async function* () {
      yield* many;
    }));
    const answer = await fetchFrom(server);
    expect(answer).toMatchObject({
      status: 200,
      type: 'application/x-ndjson; charset=utf-8',
      complete: true,
    });
    expect(answer.body).toBe(many.join(''));
  });

  it('answers an empty timeline with 200 and no line', async () => {
    ({ server } = serve(async function* () {}));
    expect(await fetchFrom(server)).toMatchObject({ status: 200, body: '', complete: true });
  });

  it('sends nothing when reading fails before the first line, so the failure can be answered', async () => {
    const failure = new Error('store down');
    const served = serve(() => failingAfter([], failure));
    server = served.server;
    expect(await fetchFrom(server)).toMatchObject({
      status: 503,
      body: '{"code":"event_store_unavailable"}',
    });
    expect(served.thrown).toEqual([failure]);
  });

  it('breaks the transfer off when reading fails after lines were sent, never ending it as complete', async () => {
    // More than one chunk's worth, so the first is on its way when reading fails.
    const line = `{"n":1,"pad":"${'x'.repeat(70_000)}"}\n`;
    ({ server } = serve(() => failingAfter([line], new Error('store down'))));
    const answer = await fetchFrom(server);
    expect(answer.status).toBe(200);
    expect(answer.complete).toBe(false);
  });
});
