import { handleCommand } from '@leap/commands';
import { caseDecider, type CaseCommand, type CaseEvent, type CaseState } from '@leap/domain';
import { caseScope, caseStreamId } from '@leap/cases';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

/** Commands through a command cache that holds one stream: eviction, idempotent retries, other writers. */
describe('when the command cache holds fewer cases than are worked on', () => {
  let api: TestApi;
  let coord: Client;
  const previous = process.env.LEAP_COMMAND_CACHE_STREAMS;
  beforeAll(async () => {
    process.env.LEAP_COMMAND_CACHE_STREAMS = '1';
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(async () => {
    await api.stop();
    if (previous === undefined) delete process.env.LEAP_COMMAND_CACHE_STREAMS;
    else process.env.LEAP_COMMAND_CACHE_STREAMS = previous;
  });

  const consented = async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId as string;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(30), channel: 'phone' });
    await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(29),
      decision: 'granted',
    });
    return caseId;
  };

  it('answers a retried Idempotency-Key with the first answer after the case was evicted, and appends nothing', async () => {
    const [first, second] = [await consented(), await consented()];
    const call = { calledOn: daysAgo(20), outcome: 'reached' };
    const answer = await coord.post(`/v1/cases/${first}/follow-up-calls`, call, {
      'idempotency-key': 'call-1',
    });
    await coord.post(`/v1/cases/${first}/follow-up-calls`, { ...call, outcome: 'voicemail' });
    // Work on another case takes the cache's only place.
    await coord.post(`/v1/cases/${second}/follow-up-calls`, call);
    const retry = await coord.post(`/v1/cases/${first}/follow-up-calls`, call, {
      'idempotency-key': 'call-1',
    });
    expect([retry.status, retry.body]).toEqual([answer.status, answer.body]);
    const reused = await coord.post(
      `/v1/cases/${first}/follow-up-calls`,
      { ...call, outcome: 'no_answer' },
      { 'idempotency-key': 'call-1' },
    );
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect((await coord.get(`/v1/cases/${first}`)).body.revision).toBe(4);
  });

  it('alternates between cases and keeps each one’s revisions', async () => {
    const cases = [await consented(), await consented(), await consented()];
    for (let round = 0; round < 3; round++)
      for (const caseId of cases) {
        const called = await coord.post(`/v1/cases/${caseId}/follow-up-calls`, {
          calledOn: daysAgo(20),
          outcome: 'reached',
        });
        expect([called.status, called.body.revision]).toEqual([201, 3 + round]);
      }
  });
});

describe('when another process writes to a case between two commands of this one', () => {
  let api: TestApi;
  let coord: Client;
  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
  });
  afterAll(() => api.stop());

  it('decides the next command on the other process’s events too', async () => {
    const caseId = (await coord.post('/v1/cases', identifyBody())).body.caseId as string;
    await coord.post(`/v1/cases/${caseId}/consent-offers`, { offeredOn: daysAgo(30), channel: 'phone' });
    // This process has folded the case (revision 1); another one records the consent behind its back.
    const other = api.openStore();
    try {
      await handleCommand<CaseCommand, CaseEvent, CaseState>({
        store: other,
        streamId: caseStreamId(caseId),
        decider: caseDecider,
        context: {
          actor: { id: 'coord-d1', role: 'coordinator' },
          commandId: `other-${caseId}`,
          correlationId: `other-${caseId}`,
          causationId: `other-${caseId}`,
          receivedAt: new Date(),
        },
        command: {
          type: 'RecordConsentResponse',
          data: { respondedOn: daysAgo(29), decision: 'granted', reasonCode: null, pii: {} },
          actorId: 'coord-d1',
        },
        scopeOf: caseScope,
      });
    } finally {
      await other.close();
    }
    // A visit needs consent: only a state that includes the other process's event accepts the call.
    const called = await coord.post(`/v1/cases/${caseId}/follow-up-calls`, {
      calledOn: daysAgo(20),
      outcome: 'reached',
    });
    expect([called.status, called.body.revision]).toEqual([201, 3]);
    const again = await coord.post(`/v1/cases/${caseId}/consent-responses`, {
      respondedOn: daysAgo(19),
      decision: 'granted',
    });
    expect(again.status).toBe(409);
    expect((await coord.get(`/v1/cases/${caseId}`)).body.revision).toBe(3);
  });
});
