import { TestApi, coordinator, type Client } from './support/harness';
import { identifyBody } from './support/journey-fixtures';

const WAIT_MS = 600;

/** A position of the same store far beyond `position` (SQLite: a number; EventStoreDB: `C<commit>/P<prepare>`). */
function beyond(position: string): string {
  const esdb = /^C(\d+)\/P(\d+)$/.exec(position);
  if (esdb) return `C${BigInt(esdb[1]!) + 1_000_000n}/P${BigInt(esdb[2]!) + 1_000_000n}`;
  return String(BigInt(position) + 1_000_000n);
}

/** `?minPosition=` on the list queries: wait for the read model, bounded, then 503. */
describe('when a query asks to read its own write', () => {
  let api: TestApi;
  let coord: Client;
  let position: string;
  const previousWait = process.env.LEAP_MIN_POSITION_WAIT_MS;

  beforeAll(async () => {
    process.env.LEAP_MIN_POSITION_WAIT_MS = String(WAIT_MS);
    api = await TestApi.start();
    coord = api.as(coordinator());
    position = (await coord.post('/v1/cases', identifyBody())).body.position;
  });
  afterAll(async () => {
    await api.stop();
    if (previousWait === undefined) delete process.env.LEAP_MIN_POSITION_WAIT_MS;
    else process.env.LEAP_MIN_POSITION_WAIT_MS = previousWait;
  });

  it('answers once the read model has the position a command returned', async () => {
    for (const path of ['/v1/cases', '/v1/worklists?schoolId=sch-1&']) {
      const separator = path.includes('?') ? '' : '?';
      const response = await coord.get(`${path}${separator}minPosition=${encodeURIComponent(position)}`);
      expect(response.status).toBe(200);
    }
  });

  it('waits for a position beyond the head of the store, then answers 503 read_model_behind', async () => {
    for (const path of ['/v1/cases?', '/v1/worklists?schoolId=sch-1&']) {
      const started = Date.now();
      const response = await coord.get(`${path}minPosition=${encodeURIComponent(beyond(position))}`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS - 50);
      expect([response.status, response.body.code]).toEqual([503, 'read_model_behind']);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it.each(['abc', '-1', '1.5', 'C1/P', ' 1'])('refuses the malformed position %j (400)', async (bad) => {
    const response = await coord.get(`/v1/cases?minPosition=${encodeURIComponent(bad)}`);
    expect([response.status, response.body.code]).toEqual([400, 'validation_failed']);
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['minPosition']);
  });
});
