import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

type Violation = { path: string; reason: string };
type HistoryEvent = { type: string; revision: number; recordedAt: string; data: Record<string, unknown> };
type HistoryPage = {
  fromRevision: number;
  limit: number;
  asOf: string | null;
  events: HistoryEvent[];
  next: string | null;
  state?: unknown;
};

/** Whole histories are served up to this many events in this suite; longer ones are read in pages. */
const MAX_EVENTS = 8;

/** Case history in pages, and the limit on the whole history. */
describe('when a case history is read in pages', () => {
  let api: TestApi;
  let coord: Client;
  let monitor: Client;
  let caseId: string;
  const previous = process.env.LEAP_HISTORY_MAX_EVENTS;

  const pathsOf = (body: { errors?: Violation[] }) => (body.errors ?? []).map((e) => e.path).sort();
  const call = (n: number) => ({
    calledOn: daysAgo(20 - (n % 10)),
    outcome: 'reached',
    pii: { notes: `call ${n}` },
  });

  /** A case with consent and `calls` follow-up calls: 3 + calls events. */
  async function caseWithCalls(calls: number): Promise<string> {
    const id = (await coord.post('/v1/cases', identifyBody())).body.caseId as string;
    await coord.post(`/v1/cases/${id}/consent-offers`, { offeredOn: daysAgo(30), channel: 'phone' });
    await coord.post(`/v1/cases/${id}/consent-responses`, { respondedOn: daysAgo(29), decision: 'granted' });
    for (let n = 0; n < calls; n++)
      expect((await coord.post(`/v1/cases/${id}/follow-up-calls`, call(n))).status).toBe(201);
    return id;
  }

  /** Follows `next` from the first page to the last. */
  async function allPages(client: Client, first: string): Promise<HistoryPage[]> {
    const pages: HistoryPage[] = [];
    for (let link: string | null = first; link !== null;) {
      const page: { status: number; body: HistoryPage } = await client.get<HistoryPage>(link);
      expect(page.status).toBe(200);
      pages.push(page.body);
      link = page.body.next;
    }
    return pages;
  }

  beforeAll(async () => {
    process.env.LEAP_HISTORY_MAX_EVENTS = String(MAX_EVENTS);
    api = await TestApi.start();
    coord = api.as(coordinator());
    monitor = api.as({ sub: 'hp-fm', role: 'fidelity_monitor', districtId: 'd1' });
    caseId = await caseWithCalls(4);
  });
  afterAll(async () => {
    await api.stop();
    if (previous === undefined) delete process.env.LEAP_HISTORY_MAX_EVENTS;
    else process.env.LEAP_HISTORY_MAX_EVENTS = previous;
  });

  it('pages through the same events as the whole history, each page linking the next', async () => {
    const whole = await coord.get(`/v1/cases/${caseId}/history`);
    expect(whole.body.events).toHaveLength(7);
    const pages = await allPages(coord, `/v1/cases/${caseId}/history?limit=3`);
    expect(pages.map((p) => [p.fromRevision, p.limit, p.events.length])).toEqual([
      [0, 3, 3],
      [3, 3, 3],
      [6, 3, 1],
    ]);
    expect(pages[0]?.next).toBe(`/v1/cases/${caseId}/history?fromRevision=3&limit=3`);
    expect(pages.flatMap((p) => p.events)).toEqual(whole.body.events);
    expect(pages.every((p) => p.state === undefined && p.asOf === null)).toBe(true);
  });

  it('ends with next null when the page reaches the last event exactly, and answers no events past it', async () => {
    const last = await coord.get(`/v1/cases/${caseId}/history?fromRevision=4&limit=3`);
    expect([last.body.events.map((e: HistoryEvent) => e.revision), last.body.next]).toEqual([
      [4, 5, 6],
      null,
    ]);
    const past = await coord.get(`/v1/cases/${caseId}/history?fromRevision=50`);
    expect([past.status, past.body.events, past.body.limit, past.body.next]).toEqual([200, [], 100, null]);
  });

  it('shows each role the events as the whole history does (redacted for a fidelity monitor)', async () => {
    const whole = await monitor.get(`/v1/cases/${caseId}/history`);
    const pages = await allPages(monitor, `/v1/cases/${caseId}/history?fromRevision=0&limit=2`);
    expect(pages.flatMap((p) => p.events)).toEqual(whole.body.events);
    expect(JSON.stringify(pages)).not.toContain('Maya');
    expect(JSON.stringify(await allPages(coord, `/v1/cases/${caseId}/history?limit=2`))).toContain('Maya');
  });

  it('keeps only the events known at knownAt, and carries knownAt into next', async () => {
    const whole = (await coord.get(`/v1/cases/${caseId}/history`)).body.events as HistoryEvent[];
    const knownAt = whole[2]!.recordedAt;
    const known = await coord.get(`/v1/cases/${caseId}/history?knownAt=${encodeURIComponent(knownAt)}`);
    const first = `/v1/cases/${caseId}/history?limit=2&knownAt=${encodeURIComponent(knownAt)}`;
    const pages = await allPages(coord, first);
    expect(pages.flatMap((p) => p.events)).toEqual(known.body.events);
    expect(pages[0]?.next).toContain(`knownAt=${encodeURIComponent(knownAt)}`);
    expect(pages[0]?.asOf).toBe(knownAt);
  });

  it('refuses bad paging parameters with each field’s path', async () => {
    const bad = await coord.get(`/v1/cases/${caseId}/history?fromRevision=-1&limit=0`);
    expect([bad.status, bad.body.code, pathsOf(bad.body)]).toEqual([
      400,
      'validation_failed',
      ['fromRevision', 'limit'],
    ]);
    const big = await coord.get(`/v1/cases/${caseId}/history?limit=201&fromRevision=1e20`);
    expect([big.status, pathsOf(big.body)]).toEqual([400, ['fromRevision', 'limit']]);
    const words = await coord.get(`/v1/cases/${caseId}/history?fromRevision=first&limit=1.5`);
    expect([words.status, pathsOf(words.body)]).toEqual([400, ['fromRevision', 'limit']]);
  });

  it('answers 404 for a case of another district, as the whole history does', async () => {
    const other = api.as(coordinator('d2'));
    const page = await other.get(`/v1/cases/${caseId}/history?limit=2`);
    expect([page.status, page.body.code]).toEqual([404, 'case_not_found']);
    const missing = await coord.get(`/v1/cases/no-such-case/history?limit=2`);
    expect([missing.status, missing.body.code]).toEqual([404, 'case_not_found']);
  });

  it('refuses the whole history of a case past the limit (409 history_too_long) and serves it in pages', async () => {
    const long = await caseWithCalls(MAX_EVENTS);
    const whole = await coord.get(`/v1/cases/${long}/history`);
    expect([whole.status, whole.body.code]).toEqual([409, 'history_too_long']);
    expect(whole.body.detail).toContain(`/v1/cases/${long}/history?fromRevision=0&limit=200`);
    const pages = await allPages(coord, `/v1/cases/${long}/history?limit=5`);
    expect(pages.flatMap((p) => p.events).map((e: HistoryEvent) => e.revision)).toEqual([
      ...Array(MAX_EVENTS + 3).keys(),
    ]);
    const other = await api.as(coordinator('d2')).get(`/v1/cases/${long}/history`);
    expect(other.status).toBe(404);
  });
});
