import { seededUniform as random } from '@leap/domain';
import type { FidelityEvent } from '../domain/evolve-facts';
import { CaseEvents, district, visitor } from './fidelity-events';

const START = Date.parse('2025-08-25T00:00:00Z');
const dateAt = (day: number) => new Date(START + day * 86_400_000).toISOString().slice(0, 10);

/**
 * Random case histories over about five months: every kind of fact, in date order per case; two
 * districts of two regions, two schools each. `households: false` leaves out household visits.
 */
export function randomHistories(seed: number, options: { households?: boolean } = {}): FidelityEvent[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const events: FidelityEvent[] = [
    ...district('d1', 'CREC', ['s1', 's2']),
    ...district('d2', 'EDU', ['s1', 's2']),
    ...visitor('v1', 'school', '2025-08-20'),
    ...visitor('v2', 'community', '2025-10-01'),
  ];
  for (let n = 0; n < 60; n++) {
    const c = new CaseEvents(`c${n}`);
    let day = Math.floor(next() * 120);
    const later = () => (day += 1 + Math.floor(next() * 12));
    c.identified(dateAt(day), pick(['s1', 's2']), pick(['d1', 'd1', 'd2']));
    if (next() < 0.8) c.offered(dateAt(later()));
    const decision = next();
    if (decision < 0.6) c.granted(dateAt(later()));
    else if (decision < 0.8) c.declined(dateAt(later()));
    for (let i = 0, visits = Math.floor(next() * 4); i < visits; i++) {
      // Siblings' records of one household visit agree on where and who (trained before any date);
      // their dates and codes may differ.
      const household = (options.households ?? true) && next() < 0.2 ? `hv${n % 7}` : null;
      c.visit(`c${n}v${i}`, dateAt(later()), {
        location: household ? 'home' : pick(['home', 'school', 'virtual', 'phone']),
        visitorIds: household ? ['v1'] : pick([['v1'], ['v2'], ['v1', 'v2']]),
        barriers: next() < 0.5 ? [pick(['transportation', 'housing'])] : [],
        ...(household ? { householdVisitId: household } : {}),
      });
      if (next() < 0.3) c.call(`c${n}k${i}`, dateAt(later()));
    }
    if (next() < 0.3) c.voided(`c${n}v0`, 'visit', dateAt(later()));
    if (next() < 0.4) {
      c.referred(`c${n}r`, dateAt(later()), pick(['food', 'housing']), pick([null, 'p1']));
      if (next() < 0.6) c.outcome(`c${n}r`, dateAt(later()), pick(['connected', 'declined']));
    }
    if (next() < 0.4) c.checked(`c${n}a`, dateAt(later()));
    if (next() < 0.4) {
      c.due(`c${n}f`, `${dateAt(later())}T15:00:00Z`);
      if (next() < 0.5) c.completed(`c${n}f`, dateAt(later()));
    }
    if (next() < 0.1) c.withdrawn(dateAt(later()));
    events.push(...c.events);
  }
  return events;
}
