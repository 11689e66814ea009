import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CaseEvent } from '@leap/domain';
import { SqliteEventStore, type JsonObject } from '@leap/event-store';
import { event } from '../../../domain/src/case/case.fixtures';
import type { Clock } from '../clock';
import { followUpIdOf } from '../follow-up-streams';
import type { FollowUpConfig } from '../follow-up-config';
import { FollowUpFactsReader } from '../planning/follow-up-facts.reader';
import { RaiseFollowUpWhenTimerFires } from './raise-follow-up-when-timer-fires';

/** Identified on 2024-10-01 (New York): `offer_consent` (P5D) falls due at 2024-10-06T04:00Z. */
const DUE_AT = '2024-10-06T04:00:00.000Z';

describe('when a follow-up timer fires', () => {
  let dir: string;
  let store: SqliteEventStore;
  let now: Date;
  let reactor: RaiseFollowUpWhenTimerFires;
  let identifiedId: string;

  const clock: Clock = { now: () => now };
  const config = { timeZone: 'America/New_York' } as FollowUpConfig;
  const append = async (events: CaseEvent[]) => {
    const ids = events.map(() => randomUUID());
    await store.appendToStream(
      'case-case-1',
      events.map((e, i) => ({
        id: ids[i]!,
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: { correlationId: 'corr-1' },
      })),
      'any',
    );
    return ids;
  };
  const timer = (caseId = 'case-1') => ({
    installationId: 'installation-1',
    caseId,
    ruleId: 'offer_consent' as const,
    triggerEventId: identifiedId,
    dueAt: DUE_AT,
    generation: 1,
  });
  const fire = () => reactor.handle(timer());
  const raisedEvents = async () =>
    (await store.readStream('case-case-1')).filter((e) => e.type === 'FollowUpDue.v1');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leap-timer-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    reactor = new RaiseFollowUpWhenTimerFires(store, clock, config, new FollowUpFactsReader(store));
    [identifiedId] = (await append([event.studentIdentified()])) as [string];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises the follow-up as the system once the clock passes the due time', async () => {
    now = new Date(DUE_AT);
    expect(await fire()).toBe('raised');
    const [raised] = await raisedEvents();
    expect(raised).toMatchObject({
      id: expect.any(String),
      data: {
        followUpId: followUpIdOf('case-1', 'offer_consent', identifiedId),
        rule: 'offer_consent',
        dueAt: DUE_AT,
        triggerEventId: identifiedId,
        entryId: null,
      },
      metadata: {
        actorId: 'system',
        actorRole: 'system',
        commandType: 'RaiseFollowUp',
        causationId: identifiedId,
        correlationId: 'corr-1',
        recordedAt: DUE_AT,
      },
    });
  });

  it('raises nothing before the due time, by the injected clock', async () => {
    now = new Date(Date.parse(DUE_AT) - 1);
    expect(await fire()).toBe('not_yet_due');
    expect(await raisedEvents()).toEqual([]);
  });

  it('raises nothing once the action the rule waited for was recorded', async () => {
    await append([event.consentOffered()]);
    now = new Date('2024-12-01T00:00:00.000Z');
    expect(await fire()).toBe('no_longer_applies');
    expect(await raisedEvents()).toEqual([]);
  });

  it('fails, rather than completes, a timer whose case is not in this event store', async () => {
    now = new Date(DUE_AT);
    await expect(reactor.handle(timer('case-elsewhere'))).rejects.toThrow(
      'Case case-elsewhere of this timer is not in the event store',
    );
  });

  it('raises once however often the timer fires, even concurrently', async () => {
    now = new Date(DUE_AT);
    // Concurrent raises at the same revision carry the same event id: the store keeps one.
    const outcomes = await Promise.all([fire(), fire(), fire()]);
    expect(outcomes).toContain('raised');
    expect(await fire()).toBe('already_raised');
    expect(await raisedEvents()).toHaveLength(1);
  });

  it('gives the follow-up event the same id whichever process raises it', async () => {
    now = new Date(DUE_AT);
    await fire();
    const [first] = await raisedEvents();
    const other = mkdtempSync(join(tmpdir(), 'leap-timer-'));
    const otherStore = new SqliteEventStore(join(other, 'events.sqlite'));
    try {
      const history = await store.readStream('case-case-1');
      await otherStore.appendToStream(
        'case-case-1',
        [
          {
            id: identifiedId,
            type: history[0]!.type,
            data: history[0]!.data,
            metadata: history[0]!.metadata,
          },
        ],
        'no_stream',
      );
      await new RaiseFollowUpWhenTimerFires(
        otherStore,
        clock,
        config,
        new FollowUpFactsReader(otherStore),
      ).handle(timer());
      const [second] = (await otherStore.readStream('case-case-1')).filter(
        (e) => e.type === 'FollowUpDue.v1',
      );
      expect(second!.id).toBe(first!.id);
    } finally {
      await otherStore.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
