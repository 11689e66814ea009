/**
 * The one load generator every HTTP bench uses: autocannon, one instance per connection so each
 * connection can carry its own login (one token subject per connection, as the rate limits count
 * per login), with every response's latency collected so p50/p99 are over all connections.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';

/** Seconds without an answer after which a request counts as failed (autocannon's default). */
const TIMEOUT_S = 10;

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  perSecond: number;
  total: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts (counted in the latencies at the timeout), and answers outside 2xx. */
  errors: number;
  statuses: Record<string, number>;
}

export interface ConnectionRequest {
  method: 'POST' | 'GET';
  /** Called for every request of connection `connection`: its path and body. */
  next: (connection: number) => { path: string; body?: string };
  /** Headers of connection `connection` (its login). */
  headers: (connection: number) => Record<string, string>;
}

export async function load(
  baseUrl: string,
  connections: number,
  seconds: number,
  request: ConnectionRequest,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, (_, connection) => {
      // Without a callback autocannon answers its tracker (an EventEmitter) made thenable.
      const instance = autocannon({
        url: baseUrl,
        connections: 1,
        duration: seconds,
        timeout: TIMEOUT_S,
        requests: [
          {
            method: request.method,
            headers: request.headers(connection),
            setupRequest: (req: any) => ({ ...req, ...request.next(connection) }),
          },
        ],
      }) as unknown as Promise<autocannon.Result> & EventEmitter;
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) errors++;
      });
      // A request that got no answer (autocannon gives up after TIMEOUT_S) counts as answered at the
      // timeout: a stalled server shows in p99 instead of vanishing from it.
      instance.on('reqError', () => {
        errors++;
        latencies.push(TIMEOUT_S * 1000);
      });
      return instance;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    perSecond: Math.round((latencies.length - errors) / elapsed),
    total: latencies.length,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    statuses,
  };
}

/** `bench/bare-echo-server.ts` in its own process: the ceiling of any Express 5 JSON API here. */
export async function startBareServer(): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'bare-echo-server.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The bare server exited with ${code}`)));
    child.stdout?.once('data', (chunk) => resolve(String(chunk).trim().split('\n')[0]!));
  });
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
