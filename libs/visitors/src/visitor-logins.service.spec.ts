import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '@leap/commands';
import { DomainError, type Pseudonymize } from '@leap/domain';
import { SqliteEventStore, type EventStore } from '@leap/event-store';
import { VisitorLogins } from './visitor-logins.service';
import { visitorStreamId } from './visitor-streams';

const pseudonymize: Pseudonymize = (kind, id) => `${kind}-of-${id.length}`;
/** Claims are dated by the store's clock, so the commands' clock starts now. */
const T0 = new Date();
let n = 0;
const contextAt = (receivedAt: Date): CommandContext => {
  const commandId = `cmd-${++n}`;
  return {
    actor: { id: 'coord', role: 'coordinator' },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    receivedAt,
  };
};
const seconds = (s: number) => new Date(T0.getTime() + s * 1000);

describe('when a registration claims a login', () => {
  let dir: string;
  let store: EventStore;
  let logins: VisitorLogins;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-logins-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    logins = new VisitorLogins(store, pseudonymize);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof DomainError ? error.code : Promise.reject(error)),
    );
  const registerVisitor = (visitorId: string) =>
    store.appendToStream(
      visitorStreamId(visitorId),
      [
        {
          id: `00000000-0000-4000-8000-00000000000${++n % 10}`,
          type: 'VisitorRegistered.v1',
          data: {},
          metadata: {},
        },
      ],
      'no_stream',
    );

  it('names the claim stream by the login’s pseudonym, never the login', async () => {
    await logins.claim('d1', 'ana@district.example', 'visitor-a', contextAt(T0));
    const [claim] = await store.readAll({ filter: { streamPrefixes: ['visitorlogin-'] } });
    expect(claim!.streamId).toBe('visitorlogin-d1.subject-of-20');
    expect(JSON.stringify([claim!.data, claim!.metadata])).not.toContain('ana@');
  });

  it('refuses another visitor while the holder is registered, however old the claim', async () => {
    await logins.claim('d1', 'ana', 'visitor-a', contextAt(T0));
    await registerVisitor('visitor-a');
    expect(await codeOf(logins.claim('d1', 'ana', 'visitor-b', contextAt(seconds(3600))))).toBe(
      'subject_taken',
    );
  });

  it('holds the login for a registration still under way, and frees it once that claim is left over from a crash', async () => {
    await logins.claim('d1', 'ana', 'visitor-a', contextAt(T0));
    expect(await codeOf(logins.claim('d1', 'ana', 'visitor-b', contextAt(seconds(30))))).toBe(
      'subject_taken',
    );
    expect(await codeOf(logins.claim('d1', 'ana', 'visitor-b', contextAt(seconds(61))))).toBeNull();
    await registerVisitor('visitor-b');
    expect(await codeOf(logins.claim('d1', 'ana', 'visitor-a', contextAt(seconds(62))))).toBe(
      'subject_taken',
    );
  });

  it('lets the visitor that claimed it claim again, so a retried registration completes', async () => {
    await logins.claim('d1', 'ana', 'visitor-a', contextAt(T0));
    expect(await codeOf(logins.claim('d1', 'ana', 'visitor-a', contextAt(seconds(5))))).toBeNull();
    expect(await store.readStream('visitorlogin-d1.subject-of-3')).toHaveLength(1);
  });
});
