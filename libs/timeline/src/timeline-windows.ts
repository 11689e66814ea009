/**
 * How a timeline larger than its buffer is cut into passes: consecutive business dates grouped so
 * that each group's events fit the buffer. A date with more events than the buffer holds is a group
 * of its own; its events need no buffer at all, as the store reads them in recorded order, which is
 * the order within a date.
 */
export interface DateWindow {
  dates: string[];
  events: number;
}

/** `counts` by business date, in any order; windows in business-date order. */
export function planWindows(counts: ReadonlyMap<string, number>, budget: number): DateWindow[] {
  const windows: DateWindow[] = [];
  let current: DateWindow = { dates: [], events: 0 };
  for (const date of [...counts.keys()].sort()) {
    const events = counts.get(date)!;
    if (current.dates.length > 0 && current.events + events > budget) {
      windows.push(current);
      current = { dates: [], events: 0 };
    }
    current.dates.push(date);
    current.events += events;
  }
  if (current.dates.length > 0) windows.push(current);
  return windows;
}
