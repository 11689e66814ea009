import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@leap/auth';
import { createEventStore, type EventStore } from '@leap/event-store';
import { accessStreamId } from './access-event';
import { AccessRecorder } from './access-recorder.service';

const principal = (role: Principal['role'], districtId: string | null): Principal => ({
  issuer: 'test',
  sub: `${role}-1`,
  name: null,
  role,
  districtId,
  schoolIds: null,
});
const route = { route: 'GET /v1/cases', query: { q: '[redacted]' } };

describe('when the recorder records accesses in a real SQLite event store', () => {
  let dir: string;
  let store: EventStore;
  let recorder: AccessRecorder;
  const streamOf = (districtId: string) => store.readStream(accessStreamId(districtId, new Date()));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-access-'));
    store = createEventStore({ LEAP_DATA_DIR: dir });
    recorder = new AccessRecorder(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a state-wide list once per district of its cases, each case once, and remembers the position', async () => {
    await recorder.served(principal('admin', null), route, [
      { caseId: 'c1', districtId: 'd1' },
      { caseId: 'c1', districtId: 'd1' },
      { caseId: 'c2', districtId: 'd2' },
      { caseId: 'c3', districtId: 'd1' },
    ]);
    const [d1] = await streamOf('d1');
    const [d2] = await streamOf('d2');
    expect(d1).toMatchObject({
      type: 'PersonalDataAccessed.v1',
      data: {
        actorId: 'admin-1',
        districtId: 'd1',
        caseIds: ['c1', 'c3'],
        outcome: 'served',
        query: route.query,
      },
      metadata: { actorId: 'admin-1', actorRole: 'admin', districtId: 'd1' },
    });
    expect(d2?.data).toMatchObject({ districtId: 'd2', caseIds: ['c2'] });
    expect(d1?.metadata.correlationId).toBe(d2?.metadata.correlationId);
    const last = [d1!, d2!].sort((a, b) => store.comparePositions(b.position, a.position))[0]!;
    expect(recorder.lastPosition).toBe(last.position);
  });

  it('records nothing for a role served no personal data, or for an empty page', async () => {
    await recorder.served(principal('fidelity_monitor', 'd1'), route, [{ caseId: 'c1', districtId: 'd1' }]);
    await recorder.served(principal('coordinator', 'd1'), route, []);
    expect(await store.headPosition()).toBeNull();
    expect(recorder.lastPosition).toBeNull();
  });

  it('records a refused attempt for any role', async () => {
    await recorder.refused(principal('fidelity_monitor', 'd2'), route, { caseId: 'c1', districtId: 'd1' });
    expect((await streamOf('d1')).map((e) => e.data.outcome)).toEqual(['refused']);
  });
});
