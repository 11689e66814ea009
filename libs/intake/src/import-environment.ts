import type { Pseudonymize } from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import type { ImportEnvironment } from './importer';

/** The state's time zone: "today" for imports that name no district. */
export const STATE_TIME_ZONE = 'America/New_York';

/** The calendar date at `now` in `timeZone` (`YYYY-MM-DD`). */
export function businessDateIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function importEnvironment(
  store: EventStore,
  pseudonymize: Pseudonymize,
  now: Date,
  timeZone: string = STATE_TIME_ZONE,
): ImportEnvironment {
  return { store, pseudonymize, today: businessDateIn(timeZone, now) };
}
