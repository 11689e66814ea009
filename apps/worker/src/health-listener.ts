import { createServer, type Server, type ServerResponse } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import type Redis from 'ioredis';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { REDIS, checkReadiness } from '@leap/health';
import { KEY_STORE, type KeyStore } from '@leap/privacy';

/**
 * The worker serves no API, but its container runs the image's HEALTHCHECK (`GET /health/ready` on
 * PORT), so it answers the same two probes as the API, unauthenticated and revealing no data:
 * `GET /health` (the process answers) and `GET /health/ready` (the event store, Redis and the key store answer).
 * Anything else is 404.
 */
export function listenForHealth(app: INestApplicationContext, port: number, host: string): Promise<Server> {
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const redis = app.get<Redis>(REDIS, { strict: false });
  const keys = app.get<KeyStore>(KEY_STORE, { strict: false });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return send(response, 405, { status: 'method_not_allowed' });
    if (path === '/health') return send(response, 200, { status: 'ok', role: 'worker' });
    if (path !== '/health/ready') return send(response, 404, { status: 'not_found' });
    void checkReadiness(store, redis, keys).then(({ ready, body }) =>
      send(response, ready ? 200 : 503, body),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function send(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
