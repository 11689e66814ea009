import { randomUUID } from 'node:crypto';
import type { EventLog } from './log';
import { jsonEvent } from './stream-state';

/**
 * What a freshly started server has already written to `$all` before any client arrives: its
 * epoch, the metadata of its statistics stream, the default users, the default ACL settings and
 * the projections subsystem's marker. All `$`-prefixed, so `$all` readers and subscriptions that
 * must ignore system events are exercised from the first record.
 */
export function writeStartUpEvents(log: EventLog, endpoint: string): void {
  const json = (value: unknown) => JSON.stringify(value);
  const write = (stream: string, type: string, data: unknown) =>
    log.record(stream, jsonEvent(type, json(data)));
  write('$epoch-information', '$epoch-information', {
    epochId: randomUUID(),
    epochNumber: 0,
    epochPosition: 0,
    leaderInstanceId: randomUUID(),
  });
  write(`$$$stats-${endpoint}`, '$metadata', { $maxAge: 86_400 });
  for (const [login, fullName, groups] of [
    ['admin', 'Event Store Administrator', ['$admins']],
    ['ops', 'Event Store Operations', ['$ops']],
  ] as const) {
    write(`$user-${login}`, '$user', { loginName: login, fullName, groups, disabled: false });
    write('$users', '$User', login);
  }
  write('$settings', '$settings', {
    $userStreamAcl: { $r: '$all', $w: '$all', $d: '$all', $mr: '$all', $mw: '$all' },
    $systemStreamAcl: { $r: '$admins', $w: '$admins', $d: '$admins', $mr: '$admins', $mw: '$admins' },
  });
  write('$projections-$all', '$ProjectionsInitialized', {});
}
